namespace SegMeasure.Core.Tiff;

/// <summary>The compressions the writer offers, by their TIFF code.</summary>
public enum TiffCompression
{
    None = 1,
    Lzw = 5,
    Deflate = 8,
    PackBits = 32773,
}
