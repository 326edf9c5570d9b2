using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Classifiers;
using SegMeasure.Core.Analysis.Embeddings;
using SegMeasure.Core.Images;
using SegMeasure.Core.Tables;

namespace SegMeasure.Cli.Tests;

/// <summary>
/// <c>segmeasure analyze train-classifier | classify | embed</c> on the committed maize cell table
/// (rows keyed by the label ids of tests/data/real/bioimageanalysisnotebooks/maize_clsm_labels.tif).
/// </summary>
public sealed class AnalyzeClassifierCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("segmeasure-classify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string RepoRoot() => TestRepository.Root;

    private static readonly string Maize = Path.Combine(RepoRoot(), "tests", "reference", "analysis", "classifier", "maize.csv");
    private static readonly string MaizeLabels = Path.Combine(RepoRoot(), "tests", "data", "real", "bioimageanalysisnotebooks", "maize_clsm_labels.tif");

    private string In(string name) => Path.Combine(_dir, name);

    [Theory]
    [InlineData("random_forest")]
    [InlineData("logistic_regression")]
    public void Train_then_classify_adds_the_class_columns_and_paints_the_segmentation(string method)
    {
        var train = CliRun.App("analyze", "train-classifier", "--tables", Maize, "--method", method, "--n-estimators", "20", "--output", In("model.json"));
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("460 annotated row(s), 3 class(es)", train.Output);
        Assert.Equal(method, ClassifierModel.Load(In("model.json")).Method.ToName());

        var run = CliRun.App("analyze", "classify", "--table", Maize, "--classifier", In("model.json"), "--output", In("classified.csv"),
            "--class-names", "dim", "medium", "--segmentation", MaizeLabels, "--output-segmentation", In("classes.tif"));
        Assert.True(run.ExitCode == 0, run.Error);

        var table = TableFile.Read(In("classified.csv"));
        var ids = table[Classification.IdColumn];
        var names = table[Classification.NameColumn];
        var expectedNames = new Dictionary<double, string> { [1] = "dim", [2] = "medium", [3] = "class_3" };
        for (int r = 0; r < table.RowCount; r++)
            Assert.Equal(expectedNames[ids.GetDouble(r)], names.GetValue(r));

        var seg = ImageFile.ReadLabels(MaizeLabels);
        var painted = ImageFile.ReadLabels(In("classes.tif"));
        Assert.Equal(seg.StoredType, painted.StoredType);
        var classOf = Enumerable.Range(0, table.RowCount).ToDictionary(r => (uint)table["index"].GetDouble(r), r => (uint)ids.GetDouble(r));
        for (int i = 0; i < seg.Data.Length; i++)
            Assert.Equal(seg.Data[i] == 0 ? 0u : classOf[seg.Data[i]], painted.Data[i]);
    }

    [Fact]
    public void Several_tables_are_concatenated_for_training()
    {
        var run = CliRun.App("analyze", "train-classifier", "--tables", Maize, Maize, "--method", "logistic_regression", "--c", "0.1", "--output", In("model.json"));
        Assert.True(run.ExitCode == 0, run.Error);
        var model = ClassifierModel.Load(In("model.json"));
        Assert.Equal(920, model.Training.TrainingRows);
        Assert.Equal(0.1, model.Options.C);
    }

    [Fact]
    public void A_table_lacking_a_model_feature_is_a_one_line_error_naming_it()
    {
        Assert.Equal(0, CliRun.App("analyze", "train-classifier", "--tables", Maize, "--method", "logistic_regression", "--output", In("model.json")).ExitCode);
        var table = TableFile.Read(Maize).WithoutColumns(["solidity"]);
        TableFile.Write(In("partial.csv"), table);
        var run = CliRun.App("analyze", "classify", "--table", In("partial.csv"), "--classifier", In("model.json"), "--output", In("out.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains("'solidity'", run.Error);
        Assert.False(File.Exists(In("out.csv")));
    }

    [Fact]
    public void Existing_outputs_are_kept_unless_forced()
    {
        File.WriteAllText(In("model.json"), "keep");
        var run = CliRun.App("analyze", "train-classifier", "--tables", Maize, "--output", In("model.json"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("keep", File.ReadAllText(In("model.json")));
        Assert.Equal(0, CliRun.App("analyze", "train-classifier", "--tables", Maize, "--n-estimators", "5", "--output", In("model.json"), "--force").ExitCode);
        Assert.NotEqual("keep", File.ReadAllText(In("model.json")));
    }

    [Fact]
    public void Painting_needs_the_segmentation()
    {
        Assert.Equal(0, CliRun.App("analyze", "train-classifier", "--tables", Maize, "--n-estimators", "5", "--output", In("model.json")).ExitCode);
        var run = CliRun.App("analyze", "classify", "--table", Maize, "--classifier", In("model.json"), "--output", In("out.csv"), "--output-segmentation", In("x.tif"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--segmentation", run.Error);
    }

    [Fact]
    public void A_foreign_classifier_file_is_rejected()
    {
        File.WriteAllText(In("model.joblib"), "\u0080\u0004\u0095 pickle bytes");
        var run = CliRun.App("analyze", "classify", "--table", Maize, "--classifier", In("model.joblib"), "--output", In("out.csv"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("model.joblib", run.Error);
    }

    [Fact]
    public void Defaults_follow_the_spec()
    {
        var help = CliRun.App("analyze", "train-classifier", "--help").Output;
        foreach (var flag in new[] { "--tables", "--output", "--method", "--annotation-column", "--n-estimators", "--max-depth", "--c", "--max-iter" })
            Assert.Contains(flag, help);
        Assert.Contains("random_forest", help);
        var classify = CliRun.App("analyze", "classify", "--help").Output;
        foreach (var flag in new[] { "--table", "--classifier", "--output", "--class-names", "--segmentation", "--output-segmentation" })
            Assert.Contains(flag, classify);
    }

    [Theory]
    [InlineData("pca")]
    [InlineData("umap")]
    [InlineData("tsne")]
    public void Embed_adds_two_coordinates(string method)
    {
        var run = CliRun.App("analyze", "embed", "--table", Maize, "--method", method, "--output", In("embedded.tsv"));
        Assert.True(run.ExitCode == 0, run.Error);
        var table = TableFile.Read(In("embedded.tsv"));
        Assert.All(Enumerable.Range(0, table.RowCount), r =>
        {
            Assert.True(double.IsFinite(table[Embedding.FirstColumn].GetDouble(r)));
            Assert.True(double.IsFinite(table[Embedding.SecondColumn].GetDouble(r)));
        });
    }
}
