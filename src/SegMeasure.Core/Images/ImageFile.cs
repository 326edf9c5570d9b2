using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Images;

/// <summary>
/// Reads and writes the images SegMeasure works on. TIFF is the format; this facade is what
/// measurement, post-processing and the front ends call, so none of them touch the codec.
/// Axes follow <see cref="VolumeLayout"/>: pages, ImageJ slices or OME SizeZ become Z; a time
/// axis with no Z is read as Z (a 2D+t movie is measured as a volume); Z and T together are refused.
/// </summary>
public static class ImageFile
{
    /// <summary>Reads a label image (any integer or integral float type); voxel size from the file's metadata.
    /// Negative, fractional or too-large values and multi-channel files are refused.</summary>
    public static LabelImage ReadLabels(string path) => ReadLabels(path, null, default);

    public static LabelImage ReadLabels(string path, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var pixels = TiffReader.ReadFile(path, progress, cancellationToken);
        var layout = VolumeLayout.From(pixels.Shape, pixels.Axes, path);
        if (layout.Channels > 1)
            throw new InvalidLabelException($"the file has {layout.Channels} channels ({pixels.Axes}, shape {string.Join("x", pixels.Shape)}); a label image has one", path);
        var shape = layout.Shape;
        var voxel = pixels.VoxelSize;
        var type = pixels.PixelType;
        return pixels.Data switch
        {
            uint[] a => new LabelImage(layout.Extract(a, 0), shape, voxel, type),
            byte[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            sbyte[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            ushort[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            short[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            int[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            ulong[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            long[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            float[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            double[] a => LabelImage.FromSamples(layout.Extract(a, 0), shape, type, voxel, path),
            _ => throw new TiffFormatException($"unsupported sample type {type}", path, ErrorKind.NotSupported),
        };
    }

    /// <summary>Reads an intensity image, keeping its sample type; a channel axis (C, or samples per pixel) becomes channels.</summary>
    public static IntensityImage ReadIntensity(string path) => ReadIntensity(path, null, default);

    public static IntensityImage ReadIntensity(string path, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var pixels = TiffReader.ReadFile(path, progress, cancellationToken);
        var layout = VolumeLayout.From(pixels.Shape, pixels.Axes, path);
        var channels = new Array[layout.Channels];
        for (int c = 0; c < channels.Length; c++)
        {
            channels[c] = pixels.Data switch
            {
                byte[] a => layout.Extract(a, c),
                sbyte[] a => layout.Extract(a, c),
                ushort[] a => layout.Extract(a, c),
                short[] a => layout.Extract(a, c),
                uint[] a => layout.Extract(a, c),
                int[] a => layout.Extract(a, c),
                ulong[] a => layout.Extract(a, c),
                long[] a => layout.Extract(a, c),
                float[] a => layout.Extract(a, c),
                double[] a => layout.Extract(a, c),
                _ => throw new TiffFormatException($"unsupported sample type {pixels.PixelType}", path, ErrorKind.NotSupported),
            };
        }

        return new IntensityImage(channels, layout.Shape, pixels.PixelType, pixels.VoxelSize);
    }

    /// <summary>Writes a label image: to a temporary file renamed into place, refusing to overwrite unless asked.</summary>
    public static void WriteLabels(string path, LabelImage image, TiffWriteOptions? options = null) => TiffWriter.WriteLabels(path, image, options);

    /// <summary>Writes an intensity image in its own sample type, with the same safety as <see cref="WriteLabels"/>.</summary>
    public static void WriteIntensity(string path, IntensityImage image, TiffWriteOptions? options = null) => TiffWriter.WriteIntensity(path, image, options);
}
