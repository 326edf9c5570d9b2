using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Streaming;

/// <summary>
/// Rows of a TIFF decoded band by band (a strip, or a row of tiles) as cursors ask for them, so
/// that an image larger than memory can be measured: a cursor holds one band. Only files whose
/// pages are the Z planes of one channel, one sample per pixel, are read this way; other layouts
/// (channels, interleaved samples, axes needing a transpose) are read whole.
/// </summary>
internal sealed class TiffRows : ImageRows
{
    private readonly TiffReader _reader;
    private readonly IReadOnlyList<TiffPage> _planes;

    private TiffRows(TiffReader reader, VolumeLayout layout)
        : base(layout.Shape, reader.Series.PixelType, reader.Series.VoxelSize, reader.Path)
    {
        _reader = reader;
        _planes = reader.Series.Pages;
    }

    /// <summary>The file's rows, or null when its layout is not a plain stack of single-sample planes.</summary>
    public static TiffRows? TryOpen(string path)
    {
        var reader = TiffReader.Open(path);
        try
        {
            var series = reader.Series;
            var layout = VolumeLayout.From(series.Shape, series.Axes, path);
            bool plain = layout.Channels == 1 && layout.XStride == 1 && layout.YStride == layout.Width
                && (layout.Depth == 1 || layout.ZStride == (long)layout.Height * layout.Width)
                && series.Pages.Count == layout.Depth && series.ElementCount == layout.Shape.Length
                && series.Pages.All(p => p.Planes == 1 && p.SamplesPerPlanePixel == 1 && p.Width == layout.Width && p.Height == layout.Height);
            if (plain) return new TiffRows(reader, layout);
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        reader.Dispose();
        return null;
    }

    public override RowCursor OpenCursor() => new Cursor(this);

    public override void Dispose() => _reader.Dispose();

    private sealed class Cursor : RowCursor
    {
        private readonly TiffRows _rows;
        private readonly TiffBandDecoder _decoder;
        private readonly int _height;
        private byte[] _band = [];
        private int _page = -1, _bandIndex = -1;

        public Cursor(TiffRows rows)
        {
            _rows = rows;
            _decoder = rows._reader.CreateBandDecoder();
            _height = rows.Shape.Height;
        }

        public override ReadOnlySpan<byte> Row(int row)
        {
            int z = row / _height, y = row % _height;
            var page = _rows._planes[z];
            int band = y / page.BandRows;
            if (z != _page || band != _bandIndex)
            {
                int bytes = TiffBandDecoder.BandBytes(page, band);
                if (_band.Length < bytes) _band = GC.AllocateUninitializedArray<byte>((int)(page.BandRows * page.RowBytes));
                _decoder.Decode(page, 0, band, _band.AsSpan(0, bytes));
                (_page, _bandIndex) = (z, band);
            }

            int rowBytes = (int)page.RowBytes;
            return _band.AsSpan((y - band * page.BandRows) * rowBytes, rowBytes);
        }

        public override void Dispose() => _decoder.Dispose();
    }
}
