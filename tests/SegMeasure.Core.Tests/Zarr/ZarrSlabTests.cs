using SegMeasure.Core.Images;
using SegMeasure.Core.Tiff;
using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Tests.Zarr;

/// <summary>Streaming an array one chunk row at a time gives, slab by slab, exactly the array read whole.</summary>
public class ZarrSlabTests
{
    [Theory]
    [InlineData("codec_zstd_u16_3d_C.zarr")]
    [InlineData("codec_none_u16_3d_F.zarr")]
    [InlineData("codec_blosc_lz4_shuffle_u16_C.zarr")]
    [InlineData("fill_value_missing_chunks.zarr")]
    [InlineData("nuclei_3d_v3.ome.zarr/0")]
    [InlineData("nuclei_2d_v3.ome.zarr/labels/nuclei/0")]
    public void Slabs_tile_the_whole_array(string store)
    {
        var array = ZarrArray.Open(ZarrTestData.Store(store));
        var whole = array.ReadAll();
        int size = array.PixelType.SizeInBytes();
        var shape = array.Shape;
        long covered = 0;
        foreach (var slab in array.ReadSlabs())
        {
            Assert.Equal(shape[^1], slab.Shape[^1]);
            long rowsInSlab = slab.Shape[..^1].Aggregate(1L, (a, b) => a * b);
            covered += slab.Data.LongLength;
            // Compare row by row: row r of the slab is the array's row at origin + r (C order over the leading axes).
            var lead = new int[shape.Length - 1];
            for (long r = 0; r < rowsInSlab; r++)
            {
                long rest = r, at = 0;
                for (int d = shape.Length - 2; d >= 0; d--)
                {
                    lead[d] = (int)(rest % slab.Shape[d]);
                    rest /= slab.Shape[d];
                }

                for (int d = 0; d < shape.Length - 1; d++) at = at * shape[d] + slab.Origin[d] + lead[d];
                int rowBytes = shape[^1] * size;
                Assert.True(TiffPixels.BytesOf(whole, at * rowBytes, rowBytes).SequenceEqual(TiffPixels.BytesOf(slab.Data, r * rowBytes, rowBytes)));
            }
        }

        Assert.Equal(whole.LongLength, covered);
    }
}
