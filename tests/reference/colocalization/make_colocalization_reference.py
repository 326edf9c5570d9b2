"""Reference tables for per-region colocalization, computed from the spec's definitions.

Run with Debian's python3 (numpy 1.24, scipy 1.10, scikit-image 0.19.3, tifffile):

    /usr/bin/python3 tests/reference/colocalization/make_colocalization_reference.py [REFERENCE_SRC]

Writes, next to this script:
  inputs/*.tif            generated two- and three-channel cases and their label images
  <case>.csv              one row per region (and slice, channel pair) in the spec's COLUMNS
  cases.json              what each case ran: images, labels, options, and its per-region warnings

Every number follows the spec (shared/spec/colocalization-api.txt): p-values from
scipy.stats.pearsonr / spearmanr (what scikit-image's pearson_corr_coeff wraps), the per-channel
thresholds from skimage.filters, Costes' bisection as the spec describes it (stop once the step
falls below one intensity unit; step down while the below-threshold Pearson is positive).

If the public reference implementation (napari-colocalization) is available, pass its `src`
folder (or set NAPARI_COLOCALIZATION_SRC): its analyse_pairwise then runs on the same cases,
with a shim for the scikit-image >= 0.20 functions 0.19 lacks, and every column except the
Costes thresholds (whose stop rule the spec words differently) is compared with these tables.
Nothing of the reference is copied here.
"""
import json
import math
import os
import pathlib
import sys

import numpy as np
import tifffile
from scipy import stats
from skimage import filters

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
REAL = ROOT / "tests" / "data" / "real"
INPUTS = HERE / "inputs"

COLUMNS = ["region", "slice", "channel_a", "channel_b", "n_pixels", "pcc", "pcc_pvalue", "srcc", "srcc_pvalue",
           "icq", "overlap", "k1", "k2", "m1", "m2", "threshold_a", "threshold_b"]
ALL_METRICS = ("pcc", "srcc", "icq", "overlap", "mcc")
AUTO = {"otsu": filters.threshold_otsu, "li": filters.threshold_li, "triangle": filters.threshold_triangle,
        "yen": filters.threshold_yen, "mean": filters.threshold_mean, "isodata": filters.threshold_isodata}
NAN = float("nan")


def degenerate(a, b):
    return a.size < 2 or a.min() == a.max() or b.min() == b.max()


def pearson(a, b):
    if degenerate(a, b):
        return NAN, NAN
    r, p = stats.pearsonr(a.astype(np.float64), b.astype(np.float64))
    return float(r), float(p)


def spearman(a, b):
    if degenerate(a, b):
        return NAN, NAN
    res = stats.spearmanr(a, b)
    return float(res.correlation), float(res.pvalue)


def icq(a, b):
    if degenerate(a, b):
        return NAN
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    p = (a - a.mean()) * (b - b.mean())
    nz = int((p != 0).sum())
    return NAN if nz == 0 else float((p > 0).sum() / nz - 0.5)


def overlap(a, b):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    if a.size == 0 or a.min() < 0 or b.min() < 0:
        return NAN, NAN, NAN
    aa, bb, ab = float((a * a).sum()), float((b * b).sum()), float((a * b).sum())
    r = ab / math.sqrt(aa * bb) if aa > 0 and bb > 0 else NAN
    return r, ab / aa if aa > 0 else NAN, ab / bb if bb > 0 else NAN


def manders(a, b, ta, tb):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    sa, sb = float(a.sum()), float(b.sum())
    m1 = float(a[b > tb].sum() / sa) if np.isfinite(tb) and sa > 0 and a.min() >= 0 else NAN
    m2 = float(b[a > ta].sum() / sb) if np.isfinite(ta) and sb > 0 and b.min() >= 0 else NAN
    return m1, m2


