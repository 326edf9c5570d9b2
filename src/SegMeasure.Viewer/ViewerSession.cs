using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis.Thresholds;
using SegMeasure.Core.Colocalization;
using SegMeasure.Core.Measurement;
using SegMeasure.Core.Tables;

namespace SegMeasure.Viewer;

/// <summary>
/// One viewing session: the group of files the user gave, their features tables and the
/// columns the viewer adds. Every analysis calls the core on the concatenated features of the
/// group (the spec's group mode) or of one member, and splits the results back per member.
/// Requests may come from several connections: a lock serialises every change.
/// </summary>
public sealed class ViewerSession
{
    /// <summary>The column naming each row's member while the group's tables are stacked.</summary>
    private const string MemberColumn = "viewer_member";

    private readonly object _gate = new();
    private readonly List<MemberState> _members;
    private readonly Dictionary<long, string> _classNames = [];
    private readonly TaskCompletionSource<double> _firstPaint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClassifierModel? _model;

    private ViewerSession(List<MemberState> members, ViewerOptions options)
    {
        _members = members;
        Options = options;
    }

    public ViewerOptions Options { get; }

    public int MemberCount => _members.Count;

    /// <summary>Milliseconds from the page's navigation to its first complete view, as the page measured it.</summary>
    public Task<double> FirstPaint => _firstPaint.Task;

    internal void ReportFirstPaint(double milliseconds) => _firstPaint.TrySetResult(milliseconds);

    internal IReadOnlyList<MemberState> Members => _members;

    /// <summary>The last classifier trained, for saving as the JSON New-SegClassifier writes.</summary>
    public ClassifierModel? Model { get { lock (_gate) return _model; } }

    /// <summary>
    /// Opens a session. A member without a table gets its morphology measured (the same core call
    /// as Measure-Morphology), so every object has a row to show.
    /// </summary>
    public static ViewerSession Create(IReadOnlyList<ViewerMember> members, ViewerOptions? options = null, CancellationToken cancellation = default)
    {
        if (members.Count == 0)
            throw new SegMeasureException("SegMeasure.NoInput", ErrorKind.InvalidArgument, "the viewer needs at least one segmentation");
        var states = new List<MemberState>();
        foreach (var member in members)
        {
            cancellation.ThrowIfCancellationRequested();
            var table = member.Table ?? MeasurementFiles.Morphology(member.SegmentationPath, ct: cancellation);
            if (!table.HasColumn(MeasurementTable.IndexColumn))
                throw new SegMeasureException("SegMeasure.MissingIndex", ErrorKind.InvalidData,
                    $"{member.SegmentationPath}: the rows have no 'index' column naming each segment", member.SegmentationPath);
            var state = new MemberState(member, table);
            state.Images.Load();
            states.Add(state);
        }

        return new ViewerSession(states, options ?? new ViewerOptions());
    }

    /// <summary>Each member's rows with the viewer's columns, in the order the members were given.</summary>
    public IReadOnlyList<MeasurementTable> ResultTables()
    {
        lock (_gate) return _members.Select(m => m.Columns.AppendTo(m.Table)).ToList();
    }

    /// <summary>Suggested thresholds (quantiles or Otsu) on the targeted members' values of <paramref name="column"/>.</summary>
    public IReadOnlyList<double> SuggestThresholds(int? member, string column, int categories, ThresholdMethod method)
    {
        lock (_gate)
        {
            var values = Targets(member).SelectMany(m => ThresholdCategorization.ColumnValues(m.Table, column)).ToArray();
            if (!values.Any(double.IsFinite))
                throw new SegMeasureException("SegMeasure.NoValidRows", ErrorKind.InvalidData, $"the column '{column}' has no finite value");
            return ThresholdSuggestion.Suggest(values, categories, method);
        }
    }

    /// <summary>Categorises the targeted members by <paramref name="thresholds"/> on <paramref name="column"/>.</summary>
    public ThresholdResult Categorize(int? member, string column, IReadOnlyList<double> thresholds, IReadOnlyList<string>? names)
    {
        lock (_gate)
        {
            var targets = Targets(member);
            var result = ThresholdCategorization.Categorize(Stack(targets), column, thresholds, names);
            Split(targets, result.Table, (m, rows) =>
            {
                m.Columns.CategoryId = Integers(rows, ThresholdCategorization.IdColumn);
                m.Columns.CategoryName = Texts(rows, ThresholdCategorization.NameColumn);
            });
            return result;
        }
    }

