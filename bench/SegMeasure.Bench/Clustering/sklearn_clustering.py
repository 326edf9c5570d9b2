"""Baseline timings for the clustering benchmark: scikit-learn on the same standardised points.

Called by ClusteringBenchmark with: POINTS.bin N D K EPS MIN_SAMPLES REPEATS LABELS_OUT METHODS
(METHODS: comma-separated, from kmeans,dbscan)
POINTS.bin holds N*D little-endian float64 values, row-major. Prints one JSON object of
median seconds per method and writes sklearn's labels (int32) to LABELS_OUT.{kmeans,dbscan}.
"""
import json
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN, KMeans


def median_time(fn, repeats):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def main():
    path, n, d, k, eps, min_samples, repeats, labels_out, methods = sys.argv[1:10]
    methods = methods.split(",")
    n, d, k, min_samples, repeats, eps = int(n), int(d), int(k), int(min_samples), int(repeats), float(eps)
    x = np.fromfile(path, dtype="<f8").reshape(n, d)
    out = {}
    if "kmeans" in methods:
        out["kmeans"], km = median_time(lambda: KMeans(n_clusters=k, n_init=10, random_state=0).fit(x), repeats)
        km.labels_.astype("<i4").tofile(labels_out + ".kmeans")
        out["kmeans_inertia"] = float(km.inertia_)
    if "dbscan" in methods:
        out["dbscan"], db = median_time(lambda: DBSCAN(eps=eps, min_samples=min_samples).fit(x), repeats)
        db.labels_.astype("<i4").tofile(labels_out + ".dbscan")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
