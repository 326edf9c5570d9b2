namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Cellpose's prediction for one plane (models.CellposeModel.eval, 2D, version 3): percentile
/// normalisation, rescaling by diam_mean / diameter, tiled network runs blended as Cellpose
/// blends them, and the flows and cell probability resized back to the image.
/// </summary>
internal static class CellposeInference
{
    /// <summary>The flows of <paramref name="plane"/> and the rescaling factor used (1 without a diameter).</summary>
    public static (CellposeFlows Flows, double Rescale) Predict(double[] plane, int height, int width, OnnxCellposeModel model,
        CellposeOptions options, ICollection<string> warnings, CancellationToken cancellationToken = default)
    {
        double rescale = RescaleFor(model, options);
        var normalized = PercentileNormalization.Apply(plane, height, width);
        int h = height, w = width;
        if (rescale != 1.0)
        {
            h = (int)(height * rescale);
            w = (int)(width * rescale);
            if (h < 1 || w < 1)
                throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument,
                    $"a diameter of {options.Diameter} rescales the {height}×{width} image to nothing (the model's diam_mean is {model.DiameterMean})");
            normalized = BilinearResize.Resize(normalized, height, width, h, w);
        }

        var channels = new[] { normalized, new float[normalized.Length] };
        var tiling = Tile(h, w, model, options, warnings);
        var blend = new CellposeTiling.Blend(tiling, 3);
        foreach (var (batch, first, count) in Batches(tiling, channels, options, cancellationToken))
            blend.Add(model.Run(batch, count, tiling.TileHeight, tiling.TileWidth), first, count);

        var averaged = blend.Result();
        if (rescale != 1.0)
            for (int c = 0; c < 3; c++) averaged[c] = BilinearResize.Resize(averaged[c], h, w, height, width);
        return (new CellposeFlows(averaged[0], averaged[1], averaged[2], height, width), rescale);
    }

    /// <summary>
    /// The style of <paramref name="plane"/> at its own scale, as core.run_net gives it: the style vectors of
    /// all tiles (each of unit length, from the network) summed and scaled to unit length.
    /// </summary>
    public static float[] Style(double[] plane, int height, int width, OnnxCellposeModel model, CellposeOptions options,
        ICollection<string> warnings, CancellationToken cancellationToken = default)
    {
        var normalized = PercentileNormalization.Apply(plane, height, width);
        var channels = new[] { normalized, new float[normalized.Length] };
        var tiling = Tile(height, width, model, options, warnings);
        double[]? sum = null;
        foreach (var (batch, first, count) in Batches(tiling, channels, options, cancellationToken))
        {
            var (styles, length) = model.RunStyles(batch, count, tiling.TileHeight, tiling.TileWidth);
            sum ??= new double[length];
            for (int k = 0; k < count; k++)
                for (int i = 0; i < length; i++) sum[i] += styles[k * length + i];
        }

        // Cellpose sums and scales in float32.
        var style = sum!.Select(v => (float)v).ToArray();
        float norm = MathF.Sqrt(style.Sum(v => v * v));
        for (int i = 0; i < style.Length; i++) style[i] /= norm;
        return style;
    }

    private static CellposeTiling Tile(int height, int width, OnnxCellposeModel model, CellposeOptions options, ICollection<string> warnings)
    {
        var tiling = new CellposeTiling(height, width, options.TileOverlap, model.WholeTilesOnly);
        if (tiling.PaddedToWholeTile)
            warnings.Add($"{model.Path} takes only 224 × 224 tiles, so the {height} × {width} image (at the network's scale) was padded to a whole tile; " +
                         "Cellpose runs a smaller tile, so flows near the image's edges can differ from Cellpose's. Export the model with free height and width for Cellpose's own result (docs/segmentation-cellpose-onnx.md)");
        return tiling;
    }

    /// <summary>The tiles in batches of <see cref="CellposeOptions.BatchSize"/>: [count, 2, TileHeight, TileWidth] each.</summary>
    private static IEnumerable<(float[] Batch, int First, int Count)> Batches(CellposeTiling tiling, float[][] channels, CellposeOptions options,
        CancellationToken cancellationToken)
    {
        int tile = 2 * tiling.TilePixels;
        for (int first = 0; first < tiling.TileCount; first += options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(options.BatchSize, tiling.TileCount - first);
            var batch = new float[count * tile];
            for (int k = 0; k < count; k++) tiling.CopyTile(channels, first + k, batch.AsSpan(k * tile, tile));
            yield return (batch, first, count);
        }
    }

    /// <summary>diam_mean / diameter; 1 without a diameter. A diameter needs the model's diam_mean.</summary>
    public static double RescaleFor(OnnxCellposeModel model, CellposeOptions options)
    {
        if (options.Diameter is not { } diameter) return 1.0;
        if (model.DiameterMean is not { } mean)
            throw new SegMeasureException("SegMeasure.ModelMetadata", ErrorKind.InvalidData,
                $"{model.Path}: the model has no diam_mean metadata, which rescaling to --diameter {diameter} needs; add it when exporting (docs/segmentation-cellpose-onnx.md) or leave the diameter out", model.Path);
        return mean / diameter;
    }
}
