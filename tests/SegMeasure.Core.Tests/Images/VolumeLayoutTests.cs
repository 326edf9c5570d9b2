using SegMeasure.Core.Images;

namespace SegMeasure.Core.Tests.Images;

public class VolumeLayoutTests
{
    [Fact]
    public void Time_is_never_read_as_depth()
    {
        // Reading frames as slices would join objects across time: refused, with the way out.
        var error = Assert.Throws<ImageAxesException>(() => VolumeLayout.From([5, 4, 3], "TYX", "movie.tif"));
        Assert.Contains("5 time points", error.Message);
        Assert.Contains("select one time point", error.Message);
    }

    [Fact]
    public void Depth_and_time_together_are_refused()
    {
        var error = Assert.Throws<ImageAxesException>(() => VolumeLayout.From([2, 5, 4, 3], "TZYX", "movie.tif"));
        Assert.Contains("time points", error.Message);
        Assert.Equal(ErrorKind.NotSupported, error.Kind);
    }

    [Fact]
    public void A_single_time_point_with_depth_is_a_volume()
    {
        var layout = VolumeLayout.From([5, 4, 3], "ZYX", "v.tif");
        Assert.Equal(5, layout.Depth);
        Assert.False(layout.Is2D);
    }

    [Fact]
    public void Channels_and_samples_together_are_refused() =>
        Assert.Throws<ImageAxesException>(() => VolumeLayout.From([2, 4, 3, 3], "CYXS", "rgb.tif"));

    [Fact]
    public void Extract_gathers_a_channel_from_interleaved_samples()
    {
        // (Y, X, S) = (2, 2, 2): channel 1 is every second sample starting at 1.
        var data = new ushort[] { 10, 11, 20, 21, 30, 31, 40, 41 };
        var layout = VolumeLayout.From([2, 2, 2], "YXS", "x.tif");
        Assert.Equal(new ushort[] { 11, 21, 31, 41 }, layout.Extract(data, 1));
        Assert.Equal(new ushort[] { 10, 20, 30, 40 }, layout.Extract(data, 0));
    }
}
