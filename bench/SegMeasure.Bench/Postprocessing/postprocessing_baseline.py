"""Baseline timings for the post-processing benchmark: the reference tool's own per-label
code (segmentation-measurement's postprocessing functions, as in its spec) and
scikit-image/scipy equivalents, on the images the benchmark wrote.

usage: postprocessing_baseline.py TASKS.json RESULT.json

Per-label loops that would take too long on every label are timed on the first `limit`
labels (ascending ids, as the reference iterates) and extrapolated linearly:
total = setup + loop time x labels / measured labels. The result says so.
"""
import json
import sys
import time

import numpy as np
import tifffile
from scipy import ndimage as ndi
from scipy.ndimage import binary_dilation
from skimage.measure import regionprops
from skimage.morphology import remove_small_holes as _remove_small_holes
from skimage.segmentation import watershed


def per_label(seg, limit, body, labels=None):
    """Times body(label_id) over the reference's label loop; returns (seconds, measured, total)."""
    start = time.perf_counter()
    ids = np.unique(seg) if labels is None else labels
    ids = ids[ids != 0]
    setup = time.perf_counter() - start
    chosen = ids if limit is None else ids[:limit]
    start = time.perf_counter()
    for label_id in chosen:
        body(label_id)
    loop = time.perf_counter() - start
    return setup + loop * len(ids) / max(len(chosen), 1), len(chosen), len(ids)


def filter_small_segments(seg, min_size, limit):
    result = seg.copy()
    start = time.perf_counter()
    label_ids, counts = np.unique(seg, return_counts=True)
    setup = time.perf_counter() - start
    small = [l for l, c in zip(label_ids, counts) if l != 0 and c < min_size]
    chosen = small if limit is None else small[:limit]
    start = time.perf_counter()
    for label_id in chosen:
        result[seg == label_id] = 0
    loop = time.perf_counter() - start
    return setup + loop * len(small) / max(len(chosen), 1), len(chosen), len(small)


def remove_small_holes(seg, max_hole_size, limit):
    result = seg.copy()

    def body(label_id):
        binary_mask = seg == label_id
        filled = _remove_small_holes(binary_mask, area_threshold=max_hole_size + 1)
        new_pixels = filled & ~binary_mask
        new_pixels &= (seg == 0)
        result[new_pixels] = label_id

    return per_label(seg, limit, body)


def compute_ring_mask(seg, ring_width, limit):
    result = seg.copy()

    def body(label_id):
        binary_mask = seg == label_id
        dilated = binary_dilation(binary_mask, iterations=ring_width)
        ring = dilated & ~binary_mask
        ring &= (seg == 0) & (result == 0)
        result[ring] = label_id

    return per_label(seg, limit, body)


def expand(seg, distance):
    start = time.perf_counter()
    distances, nearest = ndi.distance_transform_edt(seg == 0, return_indices=True)
    out = np.zeros_like(seg)
    dilate = distances <= distance
    out[dilate] = seg[tuple(ix[dilate] for ix in nearest)]
    return time.perf_counter() - start, 1, 1


def apply_watershed(seg, heatmap):
    start = time.perf_counter()
    watershed(heatmap, markers=seg, mask=None).astype(seg.dtype)
    return time.perf_counter() - start, 1, 1


def shape_filter(seg, limit):
    """regionprops features of filter_cell_by_regionprops, per region (lazy), extrapolated."""
    start = time.perf_counter()
    props = regionprops(seg)
    setup = time.perf_counter() - start
    chosen = props if limit is None else props[:limit]
    start = time.perf_counter()
    for p in chosen:
        _ = (p.area, p.perimeter, p.eccentricity, p.solidity, p.extent)
    loop = time.perf_counter() - start
    return setup + loop * len(props) / max(len(chosen), 1), len(chosen), len(props)


def match_masks(cells, nuclei, limit):
    """Per-nucleus overlap lookup (the straightforward numpy approach), extrapolated."""
    def body(nucleus_id):
        inside = cells[nuclei == nucleus_id]
        ids, counts = np.unique(inside, return_counts=True)
        return ids, counts

    return per_label(nuclei, limit, body)


def main():
    tasks = json.load(open(sys.argv[1]))
    results = {}
    cache = {}

    def load(path):
        if path not in cache:
            cache.clear()
            cache[path] = tifffile.imread(path)
        return cache[path]

    for task in tasks:
        seg = load(task["labels"])
        op, p, limit = task["op"], task["params"], task.get("limit")
        if op == "filter":
            r = filter_small_segments(seg, p["min_size"], limit)
        elif op == "holes":
            r = remove_small_holes(seg, p["max_hole_size"], limit)
        elif op == "ring":
            r = compute_ring_mask(seg, p["ring_width"], limit)
        elif op == "expand":
            r = expand(seg, p["distance"])
        elif op == "watershed":
            heat = tifffile.imread(task["heatmap"])
            r = apply_watershed(seg, heat)
        elif op == "shape":
            r = shape_filter(seg, limit)
        else:
            nuclei = tifffile.imread(task["nuclei"])
            r = match_masks(seg, nuclei, limit)
        seconds, measured, total = r
        results[task["name"]] = {"seconds": seconds, "measured": measured, "total": total,
                                 "extrapolated": measured < total}
        print(f"baseline {task['name']}: {seconds:.2f} s ({measured} of {total})", file=sys.stderr, flush=True)
    json.dump(results, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
