using SegMeasure.Core.Fuzzing;

namespace SegMeasure.Bench;

/// <summary>Zarr stores to fuzz: each mutant is a copy of one store with one of its files (metadata or chunk) mutated.</summary>
internal static class ZarrFuzzSources
{
    public static List<string> Stores(string folder) =>
        Directory.Exists(folder) ? Directory.GetDirectories(folder, "*.zarr").Order().ToList() : [];

    public static Func<string, ByteMutator, Random, string> Mutants(string work) => (store, mutator, random) =>
    {
        var target = Path.Combine(work, "mutant-" + Path.GetFileName(store));
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        var files = Directory.GetFiles(store, "*", SearchOption.AllDirectories).Order().ToList();
        var victim = files[random.Next(files.Count)];
        foreach (var file in files)
        {
            var copy = Path.Combine(target, Path.GetRelativePath(store, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (file == victim) File.WriteAllBytes(copy, mutator.Mutate(File.ReadAllBytes(file)));
            else File.Copy(file, copy);
        }

        return target;
    };
}
