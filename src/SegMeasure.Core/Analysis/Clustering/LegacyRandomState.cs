namespace SegMeasure.Core.Analysis.Clustering;

/// <summary>
/// The Mersenne Twister (MT19937) stream of numpy's legacy <c>RandomState(seed)</c>, with its
/// <c>randint</c> (masked rejection) and <c>random_sample</c> (53-bit) draws. Seeding k-means
/// from it makes a seed mean the same initial centres as scikit-learn's <c>random_state</c>.
/// Not thread-safe; each fit owns one.
/// </summary>
internal sealed class LegacyRandomState
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index;

    public LegacyRandomState(uint seed)
    {
        _mt[0] = seed;
        for (int i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    public uint NextUInt32()
    {
        if (_index >= N) Generate();
        uint y = _mt[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A uniform double in [0, 1) from two draws, as numpy's <c>random_sample</c>.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>A uniform integer in [0, <paramref name="high"/>), as numpy's legacy <c>randint(high)</c>.</summary>
    public int NextInt(int high)
    {
        if (high <= 0) throw new ArgumentOutOfRangeException(nameof(high));
        uint range = (uint)(high - 1);
        if (range == 0) return 0;
        uint mask = range;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > range) { }
        return (int)value;
    }

    private void Generate()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_mt[k] & 0x80000000u) | (_mt[(k + 1) % N] & 0x7fffffffu);
            _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
        }

        _index = 0;
    }
}
