using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Streaming;

/// <summary>Rows of an image that is in memory already: a cursor hands out slices of the array, copying nothing.</summary>
internal sealed class ArrayRows : ImageRows
{
    private readonly Array _samples;

    public ArrayRows(Array samples, ImageShape shape, PixelType pixelType, VoxelSize voxelSize) : base(shape, pixelType, voxelSize, null)
    {
        if (samples.LongLength != shape.Length)
            throw new ArgumentException($"the array has {samples.LongLength} samples but shape {shape} needs {shape.Length}", nameof(samples));
        _samples = samples;
    }

    public static ArrayRows Of(LabelImage labels) => new(labels.Data, labels.Shape, PixelType.UInt32, labels.VoxelSize);

    public static ArrayRows Of(IntensityImage image, int channel) => new(image.GetChannelArray(channel), image.Shape, image.PixelType, image.VoxelSize);

    public override RowCursor OpenCursor() => new Cursor(this);

    private sealed class Cursor(ArrayRows rows) : RowCursor
    {
        private readonly int _rowBytes = rows.Shape.Width * rows.PixelType.SizeInBytes();

        public override ReadOnlySpan<byte> Row(int row) => TiffPixels.BytesOf(rows._samples, (long)row * _rowBytes, _rowBytes);
    }
}
