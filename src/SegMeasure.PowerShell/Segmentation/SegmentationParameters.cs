using SegMeasure.Core.Segmentation;
using SegMeasure.Core.Segmentation.Cellpose;

namespace SegMeasure.PowerShell.Segmentation;

/// <summary>Invoke-SegSegmentation's parameters as the core's options and inputs (paths resolved against the current location).</summary>
internal static class SegmentationParameters
{
    public static SegmentationOptions Options(InvokeSegSegmentationCommand c)
    {
        bool Given(string name) => c.MyInvocation.BoundParameters.ContainsKey(name);
        return new SegmentationOptions
        {
            Method = c.Method,
            ModelPath = c.ModelPath is null ? null : c.GetUnresolvedProviderPathFromPSPath(c.ModelPath),
            FromFlows = c.ParameterSetName == InvokeSegSegmentationCommand.FlowsSet,
            Cellpose = CellposeOptions.Requested(Given(nameof(c.Diameter)) ? c.Diameter : null, c.CellprobThreshold, c.FlowThreshold,
                Given(nameof(c.MinSize)) ? c.MinSize : null, c.SaveFlows.IsPresent, c.UseGpu.IsPresent, c.Niter,
                c.SizeModelPath is null ? null : c.GetUnresolvedProviderPathFromPSPath(c.SizeModelPath)),
            Classical = new ClassicalSegmentationOptions { Diameter = c.Diameter, Sigma = c.Sigma, MinSize = c.MinSize, Threshold = c.Threshold },
            Channel = c.Channel,
            ZFirst = c.ZRange?[0],
            ZLast = c.ZRange?[1],
            Projection = c.Projection,
            Suffix = c.Suffix,
            OutputDirectory = c.OutputDirectory is null ? null : c.GetUnresolvedProviderPathFromPSPath(c.OutputDirectory),
            Jobs = c.ThrottleLimit,
            Force = c.Force.IsPresent,
        };
    }

    /// <summary>The piped or given image files, or in the Flows parameter set the flows files (patterns expanded).</summary>
    public static IReadOnlyList<string> Inputs(InvokeSegSegmentationCommand c, IReadOnlyList<string> piped) =>
        c.ParameterSetName == InvokeSegSegmentationCommand.FlowsSet
            ? SegmentationInputs.Expand(c.FlowsPath.Select(c.GetUnresolvedProviderPathFromPSPath).ToList(), null)
            : piped;
}
