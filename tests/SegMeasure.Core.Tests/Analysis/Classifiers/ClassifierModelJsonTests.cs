using System.Text.Json.Nodes;
using SegMeasure.Core.Analysis;
using SegMeasure.Core.Analysis.Classifiers;

namespace SegMeasure.Core.Tests.Analysis;

public class ClassifierModelJsonTests
{
    private static ClassifierModel Trained(ClassifierMethod method, string set = "wine") =>
        Classification.Train(ClassifierReferenceData.Table($"{set}.csv").WithoutColumns(["fold"]),
            options: new ClassifierOptions { Method = method, Estimators = 10, MaxDepth = method == ClassifierMethod.RandomForest ? 6 : null });

    [Theory]
    [InlineData(ClassifierMethod.RandomForest, "wine")]
    [InlineData(ClassifierMethod.LogisticRegression, "wine")]
    [InlineData(ClassifierMethod.LogisticRegression, "breast_cancer")]
    public void A_saved_model_loads_back_and_predicts_the_same(ClassifierMethod method, string set)
    {
        var model = Trained(method, set);
        var path = Path.Combine(Path.GetTempPath(), $"segmeasure-model-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = ClassifierModel.Load(path);
            Assert.Equal(model.Method, loaded.Method);
            Assert.Equal(model.FeatureNames, loaded.FeatureNames);
            Assert.Equal(model.Classes, loaded.Classes);
            Assert.Equal(model.Scaler.Mean, loaded.Scaler.Mean);
            Assert.Equal(model.Training, loaded.Training with { RowsPerClass = model.Training.RowsPerClass });
            Assert.Equal(model.Training.RowsPerClass, loaded.Training.RowsPerClass);
            Assert.Equal(model.ToJson(), loaded.ToJson());

            var features = FeatureMatrix.FromTable(ClassifierReferenceData.Table($"{set}.csv"), "annotation", model.FeatureNames);
            foreach (var row in features.Rows)
                Assert.Equal(model.PredictProbabilities(row), loaded.PredictProbabilities(row));

            var json = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal("segmeasure-classifier", (string)json["format"]!);
            Assert.Equal(1, (int)json["version"]!);
            Assert.Throws<OutputExistsException>(() => model.Save(path));
            model.Save(path, overwrite: true);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, string> Damage() => new()
    {
        { "format", "not a SegMeasure classifier" },
        { "version", "version 2 is not supported" },
        { "scaler", "scaler does not match" },
        { "classes", "sorted and distinct" },
        { "tree", "invalid children" },
        { "leaf", "invalid class probabilities" },
        { "coefficients", "do not match" },
        { "truncated", "not a JSON file" },
        { "missing", "malformed" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void Loading_rejects_damaged_or_foreign_files(string damage, string message)
    {
        var method = damage == "coefficients" ? ClassifierMethod.LogisticRegression : ClassifierMethod.RandomForest;
        var text = Trained(method).ToJson();
        var json = JsonNode.Parse(text)!.AsObject();
        switch (damage)
        {
            case "format": json["format"] = "joblib"; break;
            case "version": json["version"] = 2; break;
            case "scaler": json["scaler"]!["mean"]!.AsArray().RemoveAt(0); break;
            case "classes": json["classes"] = new JsonArray(3, 1, 2); break;
            case "tree": json["random_forest"]!["trees"]![0]!["left"]![0] = 0; break;
            case "leaf":
                var values = json["random_forest"]!["trees"]![0]!["value"]!.AsArray();
                int leaf = values.Select((v, i) => (v, i)).First(p => p.v is not null).i;
                values[leaf] = new JsonArray(0.5);
                break;
            case "coefficients": json["logistic_regression"]!["intercepts"]!.AsArray().RemoveAt(0); break;
            case "missing": json.Remove("features"); break;
        }

        var damaged = damage == "truncated" ? text[..(text.Length / 2)] : json.ToJsonString();
        var e = Assert.ThrowsAny<SegMeasureException>(() => ClassifierModel.FromJson(damaged, "model.json"));
        Assert.Contains(message, e.Message);
        Assert.StartsWith("model.json: ", e.Message);
    }

    [Fact]
    public void A_missing_file_is_a_not_found_error()
    {
        var e = Assert.ThrowsAny<SegMeasureException>(() => ClassifierModel.Load(Path.Combine(Path.GetTempPath(), "no-such-model.json")));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }
}
