namespace SegMeasure.Core.Tiff;

/// <summary>Numbers of the TIFF tags the codec reads or writes (TIFF 6.0, BigTIFF, Adobe supplements).</summary>
internal static class TiffTag
{
    public const ushort NewSubfileType = 254;
    public const ushort ImageWidth = 256;
    public const ushort ImageLength = 257;
    public const ushort BitsPerSample = 258;
    public const ushort Compression = 259;
    public const ushort PhotometricInterpretation = 262;
    public const ushort ImageDescription = 270;
    public const ushort StripOffsets = 273;
    public const ushort SamplesPerPixel = 277;
    public const ushort RowsPerStrip = 278;
    public const ushort StripByteCounts = 279;
    public const ushort XResolution = 282;
    public const ushort YResolution = 283;
    public const ushort PlanarConfiguration = 284;
    public const ushort ResolutionUnit = 296;
    public const ushort Software = 305;
    public const ushort Predictor = 317;
    public const ushort TileWidth = 322;
    public const ushort TileLength = 323;
    public const ushort TileOffsets = 324;
    public const ushort TileByteCounts = 325;
    public const ushort ExtraSamples = 338;
    public const ushort SampleFormat = 339;

    /// <summary>A readable name for messages, e.g. "StripOffsets (273)".</summary>
    public static string Describe(ushort tag) => tag switch
    {
        ImageWidth => "ImageWidth (256)",
        ImageLength => "ImageLength (257)",
        BitsPerSample => "BitsPerSample (258)",
        Compression => "Compression (259)",
        ImageDescription => "ImageDescription (270)",
        StripOffsets => "StripOffsets (273)",
        SamplesPerPixel => "SamplesPerPixel (277)",
        RowsPerStrip => "RowsPerStrip (278)",
        StripByteCounts => "StripByteCounts (279)",
        XResolution => "XResolution (282)",
        YResolution => "YResolution (283)",
        PlanarConfiguration => "PlanarConfiguration (284)",
        Predictor => "Predictor (317)",
        TileWidth => "TileWidth (322)",
        TileLength => "TileLength (323)",
        TileOffsets => "TileOffsets (324)",
        TileByteCounts => "TileByteCounts (325)",
        SampleFormat => "SampleFormat (339)",
        _ => $"tag {tag}",
    };
}
