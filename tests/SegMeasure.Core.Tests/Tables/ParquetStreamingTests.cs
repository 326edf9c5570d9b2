using SegMeasure.Core.Tables;
using SegMeasure.Tests.Shared;

namespace SegMeasure.Core.Tests.Tables;

[CollectionDefinition(nameof(MemoryMeasuring), DisableParallelization = true)]
public sealed class MemoryMeasuring;

/// <summary>
/// A plate-scale table: ten shard tables of a million rows each joined into one Parquet file of
/// ten million rows, written as a stream (one row group at a time), checked by DuckDB.
/// Runs alone so the managed heap it watches is its own.
/// </summary>
[Collection(nameof(MemoryMeasuring))]
public sealed class ParquetStreamingTests : IDisposable
{
    private const int Shards = 10;
    private const int RowsPerShard = 1_000_000;
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static MeasurementTable Shard(int shard)
    {
        long first = (long)shard * RowsPerShard;
        var index = new long?[RowsPerShard];
        var area = new double[RowsPerShard];
        var well = new string?[RowsPerShard];
        for (int i = 0; i < RowsPerShard; i++)
        {
            long id = first + i + 1;
            index[i] = id;
            area[i] = id * 0.5;
            well[i] = "W" + (id % 384).ToString("D3");
        }

        return new MeasurementTable([new IntegerColumn("index", index), new DoubleColumn("area", area), new TextColumn("well", well)]);
    }

    [Fact]
    public void Ten_million_rows_are_joined_as_a_stream_and_DuckDB_reads_them_back()
    {
        var parts = new List<string>();
        for (int s = 0; s < Shards; s++)
        {
            var path = _dir.File($"shard-{s:D4}.parquet");
            TableFile.Write(path, Shard(s));
            parts.Add(path);
        }

        var output = _dir.File("plate.parquet");
        long peak = ManagedHeapPeak.While(() => TableConcatFile.Write(parts, output, sourceColumn: null, overwrite: false));

        // The rows alone, held at once, would take over 700 MB (long?, double and a string per row);
        // the stream holds about one row group in and one out.
        Assert.True(peak < 150L << 20, $"managed heap grew by {peak >> 20} MB while joining");

        var literal = DuckDb.Literal(output);
        var summary = DuckDb.Query($"SELECT count(*), sum(\"index\")::BIGINT, sum(area), count(DISTINCT well), min(\"index\"), max(\"index\") FROM read_parquet({literal})")[0];
        long n = (long)Shards * RowsPerShard;
        Assert.Equal(n, Convert.ToInt64(summary[0]));
        Assert.Equal(n * (n + 1) / 2, Convert.ToInt64(summary[1]));
        Assert.Equal(n * (n + 1) / 4.0, Convert.ToDouble(summary[2]), 1e-9);
        Assert.Equal(384L, Convert.ToInt64(summary[3]));
        Assert.Equal(1L, Convert.ToInt64(summary[4]));
        Assert.Equal(n, Convert.ToInt64(summary[5]));
        var groups = DuckDb.Query($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata({literal})")[0];
        Assert.True(Convert.ToInt64(groups[0]) >= n / ParquetTableFormat.RowGroupRows, "written in row groups");
        var row = DuckDb.Query($"SELECT \"index\", area, well FROM read_parquet({literal}) WHERE \"index\" = 7654321")[0];
        Assert.Equal([7654321L, 7654321 * 0.5, "W" + (7654321 % 384).ToString("D3")], row);
    }
}
