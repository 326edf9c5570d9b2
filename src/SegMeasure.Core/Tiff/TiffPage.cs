using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// One image of a TIFF (one IFD) with its geometry checked: sample type, strips or tiles, and
/// every chunk's offset and size validated against the file before anything is decoded.
/// Pixel data is organised in <em>bands</em>: a strip, or a row of tiles, covering full-width
/// rows of one plane (all samples when interleaved, one sample when planar-separate).
/// </summary>
internal sealed class TiffPage
{
    internal TiffPage(TiffSource source, TiffIfd ifd, int index)
    {
        Index = index;
        ByteOrder = ifd.ByteOrder;
        Width = CheckExtent(source, ifd.GetInteger(TiffTag.ImageWidth, 0), "ImageWidth (256)", index);
        Height = CheckExtent(source, ifd.GetInteger(TiffTag.ImageLength, 0), "ImageLength (257)", index);
        var spp = ifd.GetInteger(TiffTag.SamplesPerPixel, 1);
        if (spp is 0 or > 256) throw source.Error($"page {index}: implausible SamplesPerPixel {spp}");
        SamplesPerPixel = (int)spp;

        Compression = ifd.GetInteger(TiffTag.Compression, TiffCompressionCodes.None);
        if (!TiffCompressionCodes.IsSupported(Compression) && !TiffCompressionCodes.IsDecodedByLibTiff(Compression))
            throw source.Error(TiffCompressionCodes.Name(Compression) == "unknown"
                ? $"unsupported compression {Compression} (not a known TIFF compression code)"
                : $"unsupported compression {TiffCompressionCodes.Name(Compression)} ({Compression})", ErrorKind.NotSupported);

        var bits = ifd.GetUniformInteger(TiffTag.BitsPerSample, 1);
        var format = ifd.GetUniformInteger(TiffTag.SampleFormat, 1);
        PixelType = (format, bits) switch
        {
            (1, 1) => PixelType.UInt8, // bilevel: one byte of 0 or 1 per pixel, as tifffile's bool array
            (1, 8) => PixelType.UInt8,
            (1, 16) => PixelType.UInt16,
            (1, 32) => PixelType.UInt32,
            (1, 64) => PixelType.UInt64,
            (2, 8) => PixelType.Int8,
            (2, 16) => PixelType.Int16,
            (2, 32) => PixelType.Int32,
            (2, 64) => PixelType.Int64,
            (3, 32) => PixelType.Float32,
            (3, 64) => PixelType.Float64,
            _ => throw source.Error($"unsupported sample type: {bits} bits with SampleFormat {format} (supported: 8/16/32/64-bit integers, 32/64-bit floats)", ErrorKind.NotSupported),
        };

        IsBilevel = bits == 1;
        UsesLibTiff = IsBilevel || !TiffCompressionCodes.IsSupported(Compression);
        if (UsesLibTiff) ifd.CheckEveryValueInFile(index);

        var planar = ifd.GetInteger(TiffTag.PlanarConfiguration, 1);
        if (planar is not (1 or 2)) throw source.Error($"page {index}: invalid PlanarConfiguration {planar}");
        IsPlanarSeparate = planar == 2 && SamplesPerPixel > 1;

        Predictor = (int)Math.Min(ifd.GetInteger(TiffTag.Predictor, 1), int.MaxValue);
        if (Predictor is not (1 or 2 or 3))
            throw source.Error($"unsupported predictor {Predictor}", ErrorKind.NotSupported);
        if (Predictor == 3 && !PixelType.IsFloatingPoint())
            throw source.Error($"the floating-point predictor (3) is used with {PixelType.ToDTypeName()} samples");
        if (Predictor != 1 && (Compression == TiffCompressionCodes.None || UsesLibTiff)) Predictor = 1; // none, or LibTiff undoes it

        IsTiled = ifd.Has(TiffTag.TileWidth) || ifd.Has(TiffTag.TileOffsets);
        if (IsTiled)
        {
            TileWidth = CheckExtent(source, ifd.GetInteger(TiffTag.TileWidth, 0), "TileWidth (322)", index);
            BandRows = CheckExtent(source, ifd.GetInteger(TiffTag.TileLength, 0), "TileLength (323)", index);
            TilesAcross = (int)((Width + (long)TileWidth - 1) / TileWidth);
        }
        else
        {
            TileWidth = Width;
            BandRows = (int)Math.Clamp(ifd.GetInteger(TiffTag.RowsPerStrip, uint.MaxValue), 1, (ulong)Height);
            TilesAcross = 1;
        }

        BandsPerPlane = (int)((Height + (long)BandRows - 1) / BandRows);
        ChunkSamples = (long)TileWidth * BandRows * (IsPlanarSeparate ? 1 : SamplesPerPixel);
        long chunkBytes = ChunkSamples * BytesPerSample;
        long bandBytes = (long)Width * BandRows * (IsPlanarSeparate ? 1 : SamplesPerPixel) * BytesPerSample;
        if (chunkBytes > int.MaxValue / 2 || bandBytes > int.MaxValue / 2)
            throw source.Error($"page {index}: a single {(IsTiled ? "tile row" : "strip")} of {bandBytes} bytes is too large to decode", ErrorKind.NotSupported);

        long chunkCount = (long)Planes * BandsPerPlane * TilesAcross;
        var offsets = ifd.GetIntegers(IsTiled ? TiffTag.TileOffsets : TiffTag.StripOffsets)
            ?? throw source.Error($"page {index}: no {(IsTiled ? "TileOffsets (324)" : "StripOffsets (273)")}");
        var counts = ifd.GetIntegers(IsTiled ? TiffTag.TileByteCounts : TiffTag.StripByteCounts);
        if (counts is null)
        {
            // Some writers omit StripByteCounts for a single uncompressed strip: its size is implied.
            if (Compression != TiffCompressionCodes.None || offsets.Length != 1)
                throw source.Error($"page {index}: no {(IsTiled ? "TileByteCounts (325)" : "StripByteCounts (279)")}");
            counts = [(ulong)(IsBilevel ? ((long)Width * SamplesPerPixel + 7) / 8 * Height : (long)Width * Height * SamplesPerPixel * BytesPerSample)];
        }

        if (offsets.Length < chunkCount || counts.Length < chunkCount)
            throw source.Error($"page {index}: {offsets.Length} offsets and {counts.Length} byte counts for {chunkCount} {(IsTiled ? "tiles" : "strips")}");

        var what = IsTiled ? "tile" : "strip";
        for (int i = 0; i < chunkCount; i++)
        {
            if (!source.Contains(offsets[i], counts[i]))
                throw source.Error($"page {index}: {what} {i} (bytes {offsets[i]}..{offsets[i] + counts[i]}) extends past the end of the file ({source.Length} bytes)");
            long needed = IsTiled ? chunkBytes : RowsInBand(i % BandsPerPlane) * (bandBytes / BandRows);
            if (IsBilevel) needed = (needed + 7) / 8; // stored eight pixels to a byte
            if (needed > TiffCompressionCodes.MaxDecodedBytes(Compression, counts[i]))
                throw source.Error(Compression == TiffCompressionCodes.None
                    ? $"page {index}: {what} {i} holds {counts[i]} bytes but {needed} are needed (truncated pixel data)"
                    : $"page {index}: {what} {i} declares {needed} decoded bytes from only {counts[i]} compressed bytes (corrupt sizes)");
        }

        ChunkOffsets = offsets;
        ChunkByteCounts = counts;
        Description = index == 0 ? ifd.GetAscii(TiffTag.ImageDescription) : null;
        XResolution = ifd.GetRational(TiffTag.XResolution);
        YResolution = ifd.GetRational(TiffTag.YResolution);
        ResolutionUnit = (int)Math.Min(ifd.GetInteger(TiffTag.ResolutionUnit, 2), int.MaxValue);
        IsReducedResolution = (ifd.GetInteger(TiffTag.NewSubfileType, 0) & 1) != 0;
    }

