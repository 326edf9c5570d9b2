using System.Globalization;
using System.Text.RegularExpressions;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Analysis.Clustering;
using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Postprocessing;

namespace SegMeasure.PowerShell.Tests;

/// <summary>
/// The cmdlets take their defaults from the core's options records; the help pages
/// (module/help/*.md) show them. A changed default in the core must show in the help too.
/// </summary>
public class HelpDefaultsTests
{
    public static TheoryData<string, string, string> Defaults()
    {
        string N(double value) => value.ToString(CultureInfo.InvariantCulture);
        var clustering = ClusteringOptions.Default;
        var embedding = EmbeddingOptions.Default;
        var classifier = ClassifierOptions.Default;
        var shape = ShapeFilterOptions.Default;
        return new()
        {
            { "Invoke-Clustering", "Method", clustering.Method.ToName() },
            { "Invoke-Clustering", "Clusters", N(clustering.Clusters) },
            { "Invoke-Clustering", "Eps", N(clustering.Eps) },
            { "Invoke-Clustering", "MinClusterSize", N(clustering.MinClusterSize) },
            { "Invoke-Clustering", "MinBinFrequency", N(clustering.MinBinFrequency) },
            { "Invoke-Clustering", "Seed", N(clustering.Seed) },
            { "Invoke-Clustering", "Restarts", N(clustering.Restarts) },
            { "Add-SegEmbedding", "Method", embedding.Method.ToName() },
            { "Add-SegEmbedding", "Seed", N(embedding.Seed) },
            { "Add-SegEmbedding", "Perplexity", N(embedding.Perplexity) },
            { "Add-SegEmbedding", "NNeighbors", N(embedding.Neighbors) },
            { "Add-SegEmbedding", "MinDist", N(embedding.MinDistance) },
            { "New-SegClassifier", "Method", classifier.Method.ToName() },
            { "New-SegClassifier", "NEstimators", N(classifier.Estimators) },
            { "New-SegClassifier", "C", N(classifier.C) },
            { "New-SegClassifier", "MaxIter", N(classifier.MaxIterations) },
            { "Invoke-ShapeFilter", "MinArea", shape.MinArea.ToString() },
            { "Invoke-ShapeFilter", "MinAbsoluteArea", N(shape.MinAbsoluteArea!.Value) },
            { "Invoke-ShapeFilter", "MaxConvexityDeficit", N(shape.MaxConvexityDeficit!.Value) },
            { "Invoke-MaskMatching", "OverlapThreshold", N(MaskMatchingOptions.Default.OverlapThreshold) },
        };
    }

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Help_shows_the_core_default(string cmdlet, string parameter, string expected)
    {
        var page = File.ReadAllText(Path.Combine(ModuleMetadata.RepoRoot, "module", "help", cmdlet + ".md"));
        var section = Regex.Match(page, $@"^### -{parameter}\r?\n(.*?)(?=^#)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, $"{cmdlet}.md has no section for -{parameter}");
        var shown = Regex.Match(section.Groups[1].Value, @"^Default: (.+?)\s*$", RegexOptions.Multiline);
        Assert.True(shown.Success, $"{cmdlet}.md does not show the default of -{parameter}");
        // 1.0 and 1 are the same number: compare numbers as numbers.
        if (double.TryParse(expected, CultureInfo.InvariantCulture, out var number))
            Assert.Equal(number, double.Parse(shown.Groups[1].Value, CultureInfo.InvariantCulture));
        else
            Assert.Equal(expected, shown.Groups[1].Value);
    }
}