def regression(a, b):
    """Orthogonal regression b = m a + c (spec: costes_regression)."""
    if degenerate(a, b):
        return NAN, NAN
    va, vb = a.var(), b.var()
    cov = ((a - a.mean()) * (b - b.mean())).mean()
    if cov == 0:
        return NAN, NAN
    m = (vb - va + math.sqrt((vb - va) ** 2 + 4 * cov ** 2)) / (2 * cov)
    return float(m), float(b.mean() - m * a.mean())


def below_pearson(a, b, ta, tb):
    sel = (a < ta) | (b < tb)
    if sel.sum() < 2:
        return NAN
    x, y = a[sel], b[sel]
    if x.min() == x.max() or y.min() == y.max():
        return NAN
    return float(np.corrcoef(x, y)[0, 1])


def costes(a, b, max_iter=100, stop_step=1.0):
    """Spec: bisect along the regression line; down while the below-threshold PCC is positive."""
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    if degenerate(a, b):
        return NAN, NAN
    m, c = regression(a, b)
    if not np.isfinite(m) or m <= 0:
        return NAN, NAN
    lo_a, hi_a, lo_b, hi_b = a.min(), a.max(), b.min(), b.max()
    step_a = abs(m) < 1

    def pair(v):
        if step_a:
            ta = min(max(v, lo_a), hi_a)
            return ta, min(max(m * ta + c, lo_b), hi_b)
        tb = min(max(v, lo_b), hi_b)
        return min(max((tb - c) / m, lo_a), hi_a), tb

    upper = hi_a if step_a else hi_b
    t = 0.5 * (hi_a + lo_a) if step_a else 0.5 * (hi_b + lo_b)
    step = abs(upper - t)
    for _ in range(max_iter):
        if step < stop_step:
            break
        ta, tb = pair(t)
        r = below_pearson(a, b, ta, tb)
        step *= 0.5
        t = t - step if r > 0 else t + step
    ta, tb = pair(t)
    return float(ta), float(tb)


def auto_threshold(method, x):
    if x.size == 0 or np.ptp(x) == 0:
        return NAN
    try:
        return float(AUTO[method](x))
    except (ValueError, RuntimeError, IndexError):
        return NAN


def thresholds(a, b, method, ta=None, tb=None):
    if method == "manual":
        return float(ta), float(tb)
    if method == "costes":
        return costes(a, b)
    return auto_threshold(method, a), auto_threshold(method, b)


def describe(x, name):
    if x.min() != x.max():
        return None
    return f"channel '{name}' has no signal" if x.sum() == 0 else f"channel '{name}' is constant"


def region_row(a, b, region, name_a, name_b, metrics, method, ta, tb):
    row = dict.fromkeys(COLUMNS, NAN)
    row.update(region=region, slice=None, channel_a=name_a, channel_b=name_b, n_pixels=int(a.size))
    if "pcc" in metrics:
        row["pcc"], row["pcc_pvalue"] = pearson(a, b)
    if "srcc" in metrics:
        row["srcc"], row["srcc_pvalue"] = spearman(a, b)
    if "icq" in metrics:
        row["icq"] = icq(a, b)
    if "overlap" in metrics:
        row["overlap"], row["k1"], row["k2"] = overlap(a, b)
    if "mcc" in metrics:
        row["threshold_a"], row["threshold_b"] = thresholds(a, b, method, ta, tb)
        row["m1"], row["m2"] = manders(a, b, row["threshold_a"], row["threshold_b"])
    return row


def warning_for(row, a, b, metrics):
    keys = {"pcc": ["pcc"], "srcc": ["srcc"], "icq": ["icq"], "overlap": ["overlap", "k1", "k2"], "mcc": ["m1", "m2"]}
    if not any(math.isnan(row[k]) for m in metrics for k in keys[m]):
        return None
    where = f"region {row['region']}" if row["slice"] is None else f"region {row['region']}, slice {row['slice']}"
    head = f"{where} ({row['channel_a']} vs {row['channel_b']}): "
    if a.size < 2:
        return head + "fewer than 2 pixels"
    parts = [p for p in (describe(a, row["channel_a"]), describe(b, row["channel_b"])) if p]
    if parts:
        return head + "; ".join(parts)
    if "mcc" in metrics and not (np.isfinite(row["threshold_a"]) and np.isfinite(row["threshold_b"])):
        return head + "no Manders threshold could be determined (try a different threshold method)"
    return head + "metric undefined for this region"


