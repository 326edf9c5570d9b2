using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;
using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Streaming;

/// <summary>
/// Rows of an OME-Zarr image read chunk row by chunk row (<see cref="ZarrArray.ReadSlab"/>): a cursor
/// holds the one row of chunks its current row lies in. Only arrays whose elements are the Z·Y·X
/// voxels in C order (other axes of size 1) are read this way; others are read whole.
/// </summary>
internal sealed class ZarrRows : ImageRows
{
    private readonly ZarrArray _array;

    private ZarrRows(ZarrArray array, VolumeLayout layout, VoxelSize voxelSize, string path)
        : base(layout.Shape, array.PixelType, voxelSize, path) => _array = array;

    /// <summary>The image's rows, or null when its layout needs more than a row-major walk.</summary>
    public static ZarrRows? TryOpen(string path)
    {
        var image = OmeZarrImage.Open(path);
        var layout = VolumeLayout.From(image.Shape, image.Axes, path);
        bool plain = layout.Channels == 1 && layout.XStride == 1 && layout.YStride == layout.Width
            && (layout.Depth == 1 || layout.ZStride == (long)layout.Height * layout.Width)
            && image.Shape.Aggregate(1L, (a, b) => a * b) == layout.Shape.Length;
        return plain ? new ZarrRows(image.Array, layout, image.VoxelSize, path) : null;
    }

    public override RowCursor OpenCursor() => new Cursor(this);

    private sealed class Cursor(ZarrRows rows) : RowCursor
    {
        private readonly int[] _shape = rows._array.Shape;
        private readonly int[] _chunks = rows._array.Metadata.ChunkShape;
        private readonly int _rowBytes = rows.Shape.Width * rows.PixelType.SizeInBytes();
        private ZarrSlab? _slab;
        private int[] _lead = [];

        public override ReadOnlySpan<byte> Row(int row)
        {
            // The row's first element as an index per axis (C order), then the chunk row holding it.
            int rank = _shape.Length;
            var index = new int[rank];
            long flat = (long)row * rows.Shape.Width;
            for (int d = rank - 1; d >= 0; d--)
            {
                index[d] = (int)(flat % _shape[d]);
                flat /= _shape[d];
            }

            var lead = new int[rank - 1];
            for (int d = 0; d < rank - 1; d++) lead[d] = index[d] / _chunks[d];
            if (_slab is null || !lead.AsSpan().SequenceEqual(_lead))
            {
                _slab = rows._array.ReadSlab(lead);
                _lead = lead;
            }

            long offset = 0;
            for (int d = 0; d < rank - 1; d++) offset = offset * _slab.Shape[d] + (index[d] - _slab.Origin[d]);
            return TiffPixels.BytesOf(_slab.Data, offset * _rowBytes, _rowBytes);
        }
    }
}
