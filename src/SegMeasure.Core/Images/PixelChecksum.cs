using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Images;

/// <summary>
/// SHA-256 of pixel data in the convention of the test-data manifest: every element in C
/// order, little-endian, in its own type (numpy's <c>a.astype(a.dtype.newbyteorder('&lt;')).tobytes()</c>).
/// </summary>
internal static class PixelChecksum
{
    private const int ChunkBytes = 1 << 24;

    /// <summary>Lower-case hex SHA-256 of a typed sample array (the host is little-endian, as the codec requires).</summary>
    public static string Sha256(Array samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        long total = samples.LongLength * Tiff.TiffPixels.SampleSize(samples);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long offset = 0; offset < total; offset += ChunkBytes)
            hash.AppendData(TiffPixels.BytesOf(samples, offset, (int)Math.Min(ChunkBytes, total - offset)));
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
