namespace SegMeasure.Core.Images;

/// <summary>
/// How a file's axes map onto SegMeasure's model of channels × Z × Y × X. Axes are never merged:
/// anything that is not one 2D or 3D array (plus channels) is refused with the way out.
/// <list type="bullet">
/// <item>Z comes from a Z axis (ImageJ slices, OME SizeZ) or the generic page axis Q of a plain multi-page file;
/// two of them with more than one slice each are more spatial axes than a volume has, and refused.</item>
/// <item>Axes that cannot be told apart (the same letter twice with more than one element, as tifffile's QQYX) are refused.</item>
/// <item>A time axis with more than one time point is refused unless the caller works frame by frame
/// (segmentation does; measurement does not yet): reading time as depth would join objects across frames.</item>
/// <item>Channels come from a C axis (ImageJ channels, OME SizeC) or S (samples per pixel); both at once is refused.</item>
/// <item>A 1-D array is refused, as the reference refuses it.</item>
/// </list>
/// Axes of size 1 are dropped. Strides are in elements of the series array (C order over its axes).
/// </summary>
internal sealed record VolumeLayout(int Channels, int Depth, int Height, int Width, bool Is2D,
    long ChannelStride, long ZStride, long YStride, long XStride, int Frames = 1, long FrameStride = 0)
{
    private const string KnownAxes = "TZCQSYX";

    private const string SelectWayOut = "SegMeasure measures one 2D or 3D image per file: select one channel, time point or series first "
        + "(e.g. with tifffile: imwrite(out, array[index]), or in Fiji: Image > Duplicate)";

    public ImageShape Shape => Is2D ? ImageShape.Of2D(Height, Width) : ImageShape.Of3D(Depth, Height, Width);

    /// <param name="shape">The series' shape, slowest axis first.</param>
    /// <param name="axes">One letter per axis, as tifffile names them.</param>
    /// <param name="path">The file, for errors.</param>
    /// <param name="framesAllowed">Whether a T axis of more than one time point becomes <see cref="Frames"/> rather than an error.</param>
    public static VolumeLayout From(int[] shape, string axes, string path, bool framesAllowed = false)
    {
        if (shape.Length != axes.Length)
            throw new ImageAxesException($"the metadata names {axes.Length} axes for {shape.Length} dimensions", shape, axes, path, SelectWayOut);
        if (!axes.Contains('Y') || shape.Length == 1)
            throw new ImageAxesException("a 1-D array is not an image", shape, axes, path,
                "the reference measures 2D and 3D label arrays only: store it as a 2D image (1 x N) if that is what it is");
        foreach (var letter in axes)
            if (KnownAxes.IndexOf(letter) < 0)
                throw new ImageAxesException($"unsupported axis '{letter}'", shape, axes, path, SelectWayOut);

        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        // The one occurrence of a letter that has extent; a letter repeated with extent twice is ambiguous.
        (int Size, long Stride) Axis(char letter)
        {
            (int, long) found = (1, 0);
            int extended = 0;
            for (int i = 0; i < axes.Length; i++)
            {
                if (axes[i] != letter) continue;
                if (shape[i] > 1) extended++;
                if (shape[i] > 1 || found.Item2 == 0) found = (shape[i], strides[i]);
            }

            if (extended > 1)
                throw new ImageAxesException($"{extended} axes are named '{letter}' and cannot be told apart", shape, axes, path, SelectWayOut);
            return found;
        }

        var z = Axis('Z');
        var t = Axis('T');
        var q = Axis('Q');
        var c = Axis('C');
        var s = Axis('S');
        var y = Axis('Y');
        var x = Axis('X');

        if (t.Size > 1 && !framesAllowed)
            throw new ImageAxesException($"the image has {t.Size} time points", shape, axes, path,
                "SegMeasure measures one 2D or 3D image per file: select one time point first (split the frames into separate files)");
        if (z.Size > 1 && q.Size > 1)
            throw new ImageAxesException("the image has more than three spatial axes of more than one element", shape, axes, path, SelectWayOut);
        if (c.Size > 1 && s.Size > 1)
            throw new ImageAxesException("the image has both channels and samples per pixel", shape, axes, path, "select one channel first");

        var depthAxis = z.Size > 1 ? z : q.Size > 1 ? q : (1, 0L);
        var channelAxis = c.Size > 1 ? c : s;
        bool is2D = !axes.Contains('Z') && !axes.Contains('Q');
        return new VolumeLayout(channelAxis.Size, depthAxis.Item1, y.Size, x.Size, is2D,
            channelAxis.Stride, depthAxis.Item2, y.Stride, x.Stride, t.Size, t.Stride);
    }

    /// <summary>Copies one channel of one time point out of the series array into a dense Z,Y,X array of the same element type.</summary>
    public T[] Extract<T>(T[] source, int channel, int frame = 0) where T : unmanaged
    {
        if (Frames == 1 && Channels == 1 && XStride == 1 && YStride == Width && (Depth == 1 || ZStride == (long)Height * Width))
            return source;
        var result = new T[(long)Depth * Height * Width];
        long target = 0;
        for (int zi = 0; zi < Depth; zi++)
        {
            for (int yi = 0; yi < Height; yi++)
            {
                long rowStart = frame * FrameStride + channel * ChannelStride + zi * ZStride + yi * YStride;
                if (XStride == 1)
                {
                    Array.Copy(source, rowStart, result, target, Width);
                    target += Width;
                }
                else
                {
                    for (int xi = 0; xi < Width; xi++) result[target++] = source[rowStart + xi * XStride];
                }
            }
        }

        return result;
    }
}
