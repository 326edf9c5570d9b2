using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tiff;

/// <summary>
/// Reads TIFF files: classic and BigTIFF, either byte order, strips or tiles, no/LZW/Deflate/
/// PackBits compression, horizontal and floating-point predictors, interleaved or planar
/// samples, multi-page stacks, with ImageJ and OME-XML metadata. Opening parses and validates
/// every IFD (cycles, counts, offsets against the file length) but decodes no pixels.
/// Pixels are then read whole (<see cref="Read"/>, bands decoded in parallel) or streamed band
/// by band in file order (<see cref="ReadStripes(CancellationToken)"/>) with memory for one band only.
/// Thread-safe for concurrent reads.
/// </summary>
internal sealed class TiffReader : IDisposable
{
    /// <summary>Each IFD takes at least 18 bytes, so a file cannot hold more; the cap only bounds bookkeeping.</summary>
    private const int MaxPages = 1_000_000;

    /// <summary>Below this many decoded bytes, decoding on one thread is faster than fanning out.</summary>
    private const long ParallelThreshold = 1 << 20;

    private readonly TiffSource _source;

    private TiffReader(TiffSource source, TiffHeader header, List<TiffPage> pages)
    {
        _source = source;
        IsBigTiff = header.IsBigTiff;
        IsBigEndian = header.ByteOrder.IsBigEndian;
        Pages = pages;
        Series = TiffSeries.From(source, pages);
    }

    public string Path => _source.Path;

    public bool IsBigTiff { get; }

    public bool IsBigEndian { get; }

    /// <summary>Every page (IFD) of the file, in file order.</summary>
    public IReadOnlyList<TiffPage> Pages { get; }

    /// <summary>The image: pages of the first layout with axes and voxel size from the metadata.</summary>
    public TiffSeries Series { get; }