    public ClusteringResult Cluster(int? member, ClusteringOptions options, CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            var targets = Targets(member);
            var result = MeasurementClustering.Cluster(Stack(targets), options, cancellationToken: cancellation);
            Split(targets, result.Table, (m, rows) => m.Columns.ClusterId = Integers(rows, MeasurementClustering.IdColumn));
            return result;
        }
    }

    public EmbeddingResult Embed(int? member, EmbeddingOptions options, CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            var targets = Targets(member);
            var result = Embedding.Compute(Stack(targets), options, cancellation: cancellation);
            Split(targets, result.Table, (m, rows) =>
            {
                var first = rows[Embedding.FirstColumn];
                var second = rows[Embedding.SecondColumn];
                m.Embedding = Enumerable.Range(0, rows.RowCount).Select(r => new[] { first.GetDouble(r), second.GetDouble(r) }).ToArray();
            });
            return result;
        }
    }

    /// <summary>
    /// Paints (or erases, label 0) a stroke on a member's annotation layer and re-projects that
    /// member's annotation column by majority vote over each segment's painted pixels.
    /// </summary>
    internal void Paint(int member, BrushStroke stroke)
    {
        lock (_gate)
        {
            var state = _members[CheckMember(member)];
            var segmentation = state.Images.Segmentation;
            foreach (var voxel in stroke.Voxels(segmentation.Shape))
            {
                if (stroke.Label > 0) state.Painted[voxel] = stroke.Label;
                else state.Painted.Remove(voxel);
            }

            var votes = AnnotationProjection.MajorityVote(segmentation, state.Painted);
            state.Columns.Annotation = AnnotationProjection.AnnotationColumn(state.Table, votes).Values.ToArray();
            foreach (var label in votes.Values.Distinct())
                _classNames.TryAdd(label, $"class_{label}");
        }
    }

    /// <summary>The class names by class id (editable in the page); detected ids are pooled over all members.</summary>
    public IReadOnlyDictionary<long, string> ClassNames { get { lock (_gate) return new Dictionary<long, string>(_classNames); } }

    public void RenameClass(long id, string name)
    {
        lock (_gate) _classNames[id] = name;
    }

    /// <summary>
    /// Trains on the annotated rows of the targeted members (their annotation columns) and
    /// applies the model to each of them: classification_id and classification_name.
    /// </summary>
    public ClassifierModel Classify(int? member, ClassifierOptions options, CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            var targets = Targets(member);
            var tables = targets.Select(AnnotatedTable).ToList();
            var model = Classification.Train(tables, Classification.DefaultAnnotationColumn, options, cancellation: cancellation);
            var names = model.Classes.Select(c => _classNames.TryGetValue(c, out var n) ? n : $"class_{c}").ToList();
            for (int i = 0; i < targets.Count; i++)
            {
                var applied = Classification.Apply(tables[i], model, names).Table;
                targets[i].Columns.ClassificationId = Integers(applied, Classification.IdColumn);
                targets[i].Columns.ClassificationName = Texts(applied, Classification.NameColumn);
            }

            _model = model;
            return model;
        }
    }

    /// <summary>
    /// The core's cytofluorogram of one object: its pixels' pairs of two channels, Costes' regression
    /// line and the thresholds of <paramref name="options"/>' method. Null when the object is not in the image.
    /// </summary>
    internal CytofluorogramResult? Cytofluorogram(int member, uint id, int channelA, int channelB, ColocalizationOptions options)
    {
        var images = _members[CheckMember(member)].Images;
        if (images.Intensity is not { } intensity)
            throw new SegMeasureException("SegMeasure.NoIntensity", ErrorKind.InvalidArgument, $"member {member} has no intensity image");
        foreach (var c in new[] { channelA, channelB })
            if (c < 0 || c >= intensity.ChannelCount)
                throw new SegMeasureException("SegMeasure.NoSuchChannel", ErrorKind.InvalidArgument, $"there is no channel {c} (the image has {intensity.ChannelCount})");
        return ObjectCrop.Of(images.Segmentation, intensity, id, channelA, channelB) is { } crop
            ? Core.Colocalization.Cytofluorogram.Compute(crop.A, crop.B, crop.Mask, options)
            : null;
    }

    internal object Snapshot(Func<MemberState, object> perMember)
    {
        lock (_gate) return _members.Select(perMember).ToList();
    }

    private MeasurementTable AnnotatedTable(MemberState m) =>
        m.Table.WithColumn(new IntegerColumn(Classification.DefaultAnnotationColumn, m.Columns.Annotation));

    private List<MemberState> Targets(int? member) =>
        member is { } one && one >= 0 ? [_members[CheckMember(one)]] : _members;

    private int CheckMember(int member) => member >= 0 && member < _members.Count ? member
        : throw new SegMeasureException("SegMeasure.NoSuchMember", ErrorKind.InvalidArgument, $"there is no member {member}");

    /// <summary>The targeted members' rows stacked, without the viewer's own columns (they are never features).</summary>
    private static MeasurementTable Stack(IReadOnlyList<MemberState> targets) => targets.Count == 1
        ? targets[0].Table.WithoutColumns(ViewerColumns.Names)
        : TableConcat.Concatenate(targets.Select((m, i) => ($"{i}", m.Table.WithoutColumns(ViewerColumns.Names))).ToList(), MemberColumn);

    private static void Split(IReadOnlyList<MemberState> targets, MeasurementTable stacked, Action<MemberState, MeasurementTable> assign)
    {
        int offset = 0;
        foreach (var m in targets)
        {
            assign(m, stacked.TakeRows(Enumerable.Range(offset, m.Table.RowCount).ToArray()));
            offset += m.Table.RowCount;
        }
    }

    private static long?[] Integers(MeasurementTable table, string column)
    {
        var c = table[column];
        return Enumerable.Range(0, table.RowCount).Select(r => c.GetValue(r) is long v ? v : (long?)null).ToArray();
    }

    private static string?[] Texts(MeasurementTable table, string column)
    {
        var c = table[column];
        return Enumerable.Range(0, table.RowCount).Select(r => c.GetValue(r) as string).ToArray();
    }
}
