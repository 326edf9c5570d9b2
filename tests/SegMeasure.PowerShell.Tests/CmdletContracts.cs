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
    ];

    /// <summary>-OutputPath, -Suffix and -Force, from the writer base.</summary>
    private static readonly ParameterContract[] WriterOutput =
    [
        new("OutputPath", "String"),
        new("Suffix", "String"),
        new("Force", "SwitchParameter"),
    ];

    /// <summary>-InputObject from the pipeline, from the table cmdlet base.</summary>
    private static readonly ParameterContract[] TableInput =
    [
        new("InputObject", "PSObject[]", Mandatory: true, FromPipeline: true),
    ];

    private static ParameterContract[] Of(params IEnumerable<ParameterContract>[] groups) => groups.SelectMany(g => g).ToArray();

    public static readonly IReadOnlyList<CmdletContract> All =
    [
        // Images
        new("Get-SegImageInfo", ["SegMeasure.ImageInfo"], Of(FileInput), DefaultSet: "Path"),

        // Measurement
        new("Measure-Intensity", ["SegMeasure.Intensity"], Of(FileInput,
            [new("IntensityPath", "String", Mandatory: true, ByPropertyName: true)]),
            DefaultSet: "Path", NounException: NamedInDesign),
        new("Measure-Morphology", ["SegMeasure.Morphology"], Of(FileInput,
            [new("Scale", "Double[]")]),
            DefaultSet: "Path", NounException: NamedInDesign),
        new("Measure-CellNucleus", ["SegMeasure.CellNucleus"], Of(FileInput,
            [new("NucleusPath", "String", Mandatory: true, ByPropertyName: true),
             new("IntensityPath", "String", ByPropertyName: true),
             new("Scale", "Double[]")]),
            DefaultSet: "Path", NounException: NamedInDesign),

        // Post-processing
        new("Remove-SmallSegment", ["SegMeasure.PostprocessResult"], Of(FileInput, WriterOutput,
            [new("MinSize", "Int64", Mandatory: true)]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Remove-SmallHole", ["SegMeasure.PostprocessResult"], Of(FileInput, WriterOutput,
            [new("MaxHoleSize", "Int64", Mandatory: true)]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-RingMask", ["SegMeasure.PostprocessResult"], Of(FileInput, WriterOutput,
            [new("RingWidth", "Int32", Mandatory: true),
             new("RemoveOriginal", "SwitchParameter")]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-Watershed", ["SegMeasure.PostprocessResult"], Of(FileInput, WriterOutput,
            [new("HeatmapPath", "String", Mandatory: true, ByPropertyName: true),
             new("MaskPath", "String", ByPropertyName: true)]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-ShapeFilter", ["SegMeasure.ShapeFilterResult"], Of(FileInput, WriterOutput),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),
        new("Invoke-MaskMatching", ["SegMeasure.MaskMatchingResult"], Of(FileInput, WriterOutput,
            [new("CytosolPath", "String", Mandatory: true, ByPropertyName: true)]),
            Writer: true, DefaultSet: "Path", NounException: NamedInDesign),

        // Tables
        new("Export-SegTable", [], Of(TableInput,
            [new("Path", "String", Mandatory: true, Position: 0)]),
            Writer: true),
        new("Import-SegTable", ["SegMeasure.TableRow"], Of(FileInput), DefaultSet: "Path"),
        new("Merge-SegTable", ["SegMeasure.TableRow"], []),

        // Analysis
        new("Group-ObjectByThreshold", ["SegMeasure.Record"], Of(TableInput,
            [new("Column", "String", Mandatory: true, Position: 0)]),
            NounException: NamedInDesign),
        new("Invoke-Clustering", ["SegMeasure.Record"], Of(TableInput), NounException: NamedInDesign),
        new("New-SegClassifier", ["SegMeasure.Classifier"], Of(TableInput,
            [new("Method", "String"), new("AnnotationColumn", "String"), new("NEstimators", "Int32"), new("MaxDepth", "Int32"),
             new("C", "Double"), new("MaxIter", "Int32"), new("Seed", "Int32"), new("OutFile", "String"), new("Force", "SwitchParameter")]),
            Writer: true, Aliases: ["Train-SegClassifier"]),
        new("Invoke-SegClassifier", ["SegMeasure.Record"], Of(TableInput,
            [new("Model", "ClassifierModel", Set: "Model", Mandatory: true), new("ModelPath", "String", Set: "ModelPath", Mandatory: true, Aliases: ["Classifier"]),
             new("ClassNames", "String[]", Aliases: ["ClassName"]), new("PaintSuffix", "String"), new("Force", "SwitchParameter")]),
            Writer: true, DefaultSet: "Model"),
        new("Add-SegEmbedding", ["SegMeasure.Record"], Of(TableInput,
            [new("Method", "String"), new("Seed", "Int32"), new("Perplexity", "Double"), new("NNeighbors", "Int32"), new("MinDist", "Double")])),
    ];

    public static CmdletContract? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