def pairwise(a, b, labels, metrics=ALL_METRICS, method="costes", ta=None, tb=None, name_a="A", name_b="B", slice_axis=None):
    """A per-region loop over boolean masks: the reference's shape of computation."""
    rows, warnings = [], []
    planes = [(None, a, b, labels)] if slice_axis is None else [
        (s, np.take(a, s, axis=slice_axis), np.take(b, s, axis=slice_axis),
         None if labels is None else (np.take(labels, s, axis=slice_axis) if labels.ndim == a.ndim else labels))
        for s in range(a.shape[slice_axis])]
    for s, pa, pb, pl in planes:
        regions = [(0, np.ones(pa.shape, bool))] if pl is None else [(int(v), pl == v) for v in np.unique(pl) if v != 0]
        for region, mask in regions:
            xa, xb = pa[mask], pb[mask]
            row = region_row(xa, xb, region, name_a, name_b, metrics, method, ta, tb)
            row["slice"] = s
            w = warning_for(row, xa, xb, metrics)
            if w:
                warnings.append(w)
            rows.append(row)
    return rows, warnings


def write_csv(path, rows):
    def cell(v):
        if v is None:
            return ""
        if isinstance(v, float):
            return "" if math.isnan(v) else repr(v)
        return str(v)
    with open(path, "w", newline="") as f:
        f.write(",".join(COLUMNS) + "\n")
        for row in rows:
            f.write(",".join(cell(row[c]) for c in COLUMNS) + "\n")


