"""Reference masks for the weight-free classical segmentation (SegMeasure's Method 2).

Run with Debian's Python (scikit-image 0.19.3, scipy 1.10, numpy, tifffile) and a local copy of
scikit-image's source at tag v0.26.0 for its current watershed (see
``../postprocessing/skimage_watershed_source.py``; needs ``cython3``):

    /usr/bin/python3 tests/reference/segmentation/make_classical_reference.py SKIMAGE_SOURCE

Each step is one scikit-image / scipy call, the definition the C# port must equal pixel for pixel:

1. smoothing:   skimage.filters.gaussian(image, sigma, mode="nearest", truncate=4.0, preserve_range=True)
2. threshold:   t = skimage.filters.threshold_otsu(smoothed) (256 bins), then either
                "otsu":  foreground = smoothed > t
                "local": block = int(3 * diameter) | 1;
                         foreground = binary_fill_holes((smoothed > threshold_local(smoothed, block,
                                      method="gaussian", mode="nearest")) & (smoothed > 0.6 * t))
3. distance:    scipy.ndimage.distance_transform_edt(foreground)
4. seeds:       peaks of gaussian(distance, seed_sigma, mode="nearest", truncate=4.0) (unsmoothed when
                seed_sigma is 0): foreground pixels equal to its maximum in a square window of side
                2*floor(diameter/2)+1 (scipy.ndimage.maximum_filter), labelled as 8-connected groups
                by scipy.ndimage.label (raster order)
5. flooding:    skimage.segmentation.watershed(-distance, seeds, mask=foreground) of scikit-image 0.26.0
                (a pixel enters the flood at no less than the cost of the pixel it came from)
6. min_size:    objects of fewer than min_size pixels removed (as skimage's remove_small_objects
                on a label image), then skimage.segmentation.relabel_sequential

Writes ``cases/<name>.npz`` (``image``, ``expected``, ``threshold``) and ``cases/manifest.json``
with the parameters and, where ground truth exists, F1 at IoU 0.5.
"""
import json
import os

import sys

import numpy as np
import tifffile
from scipy import ndimage as ndi
from skimage.filters import gaussian, threshold_local, threshold_otsu
from skimage.segmentation import relabel_sequential
from skimage.segmentation import watershed as debian_watershed

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "postprocessing"))
import skimage_watershed_source  # noqa: E402
REAL = os.path.abspath(os.path.join(HERE, "..", "..", "data", "real"))
OUT = os.path.join(HERE, "cases")


def classical(image, sigma, diameter, min_size, threshold="local", seed_sigma=1.0, watershed=debian_watershed):
    """The pipeline; ``watershed`` is Debian's (0.19) unless scikit-image 0.26.0's is passed, as main() does."""
    smoothed = gaussian(image.astype(np.float64), sigma, mode="nearest", truncate=4.0, preserve_range=True)
    t = threshold_otsu(smoothed)
    if threshold == "otsu":
        foreground = smoothed > t
    else:
        block = max(3, int(3 * diameter) | 1)
        local = threshold_local(smoothed, block, method="gaussian", mode="nearest")
        foreground = ndi.binary_fill_holes((smoothed > local) & (smoothed > 0.6 * t))
    distance = ndi.distance_transform_edt(foreground)
    peaks_of = distance if seed_sigma == 0 else gaussian(distance, seed_sigma, mode="nearest", truncate=4.0, preserve_range=True)
    r = int(diameter // 2)
    peaks = foreground & (peaks_of == ndi.maximum_filter(peaks_of, size=2 * r + 1, mode="nearest"))
    seeds, _ = ndi.label(peaks, structure=np.ones((3, 3), int))
    labels = watershed(-distance, seeds, mask=foreground)
    sizes = np.bincount(labels.ravel())
    small = sizes < min_size
    small[0] = False
    labels[small[labels]] = 0
    labels, _, _ = relabel_sequential(labels)
    return labels.astype(np.uint32), float(t)


def f1_at_iou(truth, predicted, iou=0.5):
    t_ids = np.unique(truth[truth > 0])
    p_ids = np.unique(predicted[predicted > 0])
    pairs = {}
    both = (truth > 0) & (predicted > 0)
    for a, b in zip(truth[both], predicted[both]):
        pairs[(a, b)] = pairs.get((a, b), 0) + 1
    t_area = dict(zip(*np.unique(truth, return_counts=True)))
    p_area = dict(zip(*np.unique(predicted, return_counts=True)))
    tp = sum(1 for (a, b), n in pairs.items() if n / (t_area[a] + p_area[b] - n) > iou)
    return 2 * tp / (len(t_ids) + len(p_ids)), tp, len(t_ids), len(p_ids)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    watershed, digests = skimage_watershed_source.load(sys.argv[1])
    os.makedirs(OUT, exist_ok=True)
    manifest = []
    rng = np.random.default_rng(5)
    yy, xx = np.mgrid[0:64, 0:80]
    blobs = np.zeros((64, 80))
    for cy, cx, r in [(15, 15, 9), (20, 34, 9), (45, 22, 11), (40, 60, 12), (12, 66, 6)]:
        blobs += 200.0 * (((yy - cy) ** 2 + (xx - cx) ** 2) <= r * r)
    synthetic = (blobs + rng.normal(20, 8, blobs.shape)).clip(0, 65535).astype(np.uint16)
    dsb2018 = (tifffile.imread(os.path.join(REAL, "stardist/dsb2018_img2d.tif")),
               tifffile.imread(os.path.join(REAL, "stardist/dsb2018_mask2d.tif")))
    tests = (tifffile.imread(os.path.join(REAL, "stardist/tests_img2d.tif")),
             tifffile.imread(os.path.join(REAL, "stardist/tests_mask2d.tif")))
    for name, image, truth, params in [
        # The defaults (local threshold, diameter 12) on the StarDist example with its ground truth.
        ("classical_dsb2018_2d", *dsb2018, dict(sigma=1.0, diameter=12, min_size=15)),
        ("classical_dsb2018_2d_otsu", *dsb2018, dict(sigma=1.0, diameter=12, min_size=15, threshold="otsu", seed_sigma=0.0)),
        ("classical_tests_2d", *tests, dict(sigma=1.0, diameter=8, min_size=15)),
        ("classical_touching_blobs_2d", synthetic, None, dict(sigma=1.5, diameter=14, min_size=20, threshold="otsu")),
    ]:
        expected, t = classical(image, **params, watershed=watershed)
        np.savez_compressed(os.path.join(OUT, name + ".npz"), image=image, expected=expected,
                            threshold=np.array(t))
        entry = dict(name=name, params=params, threshold=t, objects=int(expected.max()), skimage_watershed_sha256_16=digests)
        if truth is not None:
            f1, tp, nt, npred = f1_at_iou(truth, expected)
            entry.update(f1_at_iou_0_5=round(f1, 4), true_positives=tp, truth_objects=nt)
        manifest.append(entry)
        print(entry)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
