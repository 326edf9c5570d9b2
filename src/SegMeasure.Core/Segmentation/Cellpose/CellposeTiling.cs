namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's tiling (core.run_net with transforms.get_pad_yx, make_tiles and average_tiles):
/// the image is padded with zeros to a multiple of 16 plus 8 on each side, cut into tiles of
/// 224 pixels overlapping by at least 10 % on evenly spaced starts, and the network's tile
/// outputs are averaged with a sigmoid taper (σ 7.5, falling off 20 pixels from the edges).
/// A padded side shorter than 224 is one tile of its own length, with the middle of the taper,
/// as Cellpose runs it; a model that takes only whole tiles gets the image padded further to one.
/// </summary>
internal sealed class CellposeTiling
{
    /// <summary>Cellpose's tile side (bsize).</summary>
    public const int TileSize = 224;

    public int Height { get; }
    public int Width { get; }
    public int PadTop { get; }
    public int PadLeft { get; }
    public int PaddedHeight { get; }
    public int PaddedWidth { get; }
    public int[] YStarts { get; }
    public int[] XStarts { get; }
    public int TileCount => YStarts.Length * XStarts.Length;

    /// <summary>The tiles' height and width: 224, or a padded side's own length when that is shorter.</summary>
    public int TileHeight { get; }
    public int TileWidth { get; }

    /// <summary>True when the image was padded to a whole tile that Cellpose would have run smaller.</summary>
    public bool PaddedToWholeTile { get; }

    /// <summary>The tiling of a <paramref name="height"/> × <paramref name="width"/> image (at the network's scale).</summary>
    /// <param name="height">Rows of the image.</param>
    /// <param name="width">Columns of the image.</param>
    /// <param name="overlap">Cellpose's tile_overlap, clamped to 0.05–0.5.</param>
    /// <param name="wholeTilesOnly">The network takes only 224 × 224 tiles (its input size is fixed).</param>
    public CellposeTiling(int height, int width, double overlap = 0.1, bool wholeTilesOnly = false)
    {
        Height = height;
        Width = width;
        var (top, bottom) = PadFor(height);
        var (left, right) = PadFor(width);
        PadTop = top;
        PadLeft = left;
        PaddedHeight = height + top + bottom;
        PaddedWidth = width + left + right;
        if (wholeTilesOnly && (PaddedHeight < TileSize || PaddedWidth < TileSize))
        {
            PaddedToWholeTile = true;
            PaddedHeight = Math.Max(TileSize, PaddedHeight);
            PaddedWidth = Math.Max(TileSize, PaddedWidth);
        }

        TileHeight = Math.Min(TileSize, PaddedHeight);
        TileWidth = Math.Min(TileSize, PaddedWidth);
        overlap = Math.Min(0.5, Math.Max(0.05, overlap));
        YStarts = Starts(PaddedHeight, TileHeight, overlap);
        XStarts = Starts(PaddedWidth, TileWidth, overlap);
    }

    /// <summary>Pixels of one tile in one channel.</summary>
    public int TilePixels => TileHeight * TileWidth;

    private static (int Before, int After) PadFor(int size)
    {
        int extra = (int)(16 * Math.Ceiling(size / 16.0) - size);
        return (8 + extra / 2, 8 + extra - extra / 2);
    }

    private static int[] Starts(int size, int tile, double overlap)
    {
        int n = size <= TileSize ? 1 : (int)Math.Ceiling((1.0 + 2 * overlap) * size / TileSize);
        var starts = new int[n];
        // numpy.linspace(0, size - tile, n).astype(int)
        for (int i = 0; i < n; i++)
        {
            double v = n == 1 ? 0 : (double)(size - tile) / (n - 1) * i;
            starts[i] = i == n - 1 && n > 1 ? size - tile : (int)v;
        }

        return starts;
    }