def generated_inputs():
    """Small cases with known structure: every kind of region the spec names."""
    rng = np.random.default_rng(20261205)
    INPUTS.mkdir(exist_ok=True)
    h, w = 60, 80
    base = rng.integers(50, 4000, size=(h, w))
    noise = rng.integers(0, 400, size=(h, w))
    a = base.copy()
    b = (base // 2 + noise).copy()                              # correlated everywhere by default
    labels = np.zeros((h, w), np.uint16)
    labels[0:20, 0:20] = 1                                      # correlated
    labels[0:20, 20:40] = 2; b[0:20, 20:40] = 5000 - base[0:20, 20:40]   # anti-correlated
    labels[0:20, 40:60] = 3; b[0:20, 40:60] = rng.integers(0, 4000, size=(20, 20))  # independent
    labels[20:30, 0:10] = 4; a[20:30, 0:10] = 777               # constant channel A
    labels[20:30, 10:20] = 5; b[20:30, 10:20] = 0               # channel B has no signal
    labels[25, 30] = 6                                          # one pixel
    labels[26, 30:32] = 7                                       # two pixels
    labels[30:60, 0:40] = 9                                     # large correlated, with ties
    a[30:60, 0:40] //= 100
    b[30:60, 0:40] = a[30:60, 0:40] * 3 + rng.integers(0, 5, size=(30, 40))
    labels[30:60, 40:80] = 12                                   # bright, low spread (numerically hard)
    a[30:60, 40:80] = 60000 + rng.integers(0, 20, size=(30, 40))
    b[30:60, 40:80] = 50000 + (a[30:60, 40:80] - 60000) + rng.integers(0, 10, size=(30, 40))
    tifffile.imwrite(INPUTS / "pair2d_a.tif", a.astype(np.uint16))
    tifffile.imwrite(INPUTS / "pair2d_b.tif", b.astype(np.uint16))
    tifffile.imwrite(INPUTS / "pair2d_labels.tif", labels)

    # 3D, analysed per Z plane.
    d, h3, w3 = 5, 24, 30
    a3 = rng.integers(0, 200, size=(d, h3, w3))
    b3 = np.clip(a3 // 2 + rng.integers(0, 100, size=(d, h3, w3)), 0, 255)
    l3 = np.zeros((d, h3, w3), np.uint8)
    l3[:, 2:12, 2:14] = 1
    l3[1:4, 12:22, 10:28] = 2
    l3[2, 20, 2] = 3                                            # one pixel in one plane
    b3[:, 2:12, 2:14] = 255 - a3[:, 2:12, 2:14]
    tifffile.imwrite(INPUTS / "stack3d_a.tif", a3.astype(np.uint8))
    tifffile.imwrite(INPUTS / "stack3d_b.tif", b3.astype(np.uint8))
    tifffile.imwrite(INPUTS / "stack3d_labels.tif", l3)

    # Three channels stacked on the first axis, one 2D label image.
    c0 = rng.integers(0, 3000, size=(40, 40))
    c1 = c0 + rng.integers(0, 800, size=(40, 40))
    c2 = rng.integers(0, 3000, size=(40, 40))
    multi = np.stack([c0, c1, c2]).astype(np.uint16)
    lm = np.zeros((40, 40), np.uint16)
    lm[0:20, 0:20] = 1
    lm[0:20, 20:40] = 2
    lm[20:40, :] = 3
    tifffile.imwrite(INPUTS / "three_channels.tif", multi)
    tifffile.imwrite(INPUTS / "three_channels_labels.tif", lm)


def case_list():
    real = {"a": "tests/data/real/segmentation-measurement-tool/nuclei.tif",
            "b": "tests/data/real/segmentation-measurement-tool/membrane.tif",
            "labels": "tests/data/real/segmentation-measurement-tool/membrane-seg.tif"}
    gen = {"a": "tests/reference/colocalization/inputs/pair2d_a.tif",
           "b": "tests/reference/colocalization/inputs/pair2d_b.tif",
           "labels": "tests/reference/colocalization/inputs/pair2d_labels.tif"}
    cases = []
    for method in ["costes", "otsu", "li", "triangle", "yen", "mean", "isodata"]:
        cases.append(dict(name=f"real_{method}", **real, method=method))
        cases.append(dict(name=f"generated_{method}", **gen, method=method))
    cases.append(dict(name="real_manual", **real, method="manual", threshold_a=5000.0, threshold_b=3000.0, channel_a="nuclei", channel_b="membrane"))
    cases.append(dict(name="real_whole_image", a=real["a"], b=real["b"], labels=None, method="costes"))
    cases.append(dict(name="generated_pcc_mcc", **gen, method="otsu", metrics=["pcc", "mcc"]))
    cases.append(dict(name="stack3d_slices", a="tests/reference/colocalization/inputs/stack3d_a.tif",
                      b="tests/reference/colocalization/inputs/stack3d_b.tif",
                      labels="tests/reference/colocalization/inputs/stack3d_labels.tif", method="costes", slice_axis=0))
    cases.append(dict(name="stack3d_volume", a="tests/reference/colocalization/inputs/stack3d_a.tif",
                      b="tests/reference/colocalization/inputs/stack3d_b.tif",
                      labels="tests/reference/colocalization/inputs/stack3d_labels.tif", method="yen"))
    cases.append(dict(name="three_channels_all_to_all", image="tests/reference/colocalization/inputs/three_channels.tif", channel_axis=0,
                      labels="tests/reference/colocalization/inputs/three_channels_labels.tif", method="costes",
                      channel_names=["dna", "dna_copy", "noise"]))
    return cases


def run_case(case):
    labels = None if case.get("labels") is None else tifffile.imread(ROOT / case["labels"])
    metrics = tuple(case.get("metrics", ALL_METRICS))
    kw = dict(metrics=metrics, method=case["method"], ta=case.get("threshold_a"), tb=case.get("threshold_b"))
    if "image" in case:
        image = tifffile.imread(ROOT / case["image"])
        axis = case["channel_axis"]
        names = case.get("channel_names") or [f"c{i}" for i in range(image.shape[axis])]
        rows, warnings = [], []
        for i in range(image.shape[axis]):
            for j in range(i + 1, image.shape[axis]):
                r, w = pairwise(np.take(image, i, axis=axis), np.take(image, j, axis=axis), labels, name_a=names[i], name_b=names[j], **kw)
                rows += r
                warnings += w
        return rows, warnings
    a = tifffile.imread(ROOT / case["a"])
    b = tifffile.imread(ROOT / case["b"])
    return pairwise(a, b, labels, name_a=case.get("channel_a", "A"), name_b=case.get("channel_b", "B"),
                    slice_axis=case.get("slice_axis"), **kw)


def cross_check(src, cases):
    """Runs the public reference's analyse_pairwise on the same inputs and compares every column but Costes thresholds."""
    import skimage.measure as measure

    def pearson_corr_coeff(image0, image1, mask=None):  # scikit-image >= 0.20's documented definition
        m = np.ones(image0.shape, bool) if mask is None else np.asarray(mask, bool)
        return stats.pearsonr(image0[m].astype(np.float64), image1[m].astype(np.float64))

    def manders_overlap_coeff(image0, image1, mask=None):
        m = np.ones(image0.shape, bool) if mask is None else np.asarray(mask, bool)
        x, y = image0[m].astype(np.float64), image1[m].astype(np.float64)
        return float((x * y).sum() / math.sqrt((x * x).sum() * (y * y).sum()))

    def manders_coloc_coeff(image0, image1_mask, mask=None):
        m = np.ones(image0.shape, bool) if mask is None else np.asarray(mask, bool)
        return float(image0[m & image1_mask].sum() / image0[m].sum())

    measure.pearson_corr_coeff = pearson_corr_coeff
    measure.manders_overlap_coeff = manders_overlap_coeff
    measure.manders_coloc_coeff = manders_coloc_coeff
    import importlib
    import types
    package = types.ModuleType("napari_colocalization")  # the package's __init__ pulls in the Qt widget: load only the compute modules
    package.__path__ = [str(pathlib.Path(src) / "napari_colocalization")]
    sys.modules["napari_colocalization"] = package
    analysis = importlib.import_module("napari_colocalization._analysis")
    worst = 0.0
    for case in cases:
        if "image" in case or case["method"] == "costes":
            continue
        labels = None if case.get("labels") is None else tifffile.imread(ROOT / case["labels"])
        a, b = tifffile.imread(ROOT / case["a"]), tifffile.imread(ROOT / case["b"])
        theirs = analysis.analyse_pairwise(a, b, label_mask=labels, metrics=tuple(case.get("metrics", ALL_METRICS)),
                                           threshold_method=case["method"], threshold_a=case.get("threshold_a"),
                                           threshold_b=case.get("threshold_b"), slice_axis=case.get("slice_axis"))
        ours, _ = run_case(case)
        assert len(theirs) == len(ours), case["name"]
        for t, o in zip(theirs, ours):
            t = dict(t, m1=t.get("tm1", t.get("m1")), m2=t.get("tm2", t.get("m2")))
            for col in COLUMNS[4:]:
                x, y = float(t[col]), float(o[col])
                if math.isnan(x) and math.isnan(y):
                    continue
                rel = abs(x - y) / max(abs(x), abs(y), 1e-300)
                worst = max(worst, rel)
                assert rel <= 1e-12 or abs(x - y) < 1e-15, (case["name"], t["region"], col, x, y)
    print(f"reference cross-check: every non-Costes column agrees, worst relative difference {worst:.3g}")


def main():
    generated_inputs()
    cases = case_list()
    manifest = []
    for case in cases:
        rows, warnings = run_case(case)
        write_csv(HERE / f"{case['name']}.csv", rows)
        manifest.append(dict(case, warnings=warnings, rows=len(rows)))
    (HERE / "cases.json").write_text(json.dumps({"cases": manifest}, indent=1) + "\n")
    src = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NAPARI_COLOCALIZATION_SRC")
    if src:
        cross_check(pathlib.Path(src), cases)


if __name__ == "__main__":
    main()
