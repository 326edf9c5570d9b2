using SegMeasure.Core.Images;
using SegMeasure.Core.Measurement.Engine;
using SegMeasure.Core.Streaming;
using SegMeasure.Core.Tiff;

namespace SegMeasure.Core.Postprocessing;

/// <summary>
/// The local post-processing steps for images larger than memory: the input is read band by band
/// and the output written strip by strip (BigTIFF past 4 GB), memory being a few bands plus the
/// per-label counts. The output equals the in-memory step's pixel for pixel.
/// </summary>
internal static class StreamedPostprocessing
{
    /// <summary>Rows of output a ring-mask band computes at once (plus the ring width above and below).</summary>
    private const int RingBandRows = 64;

    /// <summary>Small-segment filter: a counting pass, then every strip keeps the labels of at least <paramref name="minSize"/> voxels.
    /// BigTIFF is written above an estimated file size of <paramref name="bigTiffThreshold"/> (tests lower it).</summary>
    public static (int Before, int After) FilterSmallSegments(ImageRows input, string output, long minSize, TiffWriteOptions options, BandLayout bands, CancellationToken ct,
        long bigTiffThreshold = uint.MaxValue)
    {
        var counts = StreamedStatistics.Number(input, bands, ct);
        var slots = counts.Slots!;
        var keep = new bool[slots.Count];
        uint maxKept = 0;
        int kept = 0;
        for (int s = 0; s < keep.Length; s++)
        {
            if (counts.Counts[s] < minSize) continue;
            keep[s] = true;
            kept++;
            maxKept = Math.Max(maxKept, slots.Ids[s]);
        }

        var type = TiffWriter.LabelTypeFor(maxKept, input.PixelType, output);
        var source = new LabelRowsSampleSource(input.Shape, type, (first, count, labels) =>
        {
            using var reader = new LabelRowReader(input);
            int width = input.Shape.Width;
            for (int r = 0; r < count; r++)
            {
                var row = reader.Row(first + r);
                var target = labels.Slice(r * width, width);
                uint last = 0;
                bool lastKept = false;
                for (int x = 0; x < width; x++)
                {
                    uint v = row[x];
                    if (v != last)
                    {
                        last = v;
                        lastKept = v != 0 && keep[slots.SlotOf(v)]; // looked up once per run
                    }

                    target[x] = lastKept ? v : 0;
                }
            }
        });
        TiffWriter.Write(output, source, input.VoxelSize, options, ct, bigTiffThreshold);
        return (slots.Count, kept);
    }

    /// <summary>
    /// City-block rings: a voxel's ring id depends only on the segments within <paramref name="ringWidth"/> of it,
    /// so each band of rows (planes in 3D) is computed by <see cref="RingMask.Apply"/> on the band plus
    /// <paramref name="ringWidth"/> rows (planes) above and below, and only the band is kept.
    /// </summary>
    public static (int Before, int After) RingMask(ImageRows input, string output, int ringWidth, bool keepOriginal, TiffWriteOptions options, BandLayout bands, CancellationToken ct,
        long bigTiffThreshold = uint.MaxValue)
    {
        var before = StreamedStatistics.Number(input, bands, ct).Slots!;
        var shape = input.Shape;
        // In 2D a band is rows; in 3D whole planes, as rings reach across planes.
        int unit = shape.Is2D ? 1 : shape.Height, units = shape.Is2D ? shape.Height : shape.Depth;
        int bandUnits = shape.Is2D ? (bands.StripeRows > 0 ? bands.StripeRows : RingBandRows) : 1;
        var cache = new BandCache<uint[]>();
        var present = new bool[before.Count]; // slots that still appear in the output
        uint maxId = before.Count == 0 ? 0 : before.Ids.Max();
        var type = TiffWriter.LabelTypeFor(maxId, input.PixelType, output);

        uint[] Band(int band)
        {
            int first = band * bandUnits, end = Math.Min(units, first + bandUnits);
            int from = Math.Max(0, first - ringWidth), to = Math.Min(units, end + ringWidth);
            var windowShape = shape.Is2D ? ImageShape.Of2D(to - from, shape.Width) : ImageShape.Of3D(to - from, shape.Height, shape.Width);
            var window = new uint[windowShape.Length];
            using (var reader = new LabelRowReader(input))
                for (int r = 0; r < (to - from) * unit; r++)
                    reader.Row(from * unit + r).CopyTo(window.AsSpan(r * shape.Width, shape.Width));
            var ringed = Postprocessing.RingMask.Apply(new LabelImage(window, windowShape), ringWidth, keepOriginal, ct).Image.Data;
            var result = ringed.AsSpan((first - from) * unit * shape.Width, (end - first) * unit * shape.Width).ToArray();
            uint last = 0;
            foreach (uint v in result)
                if (v != last && v != 0)
                {
                    last = v;
                    present[before.SlotOf(v)] = true; // a flag set from several threads: every write is true
                }

            return result;
        }

        var source = new LabelRowsSampleSource(shape, type, (first, count, labels) =>
        {
            int width = shape.Width, rowsPerBand = bandUnits * unit;
            for (int r = 0; r < count;)
            {
                int row = first + r, band = row / rowsPerBand, offset = row - band * rowsPerBand;
                var data = cache.Get(band, Band);
                int take = Math.Min(count - r, data.Length / width - offset);
                data.AsSpan(offset * width, take * width).CopyTo(labels.Slice(r * width, take * width));
                r += take;
            }
        });
        TiffWriter.Write(output, source, input.VoxelSize, options, ct, bigTiffThreshold);
        return (before.Count, keepOriginal ? before.Count : present.Count(p => p));
    }
}
