using SegMeasure.Core.Analysis.Classifiers;

namespace SegMeasure.PowerShell.Tests;

/// <summary>One way a parameter binds: in <see cref="Set"/> (null = every set).</summary>
public sealed record ParameterContract(string Name, string Type, string? Set = null, bool Mandatory = false, int? Position = null,
    bool FromPipeline = false, bool ByPropertyName = false, string[]? Aliases = null);

/// <summary>
/// What one cmdlet must offer: its parameters (every binding), the type names it emits, whether it
/// writes files (then -WhatIf/-Confirm and -Force), aliases of the command, and — when its noun does
/// not start with "Seg" — why.
/// </summary>
public sealed record CmdletContract(string Name, string[] OutputTypes, ParameterContract[] Parameters,
    bool Writer = false, string? DefaultSet = null, string[]? Aliases = null, string? NounException = null);

/// <summary>The module's command surface: the table the metadata tests compare the assembly against.</summary>
public static class CmdletContracts
{
    private const string NamedInDesign = "named so in the design, after the Python tool's functions";

    /// <summary>-Path (wildcards, by value and by property name) or -LiteralPath (PSPath, FullName), from the file cmdlet base.</summary>
    private static readonly ParameterContract[] FileInput =
    [
        new("Path", "String[]", Set: "Path", Mandatory: true, Position: 0, FromPipeline: true, ByPropertyName: true),
        new("LiteralPath", "String[]", Set: "LiteralPath", Mandatory: true, ByPropertyName: true, Aliases: ["PSPath", "FullName"]),
        new("StatusLog", "String"),
    ];

    /// <summary>-OutputPath, -Suffix and -Force, from the writer base.</summary>
    private static readonly ParameterContract[] WriterOutput =
    [
        new("OutputPath", "String"),
        new("Suffix", "String"),
        new("Force", "SwitchParameter"),
        new("ZarrVersion", "Int32?"),
        new("SkipUpToDate", "SwitchParameter"),
    ];

    /// <summary>-InputObject from the pipeline, from the table cmdlet base.</summary>
    private static readonly ParameterContract[] TableInput =
    [
        new("InputObject", "PSObject[]", Mandatory: true, FromPipeline: true),
    ];

    /// <summary>What post-processing cmdlets emit per file: paths, segment counts, the rejection report.</summary>
    public const string PostprocessResult = "SegMeasure.PostprocessResult";

    /// <summary>Analysis cmdlets emit the records they were given, whatever their type names, with new
    /// properties; so they declare PSObject rather than a type name the records would not carry.</summary>
    private const string AnyObject = "System.Management.Automation.PSObject";

    /// <summary>One row of a table read from a file, with the file's columns.</summary>
    public const string TableRow = "SegMeasure.TableRow";

    /// <summary>The trained model New-SegClassifier emits and saves (a core ClassifierModel under this type name).</summary>
    public const string Classifier = "SegMeasure.Classifier";

    private static ParameterContract[] Of(params IEnumerable<ParameterContract>[] groups) => groups.SelectMany(g => g).ToArray();

