using SegMeasure.Core.Images;

namespace SegMeasure.Core.Postprocessing;

/// <summary>Rewrites segment ids through a table old → new (ids absent from it become 0), in one pass.</summary>
internal static class LabelMapping
{
    public static uint[] Apply(uint[] source, IReadOnlyDictionary<uint, uint> map)
    {
        var result = new uint[source.Length];
        uint max = 0;
        foreach (var key in map.Keys) max = Math.Max(max, key);
        if ((ulong)max + 1 <= 4UL * (ulong)source.LongLength + 1024)
        {
            var dense = new uint[(long)max + 1];
            foreach (var (from, to) in map) dense[from] = to;
            for (long i = 0; i < source.LongLength; i++)
            {
                var v = source[i];
                result[i] = v < dense.Length ? dense[v] : 0;
            }
        }
        else
        {
            for (long i = 0; i < source.LongLength; i++)
                result[i] = source[i] != 0 && map.TryGetValue(source[i], out var to) ? to : 0;
        }

        return result;
    }
}
