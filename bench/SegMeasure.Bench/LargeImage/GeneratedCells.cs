using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Bench.LargeImage;

/// <summary>
/// A label image (and a matching uint16 intensity image) computed row by row, so that a 32768²
/// BigTIFF is written strip by strip without the 4.3 GB image ever being in memory. Cells are
/// ellipses on a jittered grid (one per <see cref="Spacing"/>² pixels: about 500 000 at 32768²),
/// radii 12–22 px, so neighbours touch and overlap and the lower id wins; every band edge cuts
/// through hundreds of cells.
/// </summary>
internal sealed class GeneratedCells
{
    public const int Spacing = 46;

    private readonly int _cellsAcross;
    private readonly (int Cy, int Cx, int Ry, int Rx)[] _cells;

    public GeneratedCells(int size)
    {
        Size = size;
        _cellsAcross = size / Spacing;
        _cells = new (int, int, int, int)[_cellsAcross * _cellsAcross];
        for (int i = 0; i < _cellsAcross; i++)
            for (int j = 0; j < _cellsAcross; j++)
            {
                uint h = Hash((uint)(i * 92821 + j));
                int jy = (int)(h % 13) - 6, jx = (int)(h / 13 % 13) - 6, ry = 12 + (int)(h / 169 % 11), rx = 12 + (int)(h / 1859 % 11);
                _cells[i * _cellsAcross + j] = (i * Spacing + Spacing / 2 + jy, j * Spacing + Spacing / 2 + jx, ry, rx);
            }
    }

    public int Size { get; }

    public int CellCount => _cells.Length;

    /// <summary>Labels of row <paramref name="y"/>: each cell's chord on this row, painted in id order where still background.</summary>
    public void LabelRow(int y, Span<uint> row)
    {
        row.Clear();
        int i0 = Math.Max(0, y / Spacing - 1), i1 = Math.Min(_cellsAcross - 1, y / Spacing + 1);
        for (int i = i0; i <= i1; i++)
            for (int j = 0; j < _cellsAcross; j++)
            {
                var (cy, cx, ry, rx) = _cells[i * _cellsAcross + j];
                double dy = (double)(y - cy) / ry;
                if (dy * dy > 1) continue;
                double half = rx * Math.Sqrt(1 - dy * dy);
                int x0 = Math.Max(0, (int)Math.Ceiling(cx - half)), x1 = Math.Min(Size - 1, (int)Math.Floor(cx + half));
                uint id = (uint)(i * _cellsAcross + j + 1);
                for (int x = x0; x <= x1; x++)
                    if (row[x] == 0) row[x] = id;
            }
    }

    /// <summary>Intensities of row <paramref name="y"/>: a level per cell plus a small texture, a dim textured background.</summary>
    public void IntensityRow(int y, ReadOnlySpan<uint> labels, Span<ushort> row)
    {
        for (int x = 0; x < row.Length; x++)
        {
            uint id = labels[x];
            row[x] = id == 0 ? (ushort)(50 + (x + y) % 5) : (ushort)(100 + id * 37 % 2000 + (x * 7 + y * 13) % 17);
        }
    }

    private static uint Hash(uint v)
    {
        v ^= v >> 16;
        v *= 0x7feb352d;
        v ^= v >> 15;
        v *= 0x846ca68b;
        return v ^ (v >> 16);
    }

    /// <summary>The labels as a sample source for <see cref="TiffWriter"/>: rows computed as strips are encoded.</summary>
    public TiffSampleSource Labels() => new Source(this, PixelType.UInt32);

    /// <summary>The intensities as a sample source for <see cref="TiffWriter"/>.</summary>
    public TiffSampleSource Intensities() => new Source(this, PixelType.UInt16);

    private sealed class Source(GeneratedCells cells, PixelType type) : TiffSampleSource(type, ImageShape.Of2D(cells.Size, cells.Size), 1)
    {
        public override void CopyRows(int page, int row, int rows, Span<byte> destination)
        {
            var labels = new uint[cells.Size];
            var intensities = new ushort[cells.Size];
            int rowBytes = (int)RowBytes;
            for (int r = 0; r < rows; r++)
            {
                cells.LabelRow(row + r, labels);
                var target = destination.Slice(r * rowBytes, rowBytes);
                if (PixelType == PixelType.UInt32)
                {
                    System.Runtime.InteropServices.MemoryMarshal.AsBytes(labels.AsSpan()).CopyTo(target);
                    continue;
                }

                cells.IntensityRow(row + r, labels, intensities);
                System.Runtime.InteropServices.MemoryMarshal.AsBytes(intensities.AsSpan()).CopyTo(target);
            }
        }
    }
}