    /// <summary>Opens and validates a TIFF; throws <see cref="TiffFormatException"/> naming the file and the problem.</summary>
    public static TiffReader Open(string path)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("SegMeasure's TIFF codec needs a little-endian machine");
        var source = new TiffSource(path);
        try
        {
            var header = TiffHeader.Read(source);
            if (header.FirstIfdOffset == 0) throw source.Error("the file holds no image (first IFD offset is 0)");
            var pages = new List<TiffPage>();
            var seen = new HashSet<ulong>();
            for (ulong offset = header.FirstIfdOffset; offset != 0;)
            {
                if (!seen.Add(offset))
                    throw source.Error($"IFD cycle: the next-IFD pointer of page {pages.Count - 1} points back to the IFD at offset {offset}");
                if (pages.Count >= MaxPages) throw source.Error($"more than {MaxPages} pages");
                var ifd = TiffIfd.Read(source, header, offset, pages.Count);
                pages.Add(new TiffPage(source, ifd, pages.Count));
                offset = ifd.NextOffset;
            }

            return new TiffReader(source, header, pages);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>Opens, reads the whole series and closes.</summary>
    public static TiffPixels ReadFile(string path, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var reader = Open(path);
        return reader.Read(progress, cancellationToken);
    }

    /// <summary>Decodes the whole series into one typed array (bands decoded in parallel).</summary>
    public TiffPixels Read(IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var series = Series;
        var count = series.ElementCount;
        if (count > Array.MaxLength)
            throw _source.Error($"the image has {count} samples, more than one array can hold; read it stripe by stripe instead", ErrorKind.NotSupported);
        var data = AllocateUninitialized(series.PixelType, (int)count);

        var jobs = new List<(int Page, int Plane, int Band, long Offset)>();
        var pageBytes = series.Pages[0].PageBytes;
        for (int p = 0; p < series.Pages.Count; p++)
        {
            var page = series.Pages[p];
            for (int plane = 0; plane < page.Planes; plane++)
                for (int band = 0; band < page.BandsPerPlane; band++)
                    jobs.Add((p, plane, band, p * pageBytes + plane * page.PlaneBytes + (long)band * page.BandRows * page.RowBytes));
        }

        long done = 0;
        var activity = $"Reading {System.IO.Path.GetFileName(Path)}";
        void DecodeJob(TiffBandDecoder decoder, int i)
        {
            var (p, plane, band, offset) = jobs[i];
            var page = series.Pages[p];
            decoder.Decode(page, plane, band, TiffPixels.BytesOf(data, offset, TiffBandDecoder.BandBytes(page, band)));
            if (progress is not null)
            {
                var n = Interlocked.Increment(ref done);
                if (n % 64 == 0 || n == jobs.Count) progress.Report(new WorkProgress(activity, n, jobs.Count));
            }
        }

        if (pageBytes * series.Pages.Count < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            using var decoder = new TiffBandDecoder(_source);
            for (int i = 0; i < jobs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DecodeJob(decoder, i);
            }
        }
        else
        {
            var options = new ParallelOptions { CancellationToken = cancellationToken };
            Unwrapped(() => Parallel.For(0, jobs.Count, options, () => new TiffBandDecoder(_source),
                (i, _, decoder) => { DecodeJob(decoder, i); return decoder; },
                decoder => decoder.Dispose()));
        }

        return new TiffPixels(data, series.PixelType, series.Shape, series.Axes, series.VoxelSize);
    }

    /// <summary>
    /// Decodes the series band by band in file order (page, then plane, then strip or tile row),
    /// holding one band at a time; each <see cref="TiffStripe.Data"/> is overwritten by the next.
    /// </summary>
    public IEnumerable<TiffStripe> ReadStripes(CancellationToken cancellationToken = default) => ReadStripes(1, cancellationToken);

    /// <summary>
    /// Like <see cref="ReadStripes(CancellationToken)"/>, but decodes up to
    /// <paramref name="parallelism"/> bands at once ahead of the consumer (memory: that many bands),
    /// still handing them out in file order.
    /// </summary>
    public IEnumerable<TiffStripe> ReadStripes(int parallelism, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var series = Series;
        var bands = new List<(int Page, int Plane, int Band)>();
        for (int p = 0; p < series.Pages.Count; p++)
            for (int plane = 0; plane < series.Pages[p].Planes; plane++)
                for (int band = 0; band < series.Pages[p].BandsPerPlane; band++)
                    bands.Add((p, plane, band));

        var bandBytes = series.Pages.Max(p => p.BandRows * p.RowBytes);
        var buffers = Enumerable.Range(0, Math.Min(parallelism, bands.Count)).Select(_ => new byte[bandBytes]).ToArray();
        var decoders = buffers.Select(_ => new TiffBandDecoder(_source)).ToArray();
        try
        {
            for (int start = 0; start < bands.Count; start += buffers.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(buffers.Length, bands.Count - start);
                int batchStart = start;
                void DecodeOne(int i)
                {
                    var (p, plane, band) = bands[batchStart + i];
                    decoders[i].Decode(series.Pages[p], plane, band, buffers[i].AsSpan(0, TiffBandDecoder.BandBytes(series.Pages[p], band)));
                }

                if (count == 1) DecodeOne(0);
                else Unwrapped(() => Parallel.For(0, count, DecodeOne));

                for (int i = 0; i < count; i++)
                {
                    var (p, plane, band) = bands[start + i];
                    var page = series.Pages[p];
                    yield return new TiffStripe(p, plane, band * page.BandRows, page.RowsInBand(band), buffers[i].AsMemory(0, TiffBandDecoder.BandBytes(page, band)));
                }
            }
        }
        finally
        {
            foreach (var d in decoders) d.Dispose();
        }
    }

    /// <summary>Runs parallel decoding, rethrowing a decoding error as itself rather than wrapped in an AggregateException.</summary>
    private void Unwrapped(Action parallelWork)
    {
        try
        {
            parallelWork();
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is SegMeasureException or IOException) is { } first)
        {
            throw first is SegMeasureException known ? known : _source.Error(first.Message);
        }
    }

    /// <summary>Every sample is overwritten by decoding, so the array need not be zeroed first.</summary>
    private static Array AllocateUninitialized(PixelType type, int length) => type switch
    {
        PixelType.UInt8 => GC.AllocateUninitializedArray<byte>(length),
        PixelType.Int8 => GC.AllocateUninitializedArray<sbyte>(length),
        PixelType.UInt16 => GC.AllocateUninitializedArray<ushort>(length),
        PixelType.Int16 => GC.AllocateUninitializedArray<short>(length),
        PixelType.UInt32 => GC.AllocateUninitializedArray<uint>(length),
        PixelType.Int32 => GC.AllocateUninitializedArray<int>(length),
        PixelType.UInt64 => GC.AllocateUninitializedArray<ulong>(length),
        PixelType.Int64 => GC.AllocateUninitializedArray<long>(length),
        PixelType.Float32 => GC.AllocateUninitializedArray<float>(length),
        _ => GC.AllocateUninitializedArray<double>(length),
    };

    /// <summary>A decoder of single bands of this file, for one thread (see <see cref="TiffBandDecoder"/>).</summary>
    internal TiffBandDecoder CreateBandDecoder() => new(_source);

    public void Dispose() => _source.Dispose();
}
