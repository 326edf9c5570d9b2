using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// Undoes (and for writing, applies) TIFF predictors on decoded rows. Horizontal differencing
/// (2) works on samples in host order, after byte swapping; the floating-point predictor (3)
/// stores each row as byte planes, most significant first, and yields host order itself.
/// </summary>
internal static class Predictor
{
    public const int None = 1;
    public const int Horizontal = 2;
    public const int FloatingPoint = 3;

    /// <summary>Adds each sample to the one <paramref name="samplesPerPixel"/> before it, row by row.</summary>
    public static void UndoHorizontal(Span<byte> data, int bytesPerSample, int rowSamples, int samplesPerPixel)
    {
        switch (bytesPerSample)
        {
            case 1: UndoHorizontal(data, rowSamples, samplesPerPixel); break;
            case 2: UndoHorizontal(MemoryMarshal.Cast<byte, ushort>(data), rowSamples, samplesPerPixel); break;
            case 4: UndoHorizontal(MemoryMarshal.Cast<byte, uint>(data), rowSamples, samplesPerPixel); break;
            case 8: UndoHorizontal(MemoryMarshal.Cast<byte, ulong>(data), rowSamples, samplesPerPixel); break;
        }
    }

    private static void UndoHorizontal<T>(Span<T> samples, int rowSamples, int spp) where T : unmanaged, IBinaryInteger<T>
    {
        for (int rowStart = 0; rowStart + rowSamples <= samples.Length; rowStart += rowSamples)
        {
            var row = samples.Slice(rowStart, rowSamples);
            if (spp == 1)
            {
                var acc = row[0];
                for (int i = 1; i < row.Length; i++) row[i] = acc += row[i];
            }
            else
            {
                for (int i = spp; i < row.Length; i++) row[i] += row[i - spp];
            }
        }
    }

    /// <summary>The inverse of <see cref="UndoHorizontal(Span{byte}, int, int, int)"/>, for writers.</summary>
    public static void ApplyHorizontal(Span<byte> data, int bytesPerSample, int rowSamples, int samplesPerPixel)
    {
        switch (bytesPerSample)
        {
            case 1: ApplyHorizontal(data, rowSamples, samplesPerPixel); break;
            case 2: ApplyHorizontal(MemoryMarshal.Cast<byte, ushort>(data), rowSamples, samplesPerPixel); break;
            case 4: ApplyHorizontal(MemoryMarshal.Cast<byte, uint>(data), rowSamples, samplesPerPixel); break;
            case 8: ApplyHorizontal(MemoryMarshal.Cast<byte, ulong>(data), rowSamples, samplesPerPixel); break;
        }
    }

    private static void ApplyHorizontal<T>(Span<T> samples, int rowSamples, int spp) where T : unmanaged, IBinaryInteger<T>
    {
        for (int rowStart = 0; rowStart + rowSamples <= samples.Length; rowStart += rowSamples)
        {
            var row = samples.Slice(rowStart, rowSamples);
            for (int i = row.Length - 1; i >= spp; i--) row[i] -= row[i - spp];
        }
    }

    /// <summary>
    /// Undoes the floating-point predictor: bytes are first accumulated across the row (stride =
    /// samples per pixel), then gathered back from byte planes (most significant plane first)
    /// into little-endian samples.
    /// </summary>
    public static void UndoFloatingPoint(Span<byte> data, int bytesPerSample, int rowSamples, int samplesPerPixel)
    {
        int rowBytes = rowSamples * bytesPerSample;
        var scratch = ArrayPool<byte>.Shared.Rent(rowBytes);
        try
        {
            for (int rowStart = 0; rowStart + rowBytes <= data.Length; rowStart += rowBytes)
            {
                var row = data.Slice(rowStart, rowBytes);
                for (int i = samplesPerPixel; i < row.Length; i++) row[i] += row[i - samplesPerPixel];
                row.CopyTo(scratch);
                for (int s = 0; s < rowSamples; s++)
                    for (int b = 0; b < bytesPerSample; b++)
                        row[s * bytesPerSample + b] = scratch[(bytesPerSample - 1 - b) * rowSamples + s];
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}
