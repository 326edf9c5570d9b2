using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Images;

/// <summary>
/// How a file's axes map onto SegMeasure's model of channels × Z × Y × X.
/// <list type="bullet">
/// <item>Z comes from a Z axis (ImageJ slices, OME SizeZ) or the generic page axis Q of a plain multi-page file.</item>
/// <item>A time axis (ImageJ frames, OME SizeT) with no Z is treated as Z, so a 2D+t movie is measured as a volume;
/// a file with both Z &gt; 1 and T &gt; 1 is refused, since no single volume represents it.</item>
/// <item>Channels come from a C axis (ImageJ channels, OME SizeC) or S (samples per pixel); both at once is refused.</item>
/// </list>
/// Strides are in elements of the series array (C order over its axes).
/// </summary>
internal sealed record VolumeLayout(int Channels, int Depth, int Height, int Width, bool Is2D,
    long ChannelStride, long ZStride, long YStride, long XStride)
{
    public ImageShape Shape => Is2D ? ImageShape.Of2D(Height, Width) : ImageShape.Of3D(Depth, Height, Width);

    public static VolumeLayout From(int[] shape, string axes, string path)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        (int Size, long Stride) Axis(char letter)
        {
            var i = axes.IndexOf(letter);
            return i < 0 ? (1, 0) : (shape[i], strides[i]);
        }

        var z = Axis('Z');
        var t = Axis('T');
        var q = Axis('Q');
        var c = Axis('C');
        var s = Axis('S');
        foreach (var letter in axes)
            if ("TZCQSYX".IndexOf(letter) < 0)
                throw new TiffFormatException($"unsupported axis '{letter}' in {axes}", path, ErrorKind.NotSupported);

        if (z.Size > 1 && t.Size > 1)
            throw new TiffFormatException($"the image has both {z.Size} z-slices and {t.Size} time points ({axes}); SegMeasure measures one volume per file: split the time points into separate files", path, ErrorKind.NotSupported);
        if (c.Size > 1 && s.Size > 1)
            throw new TiffFormatException($"the image has both channels and samples per pixel ({axes}); not supported", path, ErrorKind.NotSupported);

        var depthAxis = z.Size > 1 ? z : t.Size > 1 ? t : q.Size > 1 ? q : (1, 0L);
        var others = new[] { z, t, q }.Count(a => a.Size > 1);
        if (others > 1)
            throw new TiffFormatException($"cannot tell which axis of {axes} is depth", path, ErrorKind.NotSupported);
        var channelAxis = c.Size > 1 ? c : s;
        bool is2D = !axes.Contains('Z') && !axes.Contains('T') && !axes.Contains('Q');
        var y = Axis('Y');
        var x = Axis('X');
        return new VolumeLayout(channelAxis.Size, depthAxis.Item1, y.Size, x.Size, is2D,
            channelAxis.Stride, depthAxis.Item2, y.Stride, x.Stride);
    }

    /// <summary>Copies one channel out of the series array into a dense Z,Y,X array of the same element type.</summary>
    public T[] Extract<T>(T[] source, int channel) where T : unmanaged
    {
        if (Channels == 1 && XStride == 1 && YStride == Width && (Depth == 1 || ZStride == (long)Height * Width))
            return source;
        var result = new T[(long)Depth * Height * Width];
        long target = 0;
        for (int zi = 0; zi < Depth; zi++)
        {
            for (int yi = 0; yi < Height; yi++)
            {
                long rowStart = channel * ChannelStride + zi * ZStride + yi * YStride;
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
