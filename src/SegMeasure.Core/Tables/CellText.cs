using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace SegMeasure.Core.Tables;

/// <summary>
/// How table values are spelled in text files so they match what pandas writes: doubles in
/// Python's <c>repr</c> form (shortest digits that round-trip, <c>1.0</c> not <c>1</c> so a
/// double column stays double when read back, <c>1e-05</c> style exponents), integers as
/// integers, infinities as <c>inf</c>/<c>-inf</c>, missing values (NaN, null) as an empty cell.
/// Always the invariant culture.
/// </summary>
internal static class CellText
{
    /// <summary>The text of a cell value, or null for a missing value.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        double d => FormatDouble(d),
        long l => l.ToString(CultureInfo.InvariantCulture),
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The longest text <see cref="FormatDouble(double, Span{char})"/> writes.</summary>
    public const int MaxDoubleLength = 32;

    /// <summary>
    /// <see cref="FormatDouble(double)"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxDoubleLength"/> long) without allocating in the common case; returns the
    /// length written, 0 for NaN. Files of 10⁵ rows format a million numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int FormatDouble(double value, Span<char> destination)
    {
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e16
            && value.TryFormat(destination, out int n, "R", CultureInfo.InvariantCulture) && destination[..n].IndexOf('E') < 0)
        {
            if (destination[..n].IndexOf('.') >= 0) return n;
            destination[n] = '.';
            destination[n + 1] = '0';
            return n + 2;
        }

        var text = FormatDouble(value) ?? "";
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>
    /// Python's <c>repr(float)</c>: positional for decimal exponents −4 ≤ e &lt; 16, scientific
    /// otherwise (<c>1e+16</c>, <c>5e-324</c>); null for NaN.
    /// </summary>
    public static string? FormatDouble(double value)
    {
        if (double.IsNaN(value)) return null;
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // .NET's "R" gives the shortest round-trip digits; only the layout differs from Python.
        // In Python's positional range, without an exponent, only Python's trailing ".0" may be missing.
        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e16 && roundTrip.IndexOf('E') < 0)
            return roundTrip.Contains('.') ? roundTrip : roundTrip + ".0";
        var (digits, exponent) = Decompose(roundTrip.TrimStart('-'));

        var sb = new StringBuilder();
        if (value < 0) sb.Append('-');
        if (exponent >= -4 && exponent < 16)
        {
            if (exponent < 0)
            {
                sb.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
            else if (digits.Length <= exponent + 1)
            {
                sb.Append(digits).Append('0', exponent + 1 - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
            }
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            sb.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Splits a positive "R" string ("123.45", "1.5E-05") into significant digits and the decimal exponent of the first digit.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        int e = text.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? text : text[..e];
        int exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int point = mantissa.IndexOf('.');
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        var all = integerPart + fraction;
        int leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0') leadingZeros++;
        var digits = all[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, exponent + integerPart.Length - 1 - leadingZeros);
    }
}
