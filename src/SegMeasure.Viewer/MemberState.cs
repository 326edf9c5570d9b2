using SegMeasure.Core.Tables;

namespace SegMeasure.Viewer;

/// <summary>What the session holds for one member: its images, its rows, the viewer's columns
/// for those rows, the painted annotation pixels (sparse: voxel → class) and its 2-D embedding.</summary>
internal sealed class MemberState
{
    public MemberState(ViewerMember member, MeasurementTable table)
    {
        Member = member;
        Table = table;
        Images = new MemberImages(member);
        Columns = new ViewerColumns(table.RowCount);
    }

    public ViewerMember Member { get; }
    public MemberImages Images { get; }
    public MeasurementTable Table { get; }
    public ViewerColumns Columns { get; }
    public Dictionary<long, int> Painted { get; } = [];
    public double[][]? Embedding { get; set; }
}
