using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>Face neighbours (4 in 2D, 6 in 3D) of a raveled voxel index, clipped at the image border.</summary>
internal readonly struct Grid
{
    private readonly int _width, _height, _depth, _plane;
    private readonly double _perRow, _perPlane;

    public Grid(ImageShape shape)
    {
        _width = shape.Width;
        _height = shape.Height;
        _depth = shape.Depth;
        _plane = shape.Width * shape.Height;
        // Dividing by multiplying with a reciprocal is off by at most one; Quotient corrects it.
        _perRow = 1.0 / _width;
        _perPlane = 1.0 / _plane;
    }

    /// <summary>Writes the neighbours of <paramref name="i"/> in ascending index order
    /// (-z, -y, -x, +x, +y, +z) and returns how many there are.</summary>
    public int Neighbours(int i, Span<int> into)
    {
        int z = Quotient(i, _plane, _perPlane);
        int inPlane = i - z * _plane;
        int y = Quotient(inPlane, _width, _perRow);
        int x = inPlane - y * _width;
        int n = 0;
        if (z > 0) into[n++] = i - _plane;
        if (y > 0) into[n++] = i - _width;
        if (x > 0) into[n++] = i - 1;
        if (x < _width - 1) into[n++] = i + 1;
        if (y < _height - 1) into[n++] = i + _width;
        if (z < _depth - 1) into[n++] = i + _plane;
        return n;
    }

    /// <summary>Asks the memory for the cache lines that hold <paramref name="i"/> and its neighbours in
    /// <paramref name="data"/>, so that visiting them later does not wait. A hint only: prefetching never
    /// faults, so neighbours beyond the border need no check.</summary>
    public unsafe void Prefetch<T>(T[] data, int i) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        ref T at = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(data), (nint)i);
        Sse.Prefetch0(Unsafe.AsPointer(ref at));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Subtract(ref at, (nint)_width)));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref at, (nint)_width)));
        if (_depth == 1) return;
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Subtract(ref at, (nint)_plane)));
        Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref at, (nint)_plane)));
    }

    private static int Quotient(int value, int divisor, double reciprocal)
    {
        int q = (int)(value * reciprocal);
        if ((long)q * divisor > value) q--;
        else if ((long)(q + 1) * divisor <= value) q++;
        return q;
    }
}