    public static readonly IReadOnlyList<CmdletContract> All =
    [
        // Images
        new("Get-SegImageInfo", ["SegMeasure.ImageInfo"], Of(FileInput), DefaultSet: "Path"),

        // Measurement
        new("Measure-Intensity", ["SegMeasure.Intensity"], Of(FileInput,
            [new("IntensityPath", "String", Mandatory: true, ByPropertyName: true),
             new("IncludeSum", "SwitchParameter"),
             new("MemoryLimitGB", "Double?")]),
            DefaultSet: "Path", NounException: NamedInDesign),
        new("Measure-Morphology", ["SegMeasure.Morphology"], Of(FileInput,
            [new("Scale", "Double[]"),
             new("ShapeExtras", "SwitchParameter"),
             new("PerimeterMethod", "PerimeterMethod"),
             new("MemoryLimitGB", "Double?")]),
            DefaultSet: "Path", NounException: NamedInDesign),
        new("Measure-CellNucleus", ["SegMeasure.CellNucleus"], Of(FileInput,
            [new("NucleusPath", "String", Mandatory: true, ByPropertyName: true),
             new("IntensityPath", "String", ByPropertyName: true),
             new("Scale", "Double[]"),
             new("Assignment", "NucleusAssignment"),
             new("MinimumOverlapFraction", "Double"),
             new("MemoryLimitGB", "Double?")]),
            DefaultSet: "Path", NounException: NamedInDesign),

        new("Measure-Colocalization", ["SegMeasure.Colocalization"], Of(FileInput,
            [new("ImageBPath", "String", ByPropertyName: true),
             new("SegmentationPath", "String", ByPropertyName: true),
             new("ThresholdMethod", "ColocalizationThresholdMethod"),
             new("ThresholdA", "Double?"),
             new("ThresholdB", "Double?"),
             new("Metric", "ColocalizationMetric[]", Aliases: ["Metrics"]),
             new("SliceAxis", "Int32?"),
             new("ChannelAxis", "Int32?"),
             new("ChannelName", "String[]")]),
            DefaultSet: "Path", NounException: NamedInDesign),
        new("Measure-SegObjectColocalization", ["SegMeasure.ObjectColocalization"], Of(FileInput,
            [new("ImageBPath", "String", Mandatory: true, ByPropertyName: true),
             new("MaskPath", "String", ByPropertyName: true),
             new("ThresholdMethod", "ColocalizationThresholdMethod"),
             new("MinSize", "Int32"),
             new("ChannelName", "String[]")]),
            DefaultSet: "Path"),
        new("Measure-SegCrossCorrelation", ["SegMeasure.CrossCorrelation"], Of(FileInput,
            [new("ImageBPath", "String", Mandatory: true, ByPropertyName: true),
             new("MaskPath", "String", ByPropertyName: true),
             new("MaxShift", "Int32"),
             new("Axis", "Int32")]),
            DefaultSet: "Path"),
        new("Measure-SegIntensityCorrelation", ["SegMeasure.IntensityCorrelation"], Of(FileInput,
            [new("ImageBPath", "String", Mandatory: true, ByPropertyName: true),
             new("MaskPath", "String", ByPropertyName: true)]),
            DefaultSet: "Path"),
        new("Test-SegColocalization", ["SegMeasure.ColocalizationTest"], Of(FileInput,
            [new("ImageBPath", "String", Mandatory: true, ByPropertyName: true),
             new("MaskPath", "String", ByPropertyName: true),
             new("Iterations", "Int32"),
             new("BlockSize", "Int32"),
             new("Seed", "Int32?")]),
            DefaultSet: "Path"),

        // Post-processing: one result object per input file
        new("Remove-SmallSegment", [PostprocessResult], Of(FileInput, WriterOutput,
            [new("MinSize", "Double", Mandatory: true),
             new("MemoryLimitGB", "Double?")]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Remove-SmallHole", [PostprocessResult], Of(FileInput, WriterOutput,
            [new("MaxHoleSize", "Double", Mandatory: true),
             new("MemoryLimitGB", "Double?")]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-RingMask", [PostprocessResult], Of(FileInput, WriterOutput,
            [new("RingWidth", "Int32?"),
             new("NearestDistance", "Double?"),
             new("RemoveOriginal", "SwitchParameter"),
             new("Scale", "Double[]"),
             new("MemoryLimitGB", "Double?")]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-Watershed", [PostprocessResult], Of(FileInput, WriterOutput,
            [new("HeatmapPath", "String", Mandatory: true, ByPropertyName: true),
             new("MaskPath", "String", ByPropertyName: true),
             new("MemoryLimitGB", "Double?")]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-SegSegmentation", ["SegMeasure.SegmentationResult"], Of(FileInput,
            [new("Method", "SegmentationMethod"),
             new("ModelPath", "String", ByPropertyName: true, Aliases: ["Model"]),
             new("FlowsPath", "String[]", Set: "Flows", Mandatory: true),
             new("CellprobThreshold", "Double"),
             new("FlowThreshold", "Double"),
             new("SaveFlows", "SwitchParameter"),
             new("UseGpu", "SwitchParameter"),
             new("SizeModelPath", "String", ByPropertyName: true),
             new("Niter", "Int32?"),
             new("Diameter", "Double"),
             new("Sigma", "Double"),
             new("Threshold", "ClassicalThreshold"),
             new("MinSize", "Int32"),
             new("Channel", "Int32"),
             new("ZRange", "Int32[]"),
             new("Projection", "ProjectionType"),
             new("Suffix", "String"),
             new("OutputDirectory", "String"),
             new("ThrottleLimit", "Int32"),
             new("Force", "SwitchParameter")]),
            Writer: true, DefaultSet: "Path"),
        new("Invoke-ShapeFilter", ["SegMeasure.ShapeFilterResult"], Of(FileInput, WriterOutput,
            [new("FeaturePath", "String", ByPropertyName: true),
             new("MinArea", "String"),
             new("MinAbsoluteArea", "Double?"),
             new("MaxArea", "Double?"),
             new("MaxEccentricity", "Double?"),
             new("MinSolidity", "Double?"),
             new("MaxSolidity", "Double?"),
             new("MinExtent", "Double?"),
             new("MaxExtent", "Double?"),
             new("MinCompactness", "Double?"),
             new("MaxConvexityDeficit", "Double?"),
             new("MaxPerimeterAreaRatio", "Double?"),
             new("AreaStdFilter", "Double?")]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-MaskMatching", ["SegMeasure.MaskMatchingResult"], Of(FileInput, WriterOutput,
            [new("CytosolPath", "String", Mandatory: true, ByPropertyName: true),
             new("OverlapThreshold", "Double"),
             new("NucleusMinSize", "Double?"),
             new("NucleusMaxSize", "Double?"),
             new("CytosolMinSize", "Double?"),
             new("CytosolMaxSize", "Double?")]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),

        // Cluster runs
        new("Submit-SegClusterJob", ["SegMeasure.ClusterJob"],
            [new("Command", "String[]", Mandatory: true, Position: 0),
             new("Shards", "Int32"),
             new("Partition", "String"),
             new("Time", "String"),
             new("Memory", "String"),
             new("CpusPerTask", "Int32?"),
             new("SbatchLine", "String[]"),
             new("JobName", "String"),
             new("JobDirectory", "String"),
             new("Program", "String[]"),
             new("DryRun", "SwitchParameter"),
             new("Force", "SwitchParameter")],
            Writer: true),

        // Tables
        new("Export-SegTable", ["System.IO.FileInfo"],
            [new("Path", "String", Mandatory: true, Position: 0),
             new("InputObject", "PSObject[]", Mandatory: true, FromPipeline: true),
             new("Force", "SwitchParameter"),
             new("PassThru", "SwitchParameter")],
            Writer: true),
        new("Import-SegTable", [TableRow], Of(FileInput), DefaultSet: "Path"),
        new("Import-SegManifest", ["SegMeasure.ManifestItem"], Of(FileInput), DefaultSet: "Path"),
        new("Merge-SegTable", [TableRow], Of(FileInput,
            [new("On", "String"),
             new("DropColumn", "String[]", Aliases: ["DropColumns"])]),
            DefaultSet: "Path"),

        // Analysis: records in, the same records out with new columns
        new("Group-ObjectByThreshold", [AnyObject], Of(TableInput,
            [new("Column", "String", Mandatory: true, Position: 0),
             new("Categories", "Int32", Mandatory: true, Position: 1, Aliases: ["NCategories"]),
             new("Threshold", "Double[]"),
             new("CategoryName", "String[]", Aliases: ["CategoryNames"]),
             new("SuggestMethod", "ThresholdMethod"),
             new("Bins", "Int32"),
             new("PaintSuffix", "String"),
             new("Force", "SwitchParameter")]),
            Writer: true, NounException: NamedInDesign),
        new("Invoke-Clustering", [AnyObject], Of(TableInput,
            [new("Method", "String", Position: 0),
             new("Clusters", "Int32", Aliases: ["NClusters"]),
             new("Eps", "Double"),
             new("MinSamples", "Int32?"),
             new("MinClusterSize", "Int32"),
             new("Bandwidth", "Double"),
             new("BinSeeding", "SwitchParameter"),
             new("MinBinFrequency", "Int32"),
             new("Seed", "Int32"),
             new("Restarts", "Int32", Aliases: ["NInit"]),
             new("PaintSuffix", "String"),
             new("Force", "SwitchParameter")]),
            Writer: true, NounException: NamedInDesign),
        new("Add-SegEmbedding", [AnyObject], Of(TableInput,
            [new("Method", "String"),
             new("Seed", "Int32"),
             new("Perplexity", "Double"),
             new("NNeighbors", "Int32"),
             new("MinDist", "Double")])),
        new("New-SegClassifier", [Classifier], Of(TableInput,
            [new("Method", "String"),
             new("AnnotationColumn", "String"),
             new("NEstimators", "Int32"),
             new("MaxDepth", "Int32"),
             new("C", "Double"),
             new("MaxIter", "Int32"),
             new("Seed", "Int32"),
             new("OutFile", "String"),
             new("Force", "SwitchParameter")]),
            Writer: true, Aliases: ["Train-SegClassifier"]),
        new("Invoke-SegClassifier", [AnyObject], Of(TableInput,
            [new("Model", "ClassifierModel", Set: "Model", Mandatory: true),
             new("ModelPath", "String", Set: "ModelPath", Mandatory: true, Aliases: ["Classifier"]),
             new("ClassNames", "String[]", Aliases: ["ClassName"]),
             new("PaintSuffix", "String"),
             new("Force", "SwitchParameter")]),
            Writer: true, DefaultSet: "Model"),

        // Viewer: blocks until the page's Done; emits the rows with the viewer's columns only with -PassThru.
        new("Show-SegViewer", [AnyObject], Of(FileInput,
            [new("InputObject", "PSObject", FromPipeline: true),
             new("IntensityPath", "String", ByPropertyName: true),
             new("NucleusPath", "String", ByPropertyName: true),
             new("GroupName", "String"),
             new("NoGrid", "SwitchParameter"),
             new("NoBrowser", "SwitchParameter"),
             new("PassThru", "SwitchParameter")]),
            DefaultSet: "Path"),
    ];

    public static CmdletContract? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
