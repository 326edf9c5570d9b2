"""Times the classical segmentation's scikit-image pipeline (the reference generator's definition)
on one image: python3 classical_baseline.py REPO IMAGE.tif DIAMETER RUNS OUT.json."""
import json
import os
import sys
import time

import numpy as np
import tifffile

repo, image_path, diameter, runs, out = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
sys.path.insert(0, os.path.join(repo, "tests", "reference", "segmentation"))
from make_classical_reference import classical  # noqa: E402

image = tifffile.imread(image_path)
times = []
labels = None
for _ in range(runs):
    start = time.perf_counter()
    labels, _ = classical(image, sigma=1.0, diameter=diameter, min_size=15)
    times.append(time.perf_counter() - start)
with open(out, "w") as f:
    json.dump({"seconds": sorted(times)[len(times) // 2], "objects": int(labels.max()),
               "checksum": int(np.asarray(labels, dtype=np.int64).sum())}, f)
