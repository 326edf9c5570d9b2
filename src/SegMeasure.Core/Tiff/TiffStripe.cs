namespace SegMeasure.Core.Tiff;

/// <summary>
/// A decoded band of rows handed out by <see cref="TiffReader.ReadStripes(CancellationToken)"/>: rows
/// [<see cref="Y"/>, <see cref="Y"/> + <see cref="Rows"/>) of plane <see cref="Plane"/> of series
/// page <see cref="Page"/>, full width, little-endian samples (interleaved when the file is).
/// <see cref="Data"/> is reused: it is valid until the enumeration moves on.
/// </summary>
internal readonly record struct TiffStripe(int Page, int Plane, int Y, int Rows, ReadOnlyMemory<byte> Data)
{
    /// <summary>The samples typed; <typeparamref name="T"/> must match the series' pixel type.</summary>
    public ReadOnlySpan<T> Samples<T>() where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, T>(Data.Span);
}