    public int Index { get; private set; }
    internal TiffByteOrder ByteOrder { get; }
    public int Width { get; }
    public int Height { get; }
    public int SamplesPerPixel { get; }
    public PixelType PixelType { get; }
    public int BytesPerSample => PixelType.SizeInBytes();
    public ulong Compression { get; }

    /// <summary>One bit per sample, read as bytes of 0 or 1.</summary>
    public bool IsBilevel { get; }

    /// <summary>Decoded by LibTiff.NET rather than our codec: a compression ours leaves out, or bilevel pixels.</summary>
    internal bool UsesLibTiff { get; }
    public int Predictor { get; }
    public bool IsPlanarSeparate { get; }
    public bool IsTiled { get; }
    public int TileWidth { get; }

    /// <summary>Rows per strip, or the tile length: the height of every band but possibly the last.</summary>
    public int BandRows { get; }

    public int TilesAcross { get; }
    public int BandsPerPlane { get; }

    /// <summary>Planes stored separately: SamplesPerPixel when planar-separate, else 1.</summary>
    public int Planes => IsPlanarSeparate ? SamplesPerPixel : 1;

    /// <summary>Samples per pixel inside one plane.</summary>
    public int SamplesPerPlanePixel => IsPlanarSeparate ? 1 : SamplesPerPixel;