    /// <summary>Tile <paramref name="index"/> (row-major over starts) of the padded channels into <paramref name="target"/> [channels, TileHeight, TileWidth].</summary>
    public void CopyTile(float[][] channels, int index, Span<float> target)
    {
        int ty = YStarts[index / XStarts.Length], tx = XStarts[index % XStarts.Length];
        int plane = TilePixels;
        target.Clear();
        for (int c = 0; c < channels.Length; c++)
            for (int y = 0; y < TileHeight; y++)
            {
                int sy = ty + y - PadTop;
                if (sy < 0 || sy >= Height) continue;
                for (int x = 0; x < TileWidth; x++)
                {
                    int sx = tx + x - PadLeft;
                    if (sx >= 0 && sx < Width) target[c * plane + y * TileWidth + x] = channels[c][sy * Width + sx];
                }
            }
    }

    /// <summary>The taper Cellpose weights each tile's output with (transforms._taper_mask): the 224-pixel
    /// sigmoid profile on each axis, its middle <paramref name="height"/> × <paramref name="width"/> for a smaller tile.</summary>
    public static double[] Taper(int height = TileSize, int width = TileSize)
    {
        var edge = new double[TileSize];
        double mean = (TileSize - 1) / 2.0;
        for (int i = 0; i < TileSize; i++) edge[i] = 1 / (1 + Math.Exp((Math.Abs(i - mean) - (TileSize / 2.0 - 20)) / 7.5));
        int top = TileSize / 2 - height / 2, left = TileSize / 2 - width / 2;
        var mask = new double[height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++) mask[y * width + x] = edge[top + y] * edge[left + x];
        return mask;
    }

    /// <summary>
    /// Blends tile outputs as they come (float32 sums as Cellpose's: float64 products rounded into
    /// a float32 image), so only one batch of tile outputs is held at a time.
    /// </summary>
    public sealed class Blend
    {
        private readonly CellposeTiling _tiling;
        private readonly int _outputs;
        private readonly double[] _taper;
        private readonly float[][] _sum;
        private readonly double[] _weight;

        public Blend(CellposeTiling tiling, int outputs)
        {
            _tiling = tiling;
            _outputs = outputs;
            _taper = Taper(tiling.TileHeight, tiling.TileWidth);
            _sum = new float[outputs][];
            for (int c = 0; c < outputs; c++) _sum[c] = new float[tiling.PaddedHeight * tiling.PaddedWidth];
            _weight = new double[tiling.PaddedHeight * tiling.PaddedWidth];
        }

        /// <summary>Adds tiles <paramref name="first"/>.. of <paramref name="tileOutputs"/> [count, outputs, TileHeight, TileWidth].</summary>
        public void Add(float[] tileOutputs, int first, int count)
        {
            int plane = _tiling.TilePixels, width = _tiling.PaddedWidth, tileWidth = _tiling.TileWidth;
            for (int k = 0; k < count; k++)
            {
                int t = first + k;
                int ty = _tiling.YStarts[t / _tiling.XStarts.Length], tx = _tiling.XStarts[t % _tiling.XStarts.Length];
                for (int y = 0; y < _tiling.TileHeight; y++)
                    for (int x = 0; x < tileWidth; x++)
                    {
                        int at = (ty + y) * width + tx + x;
                        double m = _taper[y * tileWidth + x];
                        _weight[at] += m;
                        for (int c = 0; c < _outputs; c++)
                            _sum[c][at] = (float)(_sum[c][at] + tileOutputs[((long)k * _outputs + c) * plane + y * tileWidth + x] * m);
                    }
            }
        }

        /// <summary>The weighted means in the image's own frame, [outputs][Height·Width].</summary>
        public float[][] Result()
        {
            var result = new float[_outputs][];
            for (int c = 0; c < _outputs; c++)
            {
                result[c] = new float[_tiling.Height * _tiling.Width];
                for (int y = 0; y < _tiling.Height; y++)
                    for (int x = 0; x < _tiling.Width; x++)
                    {
                        int at = (y + _tiling.PadTop) * _tiling.PaddedWidth + x + _tiling.PadLeft;
                        result[c][y * _tiling.Width + x] = (float)(_sum[c][at] / _weight[at]);
                    }
            }

            return result;
        }
    }
}
