using SegMeasure.Core.Batch;

namespace SegMeasure.Core.Segmentation;

/// <summary>
/// Turns what the user named (files, folders, wildcard patterns) into the list of images to
/// segment: a folder contributes its accepted images and OME-Zarr stores (not its other sub-folders), a pattern its
/// accepted matches; both keep only names containing the name filter. A file named explicitly
/// must exist and have an accepted extension; an OME-Zarr folder (a store, level, label image or
/// HCS field) is one image. Each input is listed once.
/// </summary>
public static class SegmentationInputs
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs, string? nameFilter, string? baseDirectory = null)
    {
        var baseDir = baseDirectory ?? Directory.GetCurrentDirectory();
        var result = new List<string>();
        bool Keep(string path) => SegmentationNaming.IsAccepted(path)
            && (string.IsNullOrEmpty(nameFilter) || Path.GetFileName(path).Contains(nameFilter, StringComparison.Ordinal));

        foreach (var input in inputs)
        {
            var full = Path.GetFullPath(input, baseDir);
            if (Images.ImagePaths.IsZarr(full))
            {
                result.Add(full); // an OME-Zarr image is one input, not a folder of inputs
            }
            else if (Directory.Exists(full))
            {
                var found = Directory.EnumerateFiles(full).Concat(Directory.EnumerateDirectories(full).Where(Images.ImagePaths.IsZarr))
                    .Where(Keep).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                    throw new SegMeasureException("SegMeasure.NoInputs", ErrorKind.NotFound,
                        $"{input}: the folder holds no accepted image{(string.IsNullOrEmpty(nameFilter) ? "" : $" whose name contains \"{nameFilter}\"")}", input);
                result.AddRange(found);
            }
            else if (FileGlob.HasWildcards(input))
            {
                var found = FileGlob.Expand(input, baseDir).Select(m => Path.GetFullPath(m.Path, baseDir)).Where(Keep).ToList();
                if (found.Count == 0)
                    throw new SegMeasureException("SegMeasure.NoInputs", ErrorKind.NotFound, $"{input}: the pattern matches no accepted image", input);
                result.AddRange(found);
            }
            else
            {
                if (!File.Exists(full))
                    throw new SegMeasureException("SegMeasure.FileNotFound", ErrorKind.NotFound, $"{input}: no such file", input);
                if (!SegmentationNaming.IsAccepted(full))
                    throw new SegMeasureException("SegMeasure.UnsupportedInput", ErrorKind.InvalidArgument,
                        $"{input}: not an accepted image ({string.Join(", ", SegmentationNaming.AcceptedExtensions)})", input);
                result.Add(full);
            }
        }

        return result.Distinct(StringComparer.Ordinal).ToList();
    }
}
