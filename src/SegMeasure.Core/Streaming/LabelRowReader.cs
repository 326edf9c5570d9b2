using System.Numerics;
using System.Runtime.InteropServices;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Streaming;

/// <summary>
/// Rows of a label image as label ids: uint32 samples are handed out as they are, other types
/// converted with the checks of <see cref="LabelImage.FromSamples{T}"/> (no negative, fractional,
/// NaN or too large ids), the error naming the file and the voxel.
/// </summary>
internal sealed class LabelRowReader : IDisposable
{
    private readonly ImageRows _rows;
    private readonly RowCursor _cursor;
    private readonly uint[] _converted;

    public LabelRowReader(ImageRows rows)
    {
        _rows = rows;
        _cursor = rows.OpenCursor();
        _converted = rows.PixelType == PixelType.UInt32 ? [] : new uint[rows.Shape.Width];
    }

    public ReadOnlySpan<uint> Row(int row)
    {
        var bytes = _cursor.Row(row);
        return _rows.PixelType switch
        {
            PixelType.UInt32 => MemoryMarshal.Cast<byte, uint>(bytes),
            PixelType.UInt8 => Convert<byte>(bytes, row),
            PixelType.Int8 => Convert<sbyte>(bytes, row),
            PixelType.UInt16 => Convert<ushort>(bytes, row),
            PixelType.Int16 => Convert<short>(bytes, row),
            PixelType.Int32 => Convert<int>(bytes, row),
            PixelType.UInt64 => Convert<ulong>(bytes, row),
            PixelType.Int64 => Convert<long>(bytes, row),
            PixelType.Float32 => Convert<float>(bytes, row),
            _ => Convert<double>(bytes, row),
        };
    }

    private uint[] Convert<T>(ReadOnlySpan<byte> bytes, int row) where T : unmanaged, INumber<T>
    {
        var samples = MemoryMarshal.Cast<byte, T>(bytes);
        var max = T.CreateSaturating(uint.MaxValue);
        for (int x = 0; x < samples.Length; x++)
        {
            var v = samples[x];
            if (T.IsZero(v))
            {
                _converted[x] = 0;
                continue;
            }

            if (T.IsNegative(v) || T.IsNaN(v) || v > max || !T.IsInteger(v))
            {
                var kind = T.IsNegative(v) ? "a negative label" : T.IsNaN(v) ? "a NaN label" : v > max ? "a label above 4294967295" : "a fractional label";
                var shape = _rows.Shape;
                string at = shape.Is2D ? $"(y={row}, x={x})" : $"(z={row / shape.Height}, y={row % shape.Height}, x={x})";
                throw new InvalidLabelException($"{kind} ({v}) at voxel {at}; label images must hold non-negative integer ids up to 4294967295", _rows.Path);
            }

            _converted[x] = uint.CreateTruncating(v);
        }

        return _converted;
    }

    public void Dispose() => _cursor.Dispose();
}
