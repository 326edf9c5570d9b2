using System.Globalization;
using System.Text.Json;
using SegMeasure.Core.Postprocessing;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Postprocessing;

/// <summary>
/// The whole filter (features measured by the product, then the criteria) on real label images
/// against the generator's filter_cell_by_regionprops on scikit-image's regionprops.
/// </summary>
public class ShapeFilterReferenceTests
{
    public static IEnumerable<object[]> Cases => ReferenceCases.Named("shape-filter");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_regionprops_reference(string name)
    {
        var npz = ReferenceCases.Load(name);
        var input = ReferenceCases.Input(npz);
        var p = ReferenceCases.Params(name);
        var result = ShapeFilter.Apply(input, OptionsFrom(p.GetProperty("options")));

        Assert.Equal(p.GetProperty("min_area_used").GetDouble(), result.MinAreaUsed, 9);
        var expected = p.GetProperty("rejections").EnumerateObject().ToDictionary(e => long.Parse(e.Name, CultureInfo.InvariantCulture), e => e.Value.GetString());
        var ids = ((IntegerColumn)result.Report.Rejections["index"]).Values;
        var reasons = result.Report.Rejections["reasons"];
        var actual = Enumerable.Range(0, ids.Count).ToDictionary(r => ids[r]!.Value, r => (string?)reasons.GetValue(r));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
        ReferenceCases.AssertSameLabels(npz.Labels("expected"), result.Image.Data, input.Shape);
    }

    private static ShapeFilterOptions OptionsFrom(JsonElement o)
    {
        double? D(string key, double? fallback) =>
            o.TryGetProperty(key, out var v) ? (v.ValueKind == JsonValueKind.Null ? null : v.GetDouble()) : fallback;
        var defaults = new ShapeFilterOptions();
        var minArea = defaults.MinArea;
        if (o.TryGetProperty("min_area", out var m))
            minArea = m.ValueKind == JsonValueKind.String ? AreaThreshold.Parse(m.GetString()!) : AreaThreshold.Parse(m.GetDouble().ToString(CultureInfo.InvariantCulture));
        return new ShapeFilterOptions
        {
            MinArea = minArea,
            MinAbsoluteArea = D("min_absolute_area", defaults.MinAbsoluteArea),
            MaxArea = D("max_area", null),
            MaxEccentricity = D("max_eccentricity", null),
            MinSolidity = D("min_solidity", null),
            MaxSolidity = D("max_solidity", null),
            MinExtent = D("min_extent", null),
            MaxExtent = D("max_extent", null),
            MinCompactness = D("min_compactness", null),
            MaxConvexityDeficit = D("max_convexity_deficit", defaults.MaxConvexityDeficit),
            MaxPerimeterAreaRatio = D("max_perimeter_area_ratio", null),
            AreaStdFilter = D("area_std_filter", null),
        };
    }
}