    internal long ChunkSamples { get; }
    internal ulong[] ChunkOffsets { get; private set; }
    internal ulong[] ChunkByteCounts { get; }

    /// <summary>ImageDescription of the first page (where ImageJ and OME metadata live); null on other pages.</summary>
    public string? Description { get; }

    public double? XResolution { get; }
    public double? YResolution { get; }

    /// <summary>1 = none, 2 = inch, 3 = centimetre.</summary>
    public int ResolutionUnit { get; }

    /// <summary>A thumbnail or pyramid level rather than a plane of the image.</summary>
    public bool IsReducedResolution { get; }

    /// <summary>Bytes of one decoded row of one plane.</summary>
    public long RowBytes => (long)Width * SamplesPerPlanePixel * BytesPerSample;

    /// <summary>Bytes of one decoded plane.</summary>
    public long PlaneBytes => RowBytes * Height;

    /// <summary>Bytes of the whole decoded page (all planes).</summary>
    public long PageBytes => PlaneBytes * Planes;

    public int RowsInBand(int band) => Math.Min(BandRows, Height - band * BandRows);

    /// <summary>Whether the pixel data is one uncompressed run of bytes (strips stored back to back).</summary>
    internal bool IsContiguousUncompressed
    {
        get
        {
            if (Compression != TiffCompressionCodes.None || IsTiled || IsBilevel) return false;
            long chunks = (long)Planes * BandsPerPlane;
            for (int i = 1; i < chunks; i++)
                if (ChunkOffsets[i] != ChunkOffsets[i - 1] + ChunkByteCounts[i - 1]) return false;
            return true;
        }
    }

    /// <summary>
    /// A page that exists only as data: ImageJ writes stacks over 4 GiB as one IFD followed by
    /// all images back to back. The copy's chunks are shifted by <paramref name="shift"/> bytes.
    /// </summary>
    internal TiffPage ShiftedCopy(int index, ulong shift)
    {
        var copy = (TiffPage)MemberwiseClone();
        copy.Index = index;
        copy.ChunkOffsets = ChunkOffsets.Select(o => o + shift).ToArray();
        return copy;
    }

    /// <summary>True when two pages can be stacked: same extent, samples and type.</summary>
    public bool HasSameLayoutAs(TiffPage other) =>
        Width == other.Width && Height == other.Height && SamplesPerPixel == other.SamplesPerPixel
        && PixelType == other.PixelType && IsPlanarSeparate == other.IsPlanarSeparate;

    private static int CheckExtent(TiffSource source, ulong value, string tag, int index)
    {
        if (value == 0 || value > int.MaxValue / 4)
            throw source.Error(value == 0 ? $"page {index}: {tag} is missing or zero" : $"page {index}: implausible {tag} {value}");
        return (int)value;
    }
}
