using System.Text;
using System.Text.RegularExpressions;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Measurement;

/// <summary>Reads the little-endian, C-order .npy arrays the reference generator writes (test inputs only).</summary>
internal static class NpyFile
{
    public static (Array Data, int[] Shape) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int major = bytes[6];
        int headerLength = major == 1 ? BitConverter.ToUInt16(bytes, 8) : (int)BitConverter.ToUInt32(bytes, 8);
        int headerStart = major == 1 ? 10 : 12;
        var header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = Regex.Match(header, @"'descr':\s*'([^']+)'").Groups[1].Value;
        if (header.Contains("'fortran_order': True")) throw new NotSupportedException("Fortran-order arrays are not used");
        var shape = Regex.Match(header, @"'shape':\s*\(([^)]*)\)").Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var payload = bytes.AsSpan(headerStart + headerLength);
        Array data = descr switch
        {
            "|u1" => payload.ToArray(),
            "<u2" => Cast<ushort>(payload),
            "<u4" => Cast<uint>(payload),
            "<i8" => Cast<long>(payload),
            "<f4" => Cast<float>(payload),
            "<f8" => Cast<double>(payload),
            _ => throw new NotSupportedException($"dtype {descr}"),
        };
        return (data, shape);
    }

    private static T[] Cast<T>(Span<byte> payload) where T : unmanaged =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(payload).ToArray();

    public static ImageShape ShapeOf(int[] shape) =>
        shape.Length == 2 ? ImageShape.Of2D(shape[0], shape[1]) : ImageShape.Of3D(shape[0], shape[1], shape[2]);

    public static LabelImage ReadLabels(string path)
    {
        var (data, shape) = Read(path);
        var s = ShapeOf(shape);
        return data switch
        {
            byte[] a => LabelImage.FromSamples(a, s, PixelType.UInt8),
            ushort[] a => LabelImage.FromSamples(a, s, PixelType.UInt16),
            uint[] a => new LabelImage(a, s),
            long[] a => LabelImage.FromSamples(a, s, PixelType.Int64),
            _ => throw new NotSupportedException(data.GetType().Name),
        };
    }

    public static IntensityImage ReadIntensity(string path)
    {
        var (data, shape) = Read(path);
        var s = ShapeOf(shape);
        return data switch
        {
            byte[] a => IntensityImage.Create(a, s),
            ushort[] a => IntensityImage.Create(a, s),
            float[] a => IntensityImage.Create(a, s),
            double[] a => IntensityImage.Create(a, s),
            _ => throw new NotSupportedException(data.GetType().Name),
        };
    }
}
