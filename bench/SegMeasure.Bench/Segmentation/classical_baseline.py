"""Times the classical segmentation's scikit-image pipeline (the reference generator's definition)
on one image: python3 classical_baseline.py REPO IMAGE.tif DIAMETER RUNS OUT.json [SKIMAGE_SOURCE].

With SKIMAGE_SOURCE (scikit-image's source at v0.26.0) the flood is that release's watershed, built
as the reference generator builds it, so the labels can be compared with SegMeasure's; without it,
Debian's 0.19 watershed, whose costs differ (timing only)."""
import json
import os
import sys
import time

import numpy as np
import tifffile

repo, image_path, diameter, runs, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
sys.path.insert(0, os.path.join(repo, "tests", "reference", "segmentation"))
from make_classical_reference import classical, debian_watershed, skimage_watershed_source  # noqa: E402

watershed, release = debian_watershed, "0.19"
if len(sys.argv) > 6:
    watershed, release = skimage_watershed_source.load(sys.argv[6])[0], "0.26"

image = tifffile.imread(image_path)
times = []
labels = None
for _ in range(runs):
    start = time.perf_counter()
    labels, _ = classical(image, sigma=1.0, diameter=diameter, min_size=15, watershed=watershed)
    times.append(time.perf_counter() - start)
with open(out, "w") as f:
    json.dump({"seconds": sorted(times)[len(times) // 2], "objects": int(labels.max()), "watershed": release,
               "checksum": int(np.asarray(labels, dtype=np.int64).sum())}, f)
