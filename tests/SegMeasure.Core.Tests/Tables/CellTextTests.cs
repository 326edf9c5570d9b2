using System.Globalization;
using SegMeasure.Core.Tables;

namespace SegMeasure.Core.Tests.Tables;

public class CellTextTests
{
    [Fact]
    public void Doubles_are_spelled_as_pythons_repr()
    {
        // Reference spellings from Python itself (tests/reference/tables/make_repr_cases.py).
        var lines = File.ReadAllLines(TableTestSupport.Reference("repr_cases.csv")).Skip(1).ToList();
        Assert.True(lines.Count > 500);
        Span<char> text = stackalloc char[CellText.MaxDoubleLength];
        foreach (var line in lines)
        {
            var parts = line.Split(',');
            var value = BitConverter.Int64BitsToDouble(long.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            Assert.Equal(parts[1], CellText.FormatDouble(value));
            Assert.Equal(parts[1], text[..CellText.FormatDouble(value, text)].ToString());
        }
    }

    [Fact]
    public void The_span_form_spells_specials_as_the_string_form_and_nan_as_nothing()
    {
        Span<char> text = stackalloc char[CellText.MaxDoubleLength];
        foreach (double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e16, 1e-5, double.MaxValue, double.Epsilon, -1.0 / 3 })
            Assert.Equal(CellText.FormatDouble(value) ?? "", text[..CellText.FormatDouble(value, text)].ToString());
    }

    [Fact]
    public void Special_values_follow_pandas()
    {
        Assert.Null(CellText.FormatDouble(double.NaN));
        Assert.Equal("inf", CellText.FormatDouble(double.PositiveInfinity));
        Assert.Equal("-inf", CellText.FormatDouble(double.NegativeInfinity));
        Assert.Equal("-0.0", CellText.FormatDouble(-0.0));
        Assert.Equal("0.0", CellText.FormatDouble(0.0));
        Assert.Equal("9223372036854775807", CellText.Format(long.MaxValue));
        Assert.Null(CellText.Format(null));
    }
}
