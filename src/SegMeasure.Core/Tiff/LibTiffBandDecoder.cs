using BitMiracle.LibTiff.Classic;
using LibTiff = BitMiracle.LibTiff.Classic.Tiff;
using LibTiffTag = BitMiracle.LibTiff.Classic.TiffTag;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// Decodes bands of the pages our own codec does not handle — JPEG (7), old-style JPEG (6),
/// CCITT RLE/T.4/T.6 and the other compressions LibTiff.NET knows, and 1-bit (bilevel) pixels —
/// through LibTiff.NET, into the same little-endian row-major layout as <see cref="TiffBandDecoder"/>.
/// Bilevel pixels become one byte each, 0 or 1 as stored (tifffile's bool array). JPEG in
/// YCbCr comes out as RGB. Geometry and metadata stay ours: only the chunk decoding is LibTiff's.
/// One instance per thread; LibTiff.NET's handle is not thread-safe.
/// </summary>
internal sealed class LibTiffBandDecoder : IDisposable
{
    private readonly string _path;
    private readonly LibTiffClient _client;
    private readonly LibTiff _tiff;
    private int _directory = -1;
    private byte[] _chunk = [];

    public LibTiffBandDecoder(string path)
    {
        LibTiffErrors.EnsureInstalled();
        _path = path;
        _client = new LibTiffClient(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess));
        try
        {
            _tiff = LibTiff.ClientOpen(path, "r", _client, new LibTiffClientStream())
                ?? throw Error($"LibTiff.NET cannot open the file: {_client.LastError ?? "unreadable directory"}");
        }
        catch (Exception e) when (e is not (SegMeasureException or OutOfMemoryException))
        {
            // LibTiff.NET parses tags its own way and can throw plain .NET exceptions on garbage.
            _client.Stream.Dispose();
            throw Error($"LibTiff.NET cannot open the file: {e.Message}");
        }
        catch
        {
            _client.Stream.Dispose();
            throw;
        }
    }

    public void Decode(TiffPage page, int plane, int band, Span<byte> destination)
    {
        try
        {
            SelectDirectory(page);
        }
        catch (Exception e) when (e is not (SegMeasureException or OutOfMemoryException))
        {
            throw Error($"page {page.Index}: LibTiff.NET cannot read this page: {e.Message}");
        }

        int rows = page.RowsInBand(band);
        int packedRowBytes = page.IsBilevel ? (page.TileWidth * page.SamplesPerPlanePixel + 7) / 8 : page.TileWidth * page.SamplesPerPlanePixel * page.BytesPerSample;
        int chunkRows = page.BandRows;
        int chunkBytes = packedRowBytes * chunkRows;
        if (_chunk.Length < chunkBytes) _chunk = new byte[chunkBytes];

        int pixelBytes = page.SamplesPerPlanePixel * page.BytesPerSample;
        for (int tx = 0; tx < page.TilesAcross; tx++)
        {
            int chunk = (plane * page.BandsPerPlane + band) * page.TilesAcross + tx;
            int decoded;
            _client.LastError = null;
            try
            {
                decoded = page.IsTiled ? _tiff.ReadEncodedTile(chunk, _chunk, 0, chunkBytes) : _tiff.ReadEncodedStrip(chunk, _chunk, 0, chunkBytes);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw Error($"page {page.Index}: {What(page)} {chunk} is corrupt ({TiffCompressionCodes.Name(page.Compression)}): {e.Message}");
            }

            if (decoded < 0 || _client.LastError is not null)
                throw Error($"page {page.Index}: {What(page)} {chunk} cannot be decoded ({TiffCompressionCodes.Name(page.Compression)}): {_client.LastError ?? "LibTiff.NET reports an error"}");
            if (decoded < rows * packedRowBytes && !page.IsTiled)
                throw Error($"page {page.Index}: {What(page)} {chunk} decodes to {decoded} of {rows * packedRowBytes} bytes (truncated or corrupt {TiffCompressionCodes.Name(page.Compression)} data)");

            int x0 = tx * page.TileWidth;
            int columns = Math.Min(page.TileWidth, page.Width - x0);
            for (int r = 0; r < rows; r++)
            {
                var source = _chunk.AsSpan(r * packedRowBytes, packedRowBytes);
                var target = destination.Slice((int)(r * page.RowBytes) + x0 * pixelBytes, columns * pixelBytes);
                if (page.IsBilevel) UnpackBits(source, target);
                else source[..target.Length].CopyTo(target);
            }
        }
    }

    /// <summary>Most significant bit first (LibTiff has already applied FillOrder).</summary>
    private static void UnpackBits(ReadOnlySpan<byte> packed, Span<byte> target)
    {
        for (int i = 0; i < target.Length; i++) target[i] = (byte)((packed[i >> 3] >> (7 - (i & 7))) & 1);
    }

    private void SelectDirectory(TiffPage page)
    {
        if (_directory == page.Index) return;
        _client.LastError = null;
        if (page.Index > short.MaxValue || !_tiff.SetDirectory((short)page.Index))
            throw Error($"page {page.Index}: LibTiff.NET cannot read this page: {_client.LastError ?? "no such directory"}");
        if (page.Compression is TiffCompressionCodes.Jpeg or TiffCompressionCodes.OldJpeg
            && _tiff.GetField(LibTiffTag.PHOTOMETRIC) is { } photometric && photometric[0].ToInt() == (int)Photometric.YCBCR)
            _tiff.SetField(LibTiffTag.JPEGCOLORMODE, JpegColorMode.RGB);
        _directory = page.Index;
        _client.LastError = null;
    }

    private static string What(TiffPage page) => page.IsTiled ? "tile" : "strip";

    private TiffFormatException Error(string message) => new(message, _path);

    public void Dispose() => _tiff.Dispose();
}
