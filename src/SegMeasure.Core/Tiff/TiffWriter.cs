using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// Writes label and intensity images as little-endian TIFF: one page per z-slice (and channel,
/// channel varying fastest, as ImageJ stacks them), strips of about 256 KiB compressed in
/// parallel, ImageJ metadata and resolution tags so Fiji and tifffile read the voxel size back,
/// BigTIFF when the file could pass 4 GiB. The file is written under a temporary name in the
/// target folder and renamed into place, so a failed write never leaves a partial output, and
/// an existing file is only replaced when <see cref="TiffWriteOptions.Overwrite"/> is set.
/// ImageJ metadata cannot tell a one-slice volume from a 2D image, so such a volume, and every
/// <c>*.ome.tif</c> output, gets OME-XML instead (<see cref="OmeXmlWriter"/>).
/// </summary>
internal static class TiffWriter
{
    private const int TargetStripBytes = 256 * 1024;
    private const long ClassicTiffLimit = uint.MaxValue;

    /// <summary>Writes labels as the smallest unsigned type holding the largest label, unless <see cref="TiffWriteOptions.LabelType"/> says otherwise.</summary>
    public static void WriteLabels(string path, LabelImage image, TiffWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteLabels(path, image, options, cancellationToken, ClassicTiffLimit);

    public static void WriteIntensity(string path, IntensityImage image, TiffWriteOptions? options = null, CancellationToken cancellationToken = default) =>
        Write(path, new ChannelSampleSource(image), image.VoxelSize, options ?? new TiffWriteOptions(), cancellationToken, ClassicTiffLimit);

    /// <summary>The label type a file gets: the requested one, or the smallest unsigned type holding <paramref name="maxLabel"/>.
    /// Refuses a requested type too small for the labels.</summary>
    public static PixelType LabelTypeFor(uint maxLabel, PixelType? requested, string? path = null)
    {
        var type = requested ?? PixelTypeExtensions.SmallestUnsignedFor(maxLabel);
        ulong limit = type switch
        {
            PixelType.UInt8 => byte.MaxValue,
            PixelType.Int8 => (ulong)sbyte.MaxValue,
            PixelType.UInt16 => ushort.MaxValue,
            PixelType.Int16 => (ulong)short.MaxValue,
            PixelType.Int32 => int.MaxValue,
            PixelType.Float32 => 1 << 24, // larger integers are not all exact in float32
            _ => uint.MaxValue,
        };
        if (maxLabel > limit)
            throw new SegMeasureException("SegMeasure.LabelTypeTooSmall", ErrorKind.InvalidArgument,
                $"{(path is null ? "" : path + ": ")}label {maxLabel} does not fit the requested label type {type.ToDTypeName()}", path);
        return type;
    }

    /// <summary>Writes <paramref name="image"/> to <paramref name="path"/>; <paramref name="rowsPerStrip"/> 0 means strips of about 256 KiB
    /// (tests set small strips to put band edges through objects).</summary>
    internal static void WriteLabels(string path, LabelImage image, TiffWriteOptions? options, CancellationToken cancellationToken, long bigTiffThreshold, int rowsPerStrip = 0)
    {
        options ??= new TiffWriteOptions();
        var type = LabelTypeFor(image.MaxLabel(), options.LabelType, path);
        Write(path, new LabelSampleSource(image, type), image.VoxelSize, options, cancellationToken, bigTiffThreshold, rowsPerStrip);
    }

    /// <summary>The frames of a time series, one shape and voxel size, as one OME-TIFF with a T axis.</summary>
    public static void WriteLabelFrames(string path, IReadOnlyList<LabelImage> frames, TiffWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TiffWriteOptions();
        if (frames.Count == 0) throw new ArgumentException("no frames to write", nameof(frames));
        foreach (var frame in frames)
            if (frame.Shape != frames[0].Shape)
                throw new ShapeMismatchException($"{path}: the frames of one time series have different shapes ({frames[0].Shape} and {frame.Shape})", path);
        var type = LabelTypeFor(frames.Max(f => f.MaxLabel()), options.LabelType, path);
        Write(path, new LabelSampleSource(frames, type), frames[0].VoxelSize, options, cancellationToken, ClassicTiffLimit);
    }

    /// <summary>
    /// Writes the rows <paramref name="source"/> hands out strip by strip (a few strips per core at a
    /// time), so a source that computes or decodes its rows on demand is written without ever being
    /// whole in memory; BigTIFF when the file could pass 4 GiB.
    /// </summary>
    internal static void Write(string path, TiffSampleSource source, VoxelSize voxelSize, TiffWriteOptions options, CancellationToken cancellationToken,
        long bigTiffThreshold, int rowsPerStrip = 0)
    {
        if (options.Compression is not (TiffCompression.None or TiffCompression.Deflate or TiffCompression.Lzw or TiffCompression.PackBits))
            throw new SegMeasureException("SegMeasure.InvalidArgument", ErrorKind.InvalidArgument, $"unknown compression {options.Compression}", path);
        OutputFile.Write(path, options.Overwrite, stream => WriteTo(stream, source, voxelSize, options.Compression, bigTiffThreshold, cancellationToken, MetadataFor(path, source, voxelSize), rowsPerStrip));
    }

    /// <summary>ImageJ metadata, or OME-XML for <c>*.ome.tif</c> outputs, time series and arrays ImageJ metadata cannot describe (a one-slice volume).</summary>
    private static string MetadataFor(string path, TiffSampleSource source, VoxelSize voxelSize) =>
        OmeXmlWriter.IsWanted(path, source.Shape, source.PixelType) || source.Frames > 1
            ? OmeXmlWriter.Format(source.Shape, source.Channels, source.PixelType, voxelSize, source.Frames)
            : ImageJMetadata.Format(source.Channels, source.Shape.Is2D ? 1 : source.Shape.Depth, voxelSize);

    private static void WriteTo(Stream stream, TiffSampleSource source, VoxelSize voxelSize, TiffCompression compression, long bigTiffThreshold,
        CancellationToken cancellationToken, string description, int rowsPerStrip)
    {
        var shape = source.Shape;
        rowsPerStrip = rowsPerStrip > 0 ? Math.Min(rowsPerStrip, shape.Height) : (int)Math.Clamp(TargetStripBytes / source.RowBytes, 1, shape.Height);
        int stripsPerPage = (shape.Height + rowsPerStrip - 1) / rowsPerStrip;
        bool bigTiff = EstimatedSize(source, compression, stripsPerPage, description.Length) > bigTiffThreshold;
        var writer = new IfdWriter(stream, bigTiff);
        writer.WriteHeader();

        var batch = Math.Max(1, Environment.ProcessorCount * 4);
        var encoded = new byte[batch][];
        var lengths = new int[batch];
        for (int page = 0; page < source.PageCount; page++)
        {
            var offsets = new ulong[stripsPerPage];
            var counts = new ulong[stripsPerPage];
            for (int first = 0; first < stripsPerPage; first += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int n = Math.Min(batch, stripsPerPage - first);
                int currentPage = page;
                if (compression == TiffCompression.None || n == 1)
                {
                    for (int i = 0; i < n; i++) (encoded[i], lengths[i]) = EncodeStrip(source, currentPage, first + i, rowsPerStrip, compression);
                }
                else
                {
                    Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken },
                        i => (encoded[i], lengths[i]) = EncodeStrip(source, currentPage, first + i, rowsPerStrip, compression));
                }

                for (int i = 0; i < n; i++)
                {
                    offsets[first + i] = writer.Append(encoded[i].AsSpan(0, lengths[i]));
                    counts[first + i] = (ulong)lengths[i];
                    if (compression == TiffCompression.None) ArrayPool<byte>.Shared.Return(encoded[i]);
                    encoded[i] = [];
                }
            }

            writer.WriteIfd(PageEntries(source, rowsPerStrip, offsets, counts, compression, voxelSize, page == 0 ? description : null, bigTiff));
        }

