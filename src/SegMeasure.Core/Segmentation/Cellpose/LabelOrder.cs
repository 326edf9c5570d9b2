namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>Consecutive ids 1..n in order of first appearance in raster order, 0 kept (fastremap.renumber, which Cellpose uses).</summary>
internal static class LabelOrder
{
    public static uint[] RenumberByFirstAppearance(uint[] labels)
    {
        var map = new Dictionary<uint, uint> { [0] = 0 };
        var result = new uint[labels.Length];
        uint next = 1;
        for (int i = 0; i < labels.Length; i++)
        {
            if (!map.TryGetValue(labels[i], out var id)) map[labels[i]] = id = next++;
            result[i] = id;
        }

        return result;
    }
}
