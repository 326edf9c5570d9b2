using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// Saved flows (<c>--save-flows</c>): a float32 TIFF with three channels, Y flow, X flow and cell
/// probability, at the image's size, so masks can be recomputed with other thresholds (<c>--flows</c>).
/// </summary>
internal static class CellposeFlowsFile
{
    /// <summary>The flows file written beside <paramref name="maskPath"/>: <c>*_vSM[-suffix]_flows.tif</c>.</summary>
    public static string PathFor(string maskPath)
    {
        const string ome = ".ome.tif";
        var stem = maskPath.EndsWith(ome, StringComparison.OrdinalIgnoreCase) ? maskPath[..^ome.Length] : System.IO.Path.ChangeExtension(maskPath, null);
        return stem + "_flows.tif";
    }

    public static void Write(string path, CellposeFlows flows, VoxelSize? voxelSize, bool overwrite, CancellationToken cancellationToken)
    {
        var image = new IntensityImage([flows.FlowY, flows.FlowX, flows.CellProbability], ImageShape.Of2D(flows.Height, flows.Width), PixelType.Float32, voxelSize);
        TiffWriter.WriteIntensity(path, image, new TiffWriteOptions { Overwrite = overwrite }, cancellationToken);
    }

    public static CellposeFlows Read(string path, CancellationToken cancellationToken)
    {
        var image = ImageFile.ReadIntensity(path, null, cancellationToken);
        if (image.ChannelCount != 3 || image.Shape.Depth != 1)
            throw new SegMeasureException("SegMeasure.FlowsShape", ErrorKind.InvalidData,
                $"{path}: not a flows file: it has {image.ChannelCount} channel(s) and {image.Shape.Depth} section(s); saved flows are one plane with 3 channels (Y flow, X flow, cell probability), as --save-flows writes them", path);
        float[] Channel(int c) => image.ChannelAsDouble(c).Select(v => (float)v).ToArray();
        return new CellposeFlows(Channel(0), Channel(1), Channel(2), image.Shape.Height, image.Shape.Width);
    }
}