        writer.Finish();
    }

    /// <summary>Rows of one strip, compressed; for no compression a pooled buffer the caller returns.</summary>
    private static (byte[] Data, int Length) EncodeStrip(TiffSampleSource source, int page, int strip, int rowsPerStrip, TiffCompression compression)
    {
        int row = strip * rowsPerStrip;
        int rows = Math.Min(rowsPerStrip, source.Shape.Height - row);
        int bytes = (int)(rows * source.RowBytes);
        var raw = ArrayPool<byte>.Shared.Rent(bytes);
        source.CopyRows(page, row, rows, raw.AsSpan(0, bytes));
        if (compression == TiffCompression.None) return (raw, bytes);
        try
        {
            var result = compression switch
            {
                TiffCompression.Lzw => new LzwEncoder().Encode(raw.AsSpan(0, bytes)),
                TiffCompression.PackBits => PackBitsEncoder.Encode(raw.AsSpan(0, bytes), (int)source.RowBytes),
                _ => Deflate(raw.AsSpan(0, bytes)),
            };
            return (result, result.Length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream(data.Length / 4 + 64);
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            z.Write(data);
        return output.ToArray();
    }

    /// <summary>An upper bound of the file size: pixel data at worst-case expansion plus directories.</summary>
    private static long EstimatedSize(TiffSampleSource source, TiffCompression compression, int stripsPerPage, int descriptionLength)
    {
        long raw = source.RowBytes * source.Shape.Height * source.PageCount;
        long data = compression switch
        {
            TiffCompression.None => raw,
            TiffCompression.Lzw => raw + raw / 2 + 16L * stripsPerPage * source.PageCount,
            _ => raw + raw / 64 + 64L * stripsPerPage * source.PageCount,
        };
        return 16 + data + (long)source.PageCount * (512 + 16L * stripsPerPage) + descriptionLength;
    }

    private static List<IfdEntry> PageEntries(TiffSampleSource source, int rowsPerStrip, ulong[] offsets, ulong[] counts,
        TiffCompression compression, VoxelSize voxelSize, string? description, bool bigTiff)
    {
        var type = source.PixelType;
        ushort sampleFormat = type.IsFloatingPoint() ? (ushort)3 : type.IsSigned() ? (ushort)2 : (ushort)1;
        var entries = new List<IfdEntry>
        {
            IfdEntry.Long(TiffTag.NewSubfileType, 0),
            IfdEntry.Long(TiffTag.ImageWidth, (uint)source.Shape.Width),
            IfdEntry.Long(TiffTag.ImageLength, (uint)source.Shape.Height),
            IfdEntry.Short(TiffTag.BitsPerSample, (ushort)(type.SizeInBytes() * 8)),
            IfdEntry.Short(TiffTag.Compression, (ushort)compression),
            IfdEntry.Short(TiffTag.PhotometricInterpretation, 1), // min-is-black
            IfdEntry.Offsets(TiffTag.StripOffsets, offsets, bigTiff),
            IfdEntry.Short(TiffTag.SamplesPerPixel, 1),
            IfdEntry.Long(TiffTag.RowsPerStrip, (uint)rowsPerStrip),
            IfdEntry.Offsets(TiffTag.StripByteCounts, counts, bigTiff),
            IfdEntry.Short(TiffTag.PlanarConfiguration, 1),
            IfdEntry.Short(TiffTag.SampleFormat, sampleFormat),
        };
        if (description is not null)
        {
            entries.Add(IfdEntry.Ascii(TiffTag.ImageDescription, description));
            entries.Add(IfdEntry.Ascii(TiffTag.Software, "SegMeasure"));
        }

        if (voxelSize.IsCalibrated)
        {
            entries.Add(IfdEntry.Rational(TiffTag.XResolution, 1.0 / voxelSize.X));
            entries.Add(IfdEntry.Rational(TiffTag.YResolution, 1.0 / voxelSize.Y));
            entries.Add(IfdEntry.Short(TiffTag.ResolutionUnit, voxelSize.Unit switch { "cm" => 3, "inch" => 2, _ => 1 }));
        }

        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        return entries;
    }

    /// <summary>An IFD entry ready to write: tag, field type, count and little-endian value bytes.</summary>
    private sealed record IfdEntry(ushort Tag, TiffFieldType Type, ulong Count, byte[] Value)
    {
        public static IfdEntry Short(ushort tag, ushort value)
        {
            var b = new byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(b, value);
            return new IfdEntry(tag, TiffFieldType.Short, 1, b);
        }

        public static IfdEntry Long(ushort tag, uint value)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, value);
            return new IfdEntry(tag, TiffFieldType.Long, 1, b);
        }

        public static IfdEntry Offsets(ushort tag, ulong[] values, bool bigTiff)
        {
            var size = bigTiff ? 8 : 4;
            var b = new byte[values.Length * size];
            for (int i = 0; i < values.Length; i++)
            {
                if (bigTiff) BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(i * 8), values[i]);
                else BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 4), checked((uint)values[i]));
            }

            return new IfdEntry(tag, bigTiff ? TiffFieldType.Long8 : TiffFieldType.Long, (ulong)values.Length, b);
        }

        public static IfdEntry Ascii(ushort tag, string text)
        {
            var b = Encoding.UTF8.GetBytes(text + "\0");
            return new IfdEntry(tag, TiffFieldType.Ascii, (ulong)b.Length, b);
        }

        /// <summary>A positive value as the closest fraction with a 32-bit numerator and denominator.</summary>
        public static IfdEntry Rational(ushort tag, double value)
        {
            double denominator = Math.Floor(Math.Min(uint.MaxValue, uint.MaxValue / Math.Max(value, 1e-300)));
            double numerator = Math.Round(value * denominator);
            if (numerator < 1) (numerator, denominator) = (1, Math.Min(uint.MaxValue, Math.Round(1 / value)));
            var b = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)numerator);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), (uint)denominator);
            return new IfdEntry(tag, TiffFieldType.Rational, 1, b);
        }
    }

    /// <summary>Appends pixel data and IFDs to the stream, linking each IFD from the previous one.</summary>
    private sealed class IfdWriter(Stream stream, bool bigTiff)
    {
        private long _linkPosition;

        public void WriteHeader()
        {
            Span<byte> header = stackalloc byte[16];
            header.Clear();
            header[0] = header[1] = (byte)'I';
            if (bigTiff)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 43);
                BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 8);
                stream.Write(header[..16]);
                _linkPosition = 8;
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(header[2..], 42);
                stream.Write(header[..8]);
                _linkPosition = 4;
            }
        }

        /// <summary>Writes data at the end of the file and returns its offset.</summary>
        public ulong Append(ReadOnlySpan<byte> data)
        {
            var offset = stream.Position;
            if (!bigTiff && offset + data.Length > ClassicTiffLimit)
                throw new InvalidOperationException("classic TIFF offset limit passed; the size estimate should have chosen BigTIFF");
            stream.Write(data);
            return (ulong)offset;
        }

        public void WriteIfd(List<IfdEntry> entries)
        {
            if (stream.Position % 2 != 0) stream.WriteByte(0);
            long ifdOffset = stream.Position;
            int countSize = bigTiff ? 8 : 2, entrySize = bigTiff ? 20 : 12, pointerSize = bigTiff ? 8 : 4, inline = bigTiff ? 8 : 4;
            long tableSize = countSize + (long)entries.Count * entrySize + pointerSize;
            var table = new byte[tableSize];
            var values = new MemoryStream();
            if (bigTiff) BinaryPrimitives.WriteUInt64LittleEndian(table, (ulong)entries.Count);
            else BinaryPrimitives.WriteUInt16LittleEndian(table, (ushort)entries.Count);
            for (int i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                var slot = table.AsSpan(countSize + i * entrySize, entrySize);
                BinaryPrimitives.WriteUInt16LittleEndian(slot, e.Tag);
                BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], (ushort)e.Type);
                if (bigTiff) BinaryPrimitives.WriteUInt64LittleEndian(slot[4..], e.Count);
                else BinaryPrimitives.WriteUInt32LittleEndian(slot[4..], (uint)e.Count);
                var field = slot[(bigTiff ? 12 : 8)..];
                if (e.Value.Length <= inline)
                {
                    e.Value.CopyTo(field);
                    continue;
                }

                var valueOffset = (ulong)(ifdOffset + tableSize + values.Length);
                if (bigTiff) BinaryPrimitives.WriteUInt64LittleEndian(field, valueOffset);
                else BinaryPrimitives.WriteUInt32LittleEndian(field, checked((uint)valueOffset));
                values.Write(e.Value);
                if (values.Length % 2 != 0) values.WriteByte(0);
            }

            if (!bigTiff && ifdOffset + tableSize + values.Length > ClassicTiffLimit)
                throw new InvalidOperationException("classic TIFF offset limit passed; the size estimate should have chosen BigTIFF");
            stream.Write(table);
            values.WriteTo(stream);
            var end = stream.Position;

            Span<byte> link = stackalloc byte[8];
            if (bigTiff) BinaryPrimitives.WriteUInt64LittleEndian(link, (ulong)ifdOffset);
            else BinaryPrimitives.WriteUInt32LittleEndian(link, (uint)ifdOffset);
            stream.Position = _linkPosition;
            stream.Write(link[..pointerSize]);
            stream.Position = end;
            _linkPosition = ifdOffset + countSize + (long)entries.Count * entrySize;
        }

        public void Finish() => stream.Flush();
    }
}
