using System.Buffers;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// Decodes one band (a strip, or a row of tiles) of a page into caller-provided memory as
/// little-endian samples in row-major order. Owns scratch buffers, so use one per thread.
/// </summary>
internal sealed class TiffBandDecoder : IDisposable
{
    private readonly TiffSource _source;
    private byte[] _compressed = [];
    private byte[] _tile = [];
    private LibTiffBandDecoder? _libTiff;

    public TiffBandDecoder(TiffSource source) => _source = source;

    /// <summary>Bytes of band <paramref name="band"/> of one plane: rows × <see cref="TiffPage.RowBytes"/>.</summary>
    public static int BandBytes(TiffPage page, int band) => (int)(page.RowsInBand(band) * page.RowBytes);

    public void Decode(TiffPage page, int plane, int band, Span<byte> destination)
    {
        if (page.UsesLibTiff)
        {
            _libTiff ??= new LibTiffBandDecoder(_source.Path);
            _libTiff.Decode(page, plane, band, destination);
            return;
        }

        int rows = page.RowsInBand(band);
        if (!page.IsTiled)
        {
            int chunk = plane * page.BandsPerPlane + band;
            var target = destination[..(int)(rows * page.RowBytes)];
            DecodeChunk(page, chunk, target, "strip");
            FinishSamples(page, target, page.Width);
            return;
        }

        int tileBytes = (int)(page.ChunkSamples * page.BytesPerSample);
        if (_tile.Length < tileBytes)
        {
            ReturnBuffer(_tile);
            _tile = ArrayPool<byte>.Shared.Rent(tileBytes);
        }

        var tile = _tile.AsSpan(0, tileBytes);
        int pixelBytes = page.SamplesPerPlanePixel * page.BytesPerSample;
        int tileRowBytes = page.TileWidth * pixelBytes;
        for (int tx = 0; tx < page.TilesAcross; tx++)
        {
            int chunk = (plane * page.BandsPerPlane + band) * page.TilesAcross + tx;
            DecodeChunk(page, chunk, tile, "tile");
            FinishSamples(page, tile, page.TileWidth);
            int x0 = tx * page.TileWidth;
            int copyBytes = Math.Min(page.TileWidth, page.Width - x0) * pixelBytes;
            for (int r = 0; r < rows; r++)
                tile.Slice(r * tileRowBytes, copyBytes).CopyTo(destination.Slice((int)(r * page.RowBytes) + x0 * pixelBytes, copyBytes));
        }
    }

    private void DecodeChunk(TiffPage page, int chunk, Span<byte> target, string what)
    {
        var offset = page.ChunkOffsets[chunk];
        var count = (int)Math.Min(page.ChunkByteCounts[chunk], int.MaxValue);
        if (page.Compression == TiffCompressionCodes.None)
        {
            _source.Read(offset, target, $"{what} {chunk}");
            return;
        }

        if (_compressed.Length < count)
        {
            ReturnBuffer(_compressed);
            _compressed = ArrayPool<byte>.Shared.Rent(count);
        }

        _source.Read(offset, _compressed.AsSpan(0, count), $"{what} {chunk}");
        int decoded;
        try
        {
            decoded = page.Compression switch
            {
                TiffCompressionCodes.Lzw => LzwDecoder.Decode(_compressed.AsSpan(0, count), target),
                TiffCompressionCodes.PackBits => PackBitsDecoder.Decode(_compressed.AsSpan(0, count), target),
                _ => DeflateDecoder.Decode(_compressed, count, target),
            };
        }
        // zlib reports some corrupt streams as an IOException of its own (ZLibException) rather
        // than InvalidDataException; both mean the compressed bytes are bad, as does a decoder
        // running off the end of its input.
        catch (Exception e) when (e is InvalidDataException or IOException or IndexOutOfRangeException or ArgumentException)
        {
            throw new TiffFormatException($"page {page.Index}: {what} {chunk} is corrupt ({TiffCompressionCodes.Name(page.Compression)}): {e.Message}", _source.Path, ErrorKind.InvalidData, e);
        }

        if (decoded < target.Length)
            throw _source.Error($"page {page.Index}: {what} {chunk} decodes to {decoded} of {target.Length} bytes (truncated or corrupt {TiffCompressionCodes.Name(page.Compression)} data)");
    }

    /// <summary>Undoes the predictor and brings samples to little-endian.</summary>
    private static void FinishSamples(TiffPage page, Span<byte> data, int rowPixels)
    {
        int bps = page.BytesPerSample;
        int rowSamples = rowPixels * page.SamplesPerPlanePixel;
        if (page.Predictor == Predictor.FloatingPoint)
        {
            Predictor.UndoFloatingPoint(data, bps, rowSamples, page.SamplesPerPlanePixel);
            return;
        }

        if (page.ByteOrder.IsBigEndian && bps > 1) SampleByteOrder.Reverse(data, bps);
        if (page.Predictor == Predictor.Horizontal) Predictor.UndoHorizontal(data, bps, rowSamples, page.SamplesPerPlanePixel);
    }

    private static void ReturnBuffer(byte[] buffer)
    {
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    public void Dispose()
    {
        ReturnBuffer(_compressed);
        ReturnBuffer(_tile);
        _libTiff?.Dispose();
        _libTiff = null;
        _compressed = [];
        _tile = [];
    }
}
