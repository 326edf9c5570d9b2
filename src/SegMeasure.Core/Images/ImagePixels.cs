using SegMeasure.Core.Tiff;
using SegMeasure.Core.Zarr;

namespace SegMeasure.Core.Images;

/// <summary>
/// The one place an image path becomes pixels: a Zarr folder (OME-Zarr image, level, label
/// image or HCS field) through <see cref="OmeZarrImage"/>, anything else through the TIFF reader
/// (which names vendor formats it recognises). Every command and cmdlet reads through here.
/// </summary>
internal static class ImagePixels
{
    public static TiffPixels Read(string path, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        ZarrPaths.IsZarr(path)
            ? OmeZarrImage.Open(path).Read(progress, cancellationToken)
            : TiffReader.ReadFile(path, progress, cancellationToken);
}
