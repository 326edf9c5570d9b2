"""Baseline of the `colocalization` bench mode: the reference's per-region loop in numpy.

    /usr/bin/python3 colocalization_baseline.py REPO A.tif B.tif LABELS.tif N_REGIONS OUT.json

The reference (napari-colocalization's analyse_pairwise) walks the regions one by one: it builds a
boolean mask over the whole image for each region and hands the full images and that mask to
every metric function, each of which indexes both channels with the mask. This script times two
loops over the spec's definitions (tests/reference/colocalization/make_colocalization_reference.py)
for every metric of the spec's COLUMNS with Costes thresholds:

  reference-shaped   as the reference: each metric indexes the full images with the region mask;
  lean               the mask is applied once per region (a faster loop than the reference's).

Only the first N_REGIONS regions are timed; the per-region time is extrapolated to all regions.
"""
import json
import sys
import time

import numpy as np
import tifffile

repo, path_a, path_b, path_labels, n_regions, out = sys.argv[1:7]
sys.path.insert(0, f"{repo}/tests/reference/colocalization")
import make_colocalization_reference as spec  # noqa: E402

a, b, labels = tifffile.imread(path_a), tifffile.imread(path_b), tifffile.imread(path_labels)


def reference_shaped(mask):
    for metric in (spec.pearson, spec.spearman, spec.icq, spec.overlap):
        metric(a[mask], b[mask])
    ta, tb = spec.costes(a[mask], b[mask])
    spec.manders(a[mask], b[mask], ta, tb)


def lean(mask):
    spec.region_row(a[mask], b[mask], 0, "A", "B", spec.ALL_METRICS, "costes", None, None)


def timed(loop):
    start, cpu = time.perf_counter(), time.process_time()
    ids = [int(v) for v in np.unique(labels) if v != 0]
    setup = (time.perf_counter() - start, time.process_time() - cpu)
    subset = ids[: int(n_regions)]
    start, cpu = time.perf_counter(), time.process_time()
    for region in subset:
        loop(labels == region)
    scale = len(ids) / len(subset)
    return {"regions": len(ids), "timed": len(subset),
            "wall": setup[0] + (time.perf_counter() - start) * scale, "cpu": setup[1] + (time.process_time() - cpu) * scale}


json.dump({"reference_shaped": timed(reference_shaped), "lean": timed(lean)}, open(out, "w"))
