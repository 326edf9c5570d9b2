using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SegMeasure.Core.Segmentation.Cellpose;

/// <summary>
/// A Cellpose network exported to ONNX (docs/segmentation-cellpose-onnx.md): one float input
/// [N, 2, H, W], a first output [N, 3, H, W] (Y flow, X flow, cell probability logit), with H and W
/// free (any tile Cellpose makes, as Cellpose runs it) or fixed at 224 (whole tiles only),
/// an optional style output [N, S] (read only to estimate the diameter with a size model) and the
/// metadata property <c>diam_mean</c>. The file is
/// checked when opened, so a wrong model fails before any image is read.
/// </summary>
internal sealed class OnnxCellposeModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;
    private readonly string? _style;
    // One network call at a time: parallel files share the session and its threads.
    private readonly object _gate = new();

    public string Path { get; }

    /// <summary>SHA-256 of the model file (hex), for the log.</summary>
    public string Sha256 { get; }

    /// <summary>The model's mean object diameter in pixels, or null when the file does not say.</summary>
    public double? DiameterMean { get; }

    /// <summary>"cpu" or "cuda".</summary>
    public string Provider { get; }

    /// <summary>True when the network's input is fixed at 224 × 224, so smaller images are padded to a whole tile.</summary>
    public bool WholeTilesOnly { get; }

    private OnnxCellposeModel(InferenceSession session, string path, string sha, string input, string output, string? style, double? diamMean, string provider,
        bool wholeTilesOnly)
    {
        WholeTilesOnly = wholeTilesOnly;
        _session = session;
        _style = style;
        Path = path;
        Sha256 = sha;
        _input = input;
        _output = output;
        DiameterMean = diamMean;
        Provider = provider;
    }

    /// <summary>The size model that estimates diameters for this network, when one was opened with it.</summary>
    public CellposeSizeModel? SizeModel { get; private init; }

    /// <summary>Opens the network at <paramref name="path"/>, and the size model at <paramref name="sizeModelPath"/> with it
    /// (read once here, not per image; the network must then give a style).</summary>
    public static OnnxCellposeModel Open(string path, bool useGpu, ICollection<string> warnings, string? sizeModelPath = null)
    {
        if (!File.Exists(path))
            throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{path}: no such model file", path);
        string sha;
        using (var stream = File.OpenRead(path)) sha = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();

        SessionOptions options;
        try
        {
            _ = QuietEnvironment.Value;
            options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException)
        {
            // The native library ships beside SegMeasure's assemblies; without it the method cannot run.
            throw new SegMeasureException("SegMeasure.MethodNotAvailable", ErrorKind.NotSupported,
                $"{path}: the cellpose method needs ONNX Runtime's native library (libonnxruntime), which this installation of SegMeasure cannot load ({FirstLine(e.Message)})", path, e);
        }

        string provider = "cpu";
        if (useGpu)
        {
            try
            {
                options.AppendExecutionProvider_CUDA();
                provider = "cuda";
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                warnings.Add($"the GPU was asked for but ONNX Runtime's CUDA provider is not usable here ({CudaFailure(e)}); running on the CPU");
            }
        }

        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new SegMeasureException("SegMeasure.ModelFormat", ErrorKind.InvalidData, $"{path}: not a model ONNX Runtime can load ({FirstLine(e.Message)})", path, e);
        }
        finally
        {
            // The session keeps its own copy of the options.
            options.Dispose();
        }

        try
        {
            var (input, output, wholeTilesOnly) = CheckShapes(session, path);
            double? diamMean = null;
            if (session.ModelMetadata.CustomMetadataMap.TryGetValue("diam_mean", out var text))
            {
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !(d > 0))
                    throw new SegMeasureException("SegMeasure.ModelFormat", ErrorKind.InvalidData, $"{path}: the metadata diam_mean '{text}' is not a positive number", path);
                diamMean = d;
            }

            // The style is the second output when there is one: float [N, S].
            string? style = null;
            if (session.OutputMetadata.Count > 1)
            {
                var (name, meta) = session.OutputMetadata.ElementAt(1);
                if (meta.ElementType == typeof(float) && meta.Dimensions.Length == 2) style = name;
            }

            CellposeSizeModel? sizeModel = null;
            if (sizeModelPath is not null)
            {
                sizeModel = CellposeSizeModel.Load(sizeModelPath);
                if (style is null)
                    throw new SegMeasureException("SegMeasure.ModelShape", ErrorKind.InvalidData,
                        $"{path}: the model has no style output (a second output [N, S]), which estimating the diameter with the size model {sizeModelPath} needs; give --diameter instead", path);
            }

            return new OnnxCellposeModel(session, path, sha, input, output, style, diamMean, provider, wholeTilesOnly) { SizeModel = sizeModel };
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static (string Input, string Output, bool WholeTilesOnly) CheckShapes(InferenceSession session, string path)
    {
        SegMeasureException Wrong(string what) => new("SegMeasure.ModelShape", ErrorKind.InvalidData,
            $"{path}: {what}; a Cellpose model takes float32 [N, 2, H, W] and gives [N, 3, H, W] (Y flow, X flow, cell probability) first, H and W free or 224", path);
        if (session.InputMetadata.Count != 1) throw Wrong($"the model has {session.InputMetadata.Count} inputs, not 1");
        var (inName, inMeta) = session.InputMetadata.First();
        if (inMeta.ElementType != typeof(float)) throw Wrong($"input '{inName}' holds {inMeta.ElementType.Name}, not float32");
        if (!Fits(inMeta.Dimensions, 2)) throw Wrong($"input '{inName}' has shape [{string.Join(", ", inMeta.Dimensions)}]");
        if (session.OutputMetadata.Count < 1) throw Wrong("the model has no output");
        var (outName, outMeta) = session.OutputMetadata.First();
        if (outMeta.ElementType != typeof(float)) throw Wrong($"output '{outName}' holds {outMeta.ElementType.Name}, not float32");
        if (!Fits(outMeta.Dimensions, 3)) throw Wrong($"output '{outName}' has shape [{string.Join(", ", outMeta.Dimensions)}]");
        return (inName, outName, inMeta.Dimensions[2] >= 0 || inMeta.Dimensions[3] >= 0);
    }

    // Free (-1) sizes are accepted; fixed ones must be Cellpose's.
    private static bool Fits(int[] dims, int channels) =>
        dims.Length == 4 && (dims[1] == channels || dims[1] < 0) && (dims[2] == CellposeTiling.TileSize || dims[2] < 0) && (dims[3] == CellposeTiling.TileSize || dims[3] < 0);

    /// <summary>Runs <paramref name="count"/> tiles [count, 2, height, width]; returns [count, 3, height, width].</summary>
    public float[] Run(float[] tiles, int count, int height, int width)
    {
        var (values, dims) = RunOutput(tiles, count, height, width, _output);
        if (dims.Length != 4 || dims[0] != count || dims[1] != 3 || dims[2] != height || dims[3] != width)
            throw new SegMeasureException("SegMeasure.ModelShape", ErrorKind.InvalidData,
                $"{Path}: the model gave an output of shape [{string.Join(", ", dims)}] for {count} tiles of [2, {height}, {width}]; expected [{count}, 3, {height}, {width}]", Path);
        return values;
    }

    /// <summary>Runs <paramref name="count"/> tiles [count, 2, height, width] for their style vectors only: [count, S] row by row.</summary>
    public (float[] Styles, int Length) RunStyles(float[] tiles, int count, int height, int width)
    {
        if (_style is null)
            throw new SegMeasureException("SegMeasure.ModelShape", ErrorKind.InvalidData,
                $"{Path}: the model has no style output (a second output [N, S]), which estimating the diameter with a size model needs; give --diameter instead", Path);
        var (values, dims) = RunOutput(tiles, count, height, width, _style);
        if (dims.Length != 2 || dims[0] != count)
            throw new SegMeasureException("SegMeasure.ModelShape", ErrorKind.InvalidData,
                $"{Path}: the model gave a style of shape [{string.Join(", ", dims)}] for {count} tiles; expected [{count}, S]", Path);
        return (values, dims[1]);
    }

    /// <summary>One network call for one named output: its values and shape.</summary>
    private (float[] Values, int[] Dims) RunOutput(float[] tiles, int count, int height, int width, string output)
    {
        var input = new DenseTensor<float>(tiles, new[] { count, 2, height, width });
        lock (_gate)
        {
            using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor(_input, input) }, new[] { output });
            var tensor = results.First().AsTensor<float>();
            return (tensor is DenseTensor<float> dense ? dense.Buffer.ToArray() : tensor.ToArray(), tensor.Dimensions.ToArray());
        }
    }

    // ONNX Runtime logs to the process's stderr by itself (a missing CUDA library: twice, in colour). Its lines
    // come here instead, and the last error of this thread explains the exception that follows it.
    [ThreadStatic] private static string? _lastRuntimeError;

    private static readonly DOrtLoggingFunction KeepLastError = (_, severity, _, _, _, message) =>
    {
        if (severity >= OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR) _lastRuntimeError = message;
    };

    private static readonly Lazy<OrtEnv> QuietEnvironment = new(() =>
    {
        var quiet = new EnvironmentCreationOptions
        {
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, logId = "segmeasure", loggingFunction = KeepLastError,
        };
        try
        {
            return OrtEnv.CreateInstanceWithOptions(ref quiet);
        }
        catch (OnnxRuntimeException)
        {
            return OrtEnv.Instance(); // made earlier in this process by other code: keep it
        }
    });

    /// <summary>Why the CUDA provider failed: the reason in ONNX Runtime's last error line of this thread, which names the
    /// missing library, or else the exception's first line.</summary>
    private static string CudaFailure(Exception e)
    {
        var logged = _lastRuntimeError;
        _lastRuntimeError = null;
        return ReasonOf(logged) ?? FirstLine(e.Message);
    }

    /// <summary>The reason part of an ONNX Runtime error line ("file:line function [ONNXRuntimeError] : 1 : FAIL : reason"), or null.</summary>
    internal static string? ReasonOf(string? logged)
    {
        var reason = logged is null ? "" : Regex.Match(logged, @"\[ONNXRuntimeError\] : \d+ : \w+ : (.+)").Groups[1].Value;
        return string.IsNullOrWhiteSpace(reason) ? null : FirstLine(reason);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    public void Dispose() => _session.Dispose();
}
