using SegMeasure.Core.Images;
using SegMeasure.Core.Segmentation.Cellpose;
using SegMeasure.Core.Tests.Postprocessing;

namespace SegMeasure.Core.Tests.Segmentation.Cellpose;

/// <summary>
/// The C# dynamics against Cellpose's own (tests/reference/segmentation/make_cellpose_dynamics_reference.py,
/// run on Cellpose 3's source): flows from masks, and masks from perturbed flows with and without the flow-error check.
/// </summary>
public class CellposeDynamicsReferenceTests
{
    private static string Folder => Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases");

    public static IEnumerable<object[]> Cases =>
        Directory.GetFiles(Folder, "cellpose_dynamics_*.npz").Select(Path.GetFileNameWithoutExtension).Order().Select(n => new object[] { n! });

    private static float[] Plane(double[] values, int index, int length) => values.Skip(index * length).Take(length).Select(v => (float)v).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Masks_to_flows_equals_cellpose(string name)
    {
        var npz = new NpzArchive(Path.Combine(Folder, name + ".npz"));
        var shape = npz.Shape("labels");
        int n = shape[0] * shape[1];
        var (dy, dx) = MasksToFlows.Compute2D(npz.Labels("labels"), shape[0], shape[1]);
        var expected = npz.Doubles("flows");
        double worst = 0;
        for (int i = 0; i < n; i++)
            worst = Math.Max(worst, Math.Max(Math.Abs(dy[i] - expected[i]), Math.Abs(dx[i] - expected[n + i])));
        // The reference is stored as float32: half an ulp of a unit vector component.
        Assert.True(worst < 1e-6, $"{name}: largest flow difference {worst}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Flows_to_masks_equals_cellpose(string name)
    {
        var npz = new NpzArchive(Path.Combine(Folder, name + ".npz"));
        var shape = npz.Shape("labels");
        int n = shape[0] * shape[1];
        var dP = npz.Doubles("dP");
        var flows = new CellposeFlows(Plane(dP, 0, n), Plane(dP, 1, n), Plane(npz.Doubles("cellprob"), 0, n), shape[0], shape[1]);
        foreach (var (key, threshold) in new[] { ("masks", 0.4), ("masks_noflowcheck", 0.0) })
        {
            var masks = CellposeDynamics.ComputeMasks(flows, new CellposeMaskOptions { FlowThreshold = threshold });
            ReferenceCases.AssertSameLabels(npz.Labels(key), masks, ImageShape.Of2D(shape[0], shape[1]));
        }
    }
}

/// <summary>3D masks to flows against Cellpose's (a crop of the real 3D nuclei labels).</summary>
public class CellposeDynamics3DReferenceTests
{
    [Fact]
    public void Masks_to_flows_3d_equals_cellpose()
    {
        var npz = new NpzArchive(Path.Combine(ReferenceCases.RepoRoot(), "tests", "reference", "segmentation", "cases", "cellpose_dynamics3d_nuclei.npz"));
        var shape = npz.Shape("labels");
        int n = shape[0] * shape[1] * shape[2];
        var (fz, fy, fx) = MasksToFlows.Compute3D(npz.Labels("labels"), shape[0], shape[1], shape[2]);
        var expected = npz.Doubles("flows");
        double worst = 0;
        int moving = 0;
        for (int i = 0; i < n; i++)
        {
            worst = Math.Max(worst, Math.Max(Math.Abs(fz[i] - expected[i]), Math.Max(Math.Abs(fy[i] - expected[n + i]), Math.Abs(fx[i] - expected[2 * n + i]))));
            if (expected[i] != 0) moving++;
        }

        Assert.True(moving > 1000, "the crop holds objects");
        Assert.True(worst < 1e-6, $"largest flow difference {worst}");
    }
}
