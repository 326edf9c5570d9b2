using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Analysis.Classifiers;

/// <summary>
/// Projects painted annotation pixels onto segments, as the spec's classification widget does:
/// each segment takes the majority vote of the annotation labels painted over it; segments with
/// no painted pixel get 0 (unannotated). A tie goes to the smaller class id, like numpy's argmax
/// over a bincount. Only the painted pixels are visited, so the cost follows the brush, not the image.
/// </summary>
public static class AnnotationProjection
{
    /// <summary>Votes per segment from painted pixels given as (voxel index into <paramref name="segmentation"/>, class id &gt; 0).</summary>
    public static IReadOnlyDictionary<uint, int> MajorityVote(LabelImage segmentation, IEnumerable<KeyValuePair<long, int>> paintedPixels)
    {
        var counts = new Dictionary<uint, Dictionary<int, int>>();
        var data = segmentation.Data;
        foreach (var (voxel, label) in paintedPixels)
        {
            if (label <= 0 || voxel < 0 || voxel >= data.LongLength) continue;
            var id = data[voxel];
            if (id == 0) continue;
            if (!counts.TryGetValue(id, out var votes)) counts[id] = votes = [];
            votes[label] = votes.GetValueOrDefault(label) + 1;
        }

        return counts.ToDictionary(p => p.Key, p => p.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key).First().Key);
    }

    /// <summary>The <c>annotation</c> column for <paramref name="table"/>: each row's vote by its <c>index</c>, else 0.</summary>
    public static IntegerColumn AnnotationColumn(MeasurementTable table, IReadOnlyDictionary<uint, int> votes, string name = Classification.DefaultAnnotationColumn)
    {
        var index = table[MeasurementTable.IndexColumn];
        var values = new long?[table.RowCount];
        for (int row = 0; row < values.Length; row++)
        {
            var id = index.GetDouble(row);
            values[row] = id is > 0 and <= uint.MaxValue && votes.TryGetValue((uint)id, out var vote) ? vote : 0;
        }

        return new IntegerColumn(name, values);
    }
}
