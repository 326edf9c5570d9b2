using System.Diagnostics;
using SegMeasure.Core.Fuzzing;
using SegMeasure.Core.Images;
using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Tests.Zarr;

/// <summary>
/// Broken stores fail with a typed error naming the file at fault, each within a second: bad
/// JSON, wrong chunk sizes, truncated blosc frames, shard indexes pointing outside the shard,
/// bad checksums, unsupported types. A missing chunk is not an error: the specification makes
/// it the fill value. And a seeded mutation fuzz loop over the reference stores.
/// </summary>
public class MalformedZarrTests : IDisposable
{
    private readonly TemporaryDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Copy(string store)
    {
        var source = ZarrTestData.Store(store);
        var target = _dir.File(Path.GetFileName(store));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    private static ZarrFormatException Refused(string path, string namedFile)
    {
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<ZarrFormatException>(() => ImageFile.ReadIntensity(path));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Contains(namedFile, error.Message);
        Assert.Equal(namedFile, error.Path);
        return error;
    }

    [Fact]
    public void Bad_json()
    {
        var store = Copy("codec_zlib_u16_C.zarr");
        File.WriteAllText(Path.Combine(store, ".zarray"), "{\"zarr_format\": 2, \"shape\": [37, ");
        Assert.Contains("invalid JSON", Refused(store, Path.Combine(store, ".zarray")).Message);
    }

    [Fact]
    public void Metadata_that_is_not_utf8()
    {
        // Found by the fuzz loop: invalid bytes inside a JSON string only failed when the string was read.
        var store = Copy("codec_zlib_u16_C.zarr");
        var meta = Path.Combine(store, ".zarray");
        var bytes = File.ReadAllBytes(meta);
        int at = Array.IndexOf(bytes, (byte)'<');
        bytes[at] = 0xC3;
        File.WriteAllBytes(meta, bytes);
        Assert.Contains("UTF-8", Refused(store, meta).Message);
    }

    [Fact]
    public void Chunk_of_the_wrong_size()
    {
        var store = Copy("codec_none_u16_C.zarr");
        var chunk = Path.Combine(store, "0.0");
        File.WriteAllBytes(chunk, File.ReadAllBytes(chunk)[..100]);
        Assert.Contains("decodes to 100 bytes", Refused(store, chunk).Message);
    }

    [Fact]
    public void Truncated_blosc_frame()
    {
        var store = Copy("codec_blosc_lz4_shuffle_u16_C.zarr");
        var chunk = Path.Combine(store, "1.1");
        File.WriteAllBytes(chunk, File.ReadAllBytes(chunk)[..40]);
        Refused(store, chunk);
    }

    [Fact]
    public void Corrupt_blosclz_stream()
    {
        // Labels compress, so the block is a real BloscLZ stream (noisy data would be stored raw).
        var store = Copy("codec_blosc_blosclz_shuffle_u8_C.zarr");
        var chunk = Path.Combine(store, "0.0");
        var bytes = File.ReadAllBytes(chunk);
        Assert.True(bytes.Length < 16 * 20, "the chunk should be compressed");
        for (int i = 24; i < bytes.Length; i += 2) bytes[i] = 0xE0; // matches reaching far before the block start
        File.WriteAllBytes(chunk, bytes);
        Refused(store, chunk);
    }

    [Fact]
    public void Shard_index_pointing_outside_the_shard()
    {
        var store = Copy("nuclei_3d_v3.ome.zarr");
        var shard = Path.Combine(store, "0", "c", "0", "0", "0");
        var bytes = File.ReadAllBytes(shard);
        int index = bytes.Length - (16 * 8 + 4);
        BitConverter.TryWriteBytes(bytes.AsSpan(index), (ulong)bytes.Length * 2);
        // keep the checksum right, so the range check is what fires
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 4), Crc32C.Compute(bytes.AsSpan(index, 16 * 8)));
        File.WriteAllBytes(shard, bytes);
        Assert.Contains("outside the shard", Refused(store, shard).Message);
    }

    [Fact]
    public void Shard_index_with_a_bad_checksum()
    {
        var store = Copy("nuclei_3d_v3.ome.zarr");
        var shard = Path.Combine(store, "0", "c", "0", "0", "0");
        var bytes = File.ReadAllBytes(shard);
        bytes[^1] ^= 0x5A;
        File.WriteAllBytes(shard, bytes);
        Assert.Contains("crc32c", Refused(store, shard).Message);
    }

    [Fact]
    public void Unsupported_dtype()
    {
        var store = Copy("codec_zlib_u16_C.zarr");
        var meta = Path.Combine(store, ".zarray");
        File.WriteAllText(meta, File.ReadAllText(meta).Replace("\"<u2\"", "\"<U8\""));
        Assert.Equal(ErrorKind.NotSupported, Refused(store, meta).Kind);
    }

    [Fact]
    public void Chunks_of_a_different_rank()
    {
        var store = Copy("codec_zlib_u16_C.zarr");
        var meta = Path.Combine(store, ".zarray");
        File.WriteAllText(meta, File.ReadAllText(meta).Replace("\"chunks\": [\n        16,\n        20\n    ]", "\"chunks\": [16]"));
        Refused(store, meta);
    }

    [Fact]
    public void A_missing_chunk_is_the_fill_value()
    {
        var store = Copy("codec_zlib_u16_C.zarr");
        File.Delete(Path.Combine(store, "0.0"));
        var pixels = ImagePixels.Read(store, null, default);
        Assert.Equal((ushort)0, ((ushort[])pixels.Data)[0]);
    }

    [Fact]
    public void Mutants_of_the_reference_stores_read_or_fail_typed()
    {
        var sources = Directory.GetDirectories(ZarrTestData.Folder, "*.zarr")
            .Where(d => Path.GetFileName(d).StartsWith("codec_", StringComparison.Ordinal) || Path.GetFileName(d).StartsWith("v3_", StringComparison.Ordinal)
                        || Path.GetFileName(d).StartsWith("fill_value", StringComparison.Ordinal))
            .Append(ZarrTestData.Store("nuclei_3d_v3.ome.zarr"))
            .Order(StringComparer.Ordinal).ToList();
        var campaign = new FuzzCampaign(sources, FuzzCampaign.FolderMutants(_dir.Path), path => ImageFile.ReadIntensity(path))
        {
            AllocationLimitBytes = 64L << 20,
            TimeLimit = TimeSpan.FromSeconds(1),
        };
        var report = campaign.Run(seed: 16, iterations: 2000);
        Assert.True(report.Findings.Count == 0,
            report + "\n" + string.Join("\n", report.Findings.Take(10).Select(f => $"#{f.Iteration} {Path.GetFileName(f.Source)}: {f.Problem}")));
        Assert.True(report.Refused > 0 && report.Read > 0, report.ToString());
    }
}
