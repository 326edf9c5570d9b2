namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// A Cellpose network's per-pixel output for one plane: the Y and X flows (network scale, about
/// 5 × a unit vector inside objects) and the cell probability as a logit. Row-major, height × width.
/// </summary>
internal sealed record CellposeFlows(float[] FlowY, float[] FlowX, float[] CellProbability, int Height, int Width)
{
    public int Length => Height * Width;
}
