namespace SegMeasure.Core.Images;

/// <summary>
/// An image whose axes SegMeasure cannot map onto one 2D or 3D array without guessing: too
/// many spatial axes, axes that cannot be told apart, a time axis, or a 1-D array. The message
/// names the file, the shape and the axes, and says how to get a measurable image out of it.
/// </summary>
public sealed class ImageAxesException : SegMeasureException
{
    public ImageAxesException(string problem, int[] shape, string axes, string path, string wayOut)
        : base("SegMeasure.ImageAxes", ErrorKind.NotSupported,
               $"{path}: {problem} (shape {string.Join("x", shape)}, axes {axes}); {wayOut}", path)
    {
        Shape = shape;
        Axes = axes;
    }

    public int[] Shape { get; }

    public string Axes { get; }
}
