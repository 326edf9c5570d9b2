using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SegMeasure.Core.Batch;
using SegMeasure.Core.Tables;

namespace SegMeasure.Bench.Tables;

/// <summary>
/// Table and sweep benchmarks. Run: dotnet run -c Release --project bench/SegMeasure.Bench.Tables [rows] [--profile]
/// Prints medians and ratios against baselines run in the same invocation:
/// - pandas (Debian's /usr/bin/python3) reading and writing the very same CSV, timed inside Python;
/// - a minimal hand-rolled CSV writer (string.Join of "R"-formatted numbers), the floor for our spelling rules;
/// - the sweep runner with one job against the same work with every processor.
/// </summary>
public sealed class TablesBenchmark : IBenchmark
{
    public string Name => "tables";

    public string Description => "CSV/XLSX writing and reading vs pandas and a minimal writer; sweep parallelism [rows] [--profile]";

    public int Run(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        const int Repeats = 5;
        var dir = Directory.CreateTempSubdirectory("segmeasure-bench-tables-").FullName;
        try
        {
            var table = SampleTable(rows);
            var csv = Path.Combine(dir, "table.csv");
            var xlsx = Path.Combine(dir, "table.xlsx");
            Console.WriteLine($"table: {rows} rows x {table.ColumnCount} columns; median processor time of {Repeats} runs (sweep: wall time)");
            if (args.Contains("--profile"))
            {
                // The floors under a CSV read: CsvHelper's tokenizer alone, and .NET's parsing of the same numbers.
                TableFile.Write(csv, table, overwrite: true);
                var numbers = NumberCells(csv);
                Console.WriteLine($"floor       CsvHelper tokenizing {Median(() => ParseOnly(csv)),8:F1} ms | double.Parse of {numbers.Count} cells {Median(() => ParseNumbers(numbers)),8:F1} ms");
            }

            double write = Median(() => TableFile.Write(csv, table, overwrite: true));
            double read = Median(() => TableFile.Read(csv));
            double naive = Median(() => NaiveWrite(Path.Combine(dir, "naive.csv"), table));
            double writeXlsx = Median(() => TableFile.Write(xlsx, table, overwrite: true));
            double readXlsx = Median(() => TableFile.Read(xlsx));
            Console.WriteLine($"csv write   ours {write,8:F1} ms | minimal writer {naive,8:F1} ms | ratio ours/minimal {write / naive:F2}");
            Console.WriteLine($"xlsx        write {writeXlsx,8:F1} ms | read {readXlsx,8:F1} ms");

            if (Pandas(csv) is { } pandas)
            {
                Console.WriteLine($"csv write   ours {write,8:F1} ms | pandas to_csv   {pandas.Write,8:F1} ms | speed-up {pandas.Write / write:F2}x");
                Console.WriteLine($"csv read    ours {read,8:F1} ms | pandas read_csv {pandas.Read,8:F1} ms | speed-up {pandas.Read / read:F2}x");
            }
            else
            {
                Console.WriteLine($"csv read    ours {read,8:F1} ms | pandas not installed: no baseline");
            }

            // Sweep: 32 "files" of CPU-bound work each (parse and sum a table); one job against all processors.
            var inputs = Enumerable.Range(0, 32).Select(i => i).ToList();
            var small = Path.Combine(dir, "small.csv");
            TableFile.Write(small, SampleTable(5_000), overwrite: true);
            double Sweep(int jobs) => BenchmarkTools.MedianWall(Repeats, () => SweepRunner.Run(inputs, (i, _) => TableFile.Read(small).RowCount, jobs)) * 1000;
            double one = Sweep(1);
            double all = Sweep(Environment.ProcessorCount);
            Console.WriteLine($"sweep 32 files  --jobs 1 {one,8:F1} ms | --jobs {Environment.ProcessorCount} {all,8:F1} ms | speed-up {one / all:F2}x");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        static MeasurementTable SampleTable(int rows)
        {
            var random = new Random(42);
            var columns = new List<TableColumn> { new IntegerColumn("index", Enumerable.Range(1, rows).Select(i => (long)i)) };
            foreach (var name in new[] { "mean_intensity", "median_intensity", "max_intensity", "min_intensity", "std_intensity",
                                         "percentile_10", "percentile_25", "percentile_75", "percentile_90", "area", "perimeter", "sphericity" })
                columns.Add(new DoubleColumn(name, Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 1000).ToArray()));
            columns.Add(new IntegerColumn("n_nuclei", Enumerable.Range(0, rows).Select(_ => (long?)(random.Next(4) == 0 ? null : random.Next(3))).ToArray()));
            return new MeasurementTable(columns);
        }

        static List<string> NumberCells(string path)
        {
            using var reader = new StreamReader(path);
            using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
            parser.Read();
            var cells = new List<string>();
            while (parser.Read())
                for (int i = 1; i <= 12; i++) cells.Add(parser[i]);
            return cells;
        }

        static double ParseNumbers(List<string> cells)
        {
            double sum = 0;
            foreach (var cell in cells) sum += double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
            return sum;
        }

        static int ParseOnly(string path)
        {
            using var reader = new StreamReader(path);
            using var parser = new CsvHelper.CsvParser(reader, CultureInfo.InvariantCulture);
            int n = 0;
            while (parser.Read()) n += parser.Record!.Length;
            return n;
        }

        static void NaiveWrite(string path, MeasurementTable table)
        {
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            writer.Write(string.Join(',', table.ColumnNames));
            writer.Write('\n');
            var cells = new string[table.ColumnCount];
            for (int r = 0; r < table.RowCount; r++)
            {
                for (int c = 0; c < cells.Length; c++)
                    cells[c] = table.Columns[c].GetValue(r) switch { double d => d.ToString("R", CultureInfo.InvariantCulture), long l => l.ToString(CultureInfo.InvariantCulture), _ => "" };
                writer.Write(string.Join(',', cells));
                writer.Write('\n');
            }
        }

        // Processor time, not wall time: the machine is shared, and CPU time is what a busy neighbour does not inflate.
        static double Median(Action action) => BenchmarkTools.MedianCpu(Repeats, action) * 1000;

        static (double Read, double Write)? Pandas(string csv)
        {
            const string python = "/usr/bin/python3";
            if (!File.Exists(python)) return null;
            const string script = """
                import json, statistics, sys, time, os
                import pandas as pd
                path = sys.argv[1]; repeats = int(sys.argv[2])
                pd.read_csv(path)
                reads = []
                for _ in range(repeats):
                    t = time.process_time(); df = pd.read_csv(path); reads.append(time.process_time() - t)
                out = path + '.pandas.csv'
                df.to_csv(out, index=False)
                writes = []
                for _ in range(repeats):
                    t = time.process_time(); df.to_csv(out, index=False); writes.append(time.process_time() - t)
                os.remove(out)
                print(json.dumps({'read': statistics.median(reads) * 1000, 'write': statistics.median(writes) * 1000}))
                """;
            var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-c", script, csv, Repeats.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) return null;
            using var json = JsonDocument.Parse(output);
            return (json.RootElement.GetProperty("read").GetDouble(), json.RootElement.GetProperty("write").GetDouble());
        }
        return 0;
    }
}
