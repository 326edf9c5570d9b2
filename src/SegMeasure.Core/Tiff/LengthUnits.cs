namespace SegMeasure.Core.Tiff;

/// <summary>Spellings of length units found in microscopy files, mapped to one name each ("micron" for micrometres, as ImageJ writes it).</summary>
internal static class LengthUnits
{
    public static string? Normalize(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) return null;
        var u = unit.Trim();
        return u switch
        {
            "micron" or "microns" or "um" or "\u00B5m" or "\u03BCm" or "micrometer" or "micrometre" or "\\u00B5m" => "micron",
            "nm" or "nanometer" or "nanometre" => "nm",
            "mm" or "millimeter" or "millimetre" => "mm",
            "cm" or "centimeter" or "centimetre" => "cm",
            "m" or "meter" or "metre" => "m",
            "pixel" or "pixels" or "px" => "pixel",
            _ => u,
        };
    }

    /// <summary>Size of one unit in micrometres; null for units that are not lengths we know.</summary>
    private static double? Microns(string unit) => unit switch
    {
        "micron" => 1,
        "nm" => 1e-3,
        "mm" => 1e3,
        "cm" => 1e4,
        "m" => 1e6,
        _ => null,
    };

    /// <summary>Converts between two normalised units; returns the value unchanged when either is unknown.</summary>
    public static double Convert(double value, string from, string to) =>
        from == to || Microns(from) is not { } f || Microns(to) is not { } t ? value : value * f / t;
}
