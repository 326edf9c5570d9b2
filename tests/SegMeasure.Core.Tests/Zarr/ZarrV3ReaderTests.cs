using System.Buffers.Binary;
using System.Text.Json;
using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;
using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Tests.Zarr;

/// <summary>
/// Zarr v3 / OME-Zarr 0.5 stores built by hand from the specification (make_zarr_v3_cases.py):
/// sharding (index at the end and at the start, CRC-32C, empty inner chunks, edge shards),
/// transpose, big-endian bytes, v2 chunk keys, gzip, zstd, blosc. Pixels and scale equal the
/// arrays the script wrote; every shard's index is also checked byte by byte, independently of
/// the reader, against the entries and checksum the script computed.
/// </summary>
public class ZarrV3ReaderTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Expected = new(() => ZarrTestData.Expected("expected_v3.json"));

    public static TheoryData<string> Stores() => new(Expected.Value.Keys.Order());

    [Theory]
    [MemberData(nameof(Stores))]
    public void Reads_the_arrays_that_were_written(string store)
    {
        var expected = Expected.Value[store];
        var pixels = ImagePixels.Read(ZarrTestData.Store(store), null, default);
        Assert.Equal(ZarrTestData.Ints(expected, "shape"), pixels.Shape);
        Assert.Equal(expected.GetProperty("dtype").GetString(), pixels.PixelType.ToDTypeName());
        Assert.Equal(expected.GetProperty("sha256").GetString(), PixelChecksum.Sha256(pixels.Data));
        if (expected.TryGetProperty("axes", out var axes))
        {
            Assert.Equal(axes.GetString(), pixels.Axes);
            var scale = expected.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal(scale, pixels.VoxelSize.ToScale(scale.Length == 2));
            Assert.Equal("micron", pixels.VoxelSize.Unit);
        }
    }

    public static TheoryData<string, string> Shards()
    {
        var data = new TheoryData<string, string>();
        foreach (var (store, e) in Expected.Value)
            if (e.TryGetProperty("shards", out var shards))
                foreach (var shard in shards.EnumerateObject()) data.Add(store, shard.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shards))]
    public void Shard_index_bytes_match_the_entries_written(string store, string shardKey)
    {
        var expected = Expected.Value[store].GetProperty("shards").GetProperty(shardKey);
        var entries = expected.GetProperty("entries").EnumerateArray().Select(e => (e[0].GetUInt64(), e[1].GetUInt64())).ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(ZarrTestData.Store(store), "0", shardKey.Replace('/', Path.DirectorySeparatorChar)));
        Assert.Equal(expected.GetProperty("length").GetInt32(), bytes.Length);

        // The index is 16 bytes per inner chunk plus a 4-byte CRC-32C, at the end or at the start of the shard.
        int indexLength = 16 * entries.Length + 4;
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(ZarrTestData.Store(store), "0", "zarr.json")));
        bool atEnd = meta.RootElement.GetProperty("codecs")[0].GetProperty("configuration").GetProperty("index_location").GetString() == "end";
        var index = atEnd ? bytes.AsSpan(bytes.Length - indexLength) : bytes.AsSpan(0, indexLength);
        for (int i = 0; i < entries.Length; i++)
        {
            Assert.Equal(entries[i].Item1, BinaryPrimitives.ReadUInt64LittleEndian(index[(16 * i)..]));
            Assert.Equal(entries[i].Item2, BinaryPrimitives.ReadUInt64LittleEndian(index[(16 * i + 8)..]));
        }

        var crc = BinaryPrimitives.ReadUInt32LittleEndian(index[^4..]);
        Assert.Equal(expected.GetProperty("crc32c").GetUInt32(), crc);
        Assert.Equal(crc, Crc32C.Compute(index[..^4]));
        // Every non-empty inner chunk lies in the data part and they do not overlap.
        var used = entries.Where(e => e.Item1 != ulong.MaxValue).OrderBy(e => e.Item1).ToArray();
        ulong dataStart = atEnd ? 0 : (ulong)indexLength, dataEnd = (ulong)bytes.Length - (atEnd ? (ulong)indexLength : 0);
        for (int i = 0; i < used.Length; i++)
        {
            Assert.InRange(used[i].Item1, dataStart, dataEnd);
            Assert.True(used[i].Item1 + used[i].Item2 <= (i + 1 < used.Length ? used[i + 1].Item1 : dataEnd));
        }
    }

    [Fact]
    public void The_same_volume_as_v2_and_as_v3_measures_identically()
    {
        static string Csv(MeasurementTable table)
        {
            using var stream = new MemoryStream();
            DelimitedTableFormat.Write(stream, table, ',');
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        Assert.Equal(Csv(MeasurementFiles.Morphology(ZarrTestData.Store("nuclei_3d_labels.tif"))), Csv(MeasurementFiles.Morphology(ZarrTestData.Store("nuclei_3d_v3.ome.zarr"))));
        Assert.Equal(Csv(MeasurementFiles.Morphology(ZarrTestData.Store("nuclei_2d_labels.tif"))), Csv(MeasurementFiles.Morphology(ZarrTestData.Store("nuclei_2d_v3.ome.zarr/labels/nuclei"))));
    }
}
