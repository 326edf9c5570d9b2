"""Reference tables for per-region colocalization, computed from the spec's definitions.

Run with Debian's python3 (numpy 1.24, scipy 1.10, scikit-image 0.19.3, tifffile):

    /usr/bin/python3 tests/reference/colocalization/make_colocalization_reference.py [REFERENCE_SRC]

Writes, next to this script:
  inputs/*.tif            generated two- and three-channel cases and their label images
  <case>.csv              one row per region (and slice, channel pair) in the spec's COLUMNS
  cases.json              what each case ran: images, labels, options, and its per-region warnings
  diagnostics.json        Van Steensel CCF curves, Li's ICA points (as CSV files ica_*.csv) and
                          Costes randomization summaries (seeded; compared by distribution)
  objects_*.csv           object tables of objects labelled by threshold + connected components

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
from scipy.spatial import cKDTree
from skimage import filters, measure

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

    diag = importlib.import_module("napari_colocalization._diagnostics")
    objects = importlib.import_module("napari_colocalization._objects")
    saved = json.loads((HERE / "diagnostics.json").read_text())
    for c in saved["ccf"]:
        a, b = tifffile.imread(ROOT / c["a"]), tifffile.imread(ROOT / c["b"])
        mask = None if c["mask"] is None else tifffile.imread(ROOT / c["mask"]) != 0
        _, values = diag.van_steensel_ccf(a, b, mask=mask, max_shift=c["max_shift"], axis=c["axis"])
        assert np.allclose(values, [NAN if v is None else v for v in c["pcc"]], rtol=1e-12, atol=0, equal_nan=True), c["name"]
    for c in saved["objects"]:
        a, b = tifffile.imread(ROOT / c["a"]), tifffile.imread(ROOT / c["b"])
        mask = None if c["mask"] is None else tifffile.imread(ROOT / c["mask"]) != 0
        la = objects.label_objects(a, c["method"], mask=mask, min_size=c["min_size"])
        lb = objects.label_objects(b, c["method"], mask=mask, min_size=c["min_size"])
        rows, _ = objects.object_table(la, lb)
        mine = open(HERE / c["table"]).read().splitlines()[1:]
        assert len(rows) == len(mine), c["name"]
        for r, line in zip(rows, mine):
            assert line.startswith(f"{r['channel']},{r['object']},{r['n_pixels']},"), (c["name"], line, r)
            assert f",{int(r['coincident'])},{int(r['overlap'])}," in line, (c["name"], line, r)
    print("reference cross-check: CCF curves and object tables agree")


def ccf(a, b, mask, max_shift, axis):
    shifts = list(range(-max_shift, max_shift + 1))
    values = []
    for shift in shifts:
        rolled = np.roll(b, shift, axis=axis)
        m = np.ones(a.shape, bool) if mask is None else mask
        values.append(pearson(a[m], rolled[m])[0])
    return shifts, values


def scramble(b, block, rng):
    """Shuffle the whole blocks of b (already cropped to whole blocks)."""
    counts = [n // block for n in b.shape]
    grid = b.reshape([v for n in counts for v in (n, block)])
    order = list(range(0, 2 * b.ndim, 2)) + list(range(1, 2 * b.ndim, 2))
    blocks = grid.transpose(order).reshape((-1,) + (block,) * b.ndim)
    blocks = blocks[rng.permutation(blocks.shape[0])]
    return blocks.reshape(counts + [block] * b.ndim).transpose(np.argsort(order)).reshape(b.shape)


def randomization(a, b, mask, n_iter, block, seed):
    crop = tuple(slice(0, (n // block) * block) for n in a.shape)
    a, b = a[crop].astype(np.float64), b[crop].astype(np.float64)
    m = np.ones(a.shape, bool) if mask is None else mask[crop]
    observed = pearson(a[m], b[m])[0]
    rng = np.random.default_rng(seed)
    null = np.array([pearson(a[m], scramble(b, block, rng)[m])[0] for _ in range(n_iter)])
    finite = null[np.isfinite(null)]
    p = (int((finite >= observed).sum()) + 1) / (finite.size + 1)
    z = (observed - finite.mean()) / finite.std() if finite.std() > 0 else NAN
    return dict(observed=observed, p_value=p, z_score=z, null_mean=float(finite.mean()), null_std=float(finite.std()),
                null_quantiles=[float(q) for q in np.quantile(finite, [0.05, 0.25, 0.5, 0.75, 0.95])])


def label_objects(image, method, mask, min_size):
    values = image if mask is None else image[mask]
    t = auto_threshold(method, values)
    if not np.isfinite(t):
        return np.zeros(image.shape, int)
    binary = image > t
    if mask is not None:
        binary &= mask
    labels = measure.label(binary)
    if min_size > 0:
        sizes = np.bincount(labels.ravel())
        keep = sizes >= min_size
        keep[0] = False
        labels = measure.label(keep[labels])
    return labels


def object_rows(labels, other, name, other_centroids):
    props = measure.regionprops(labels)
    cents = np.array([p.centroid for p in props]).reshape(-1, labels.ndim)
    if len(other_centroids) and len(cents):
        dist, _ = cKDTree(other_centroids).query(cents)
    else:
        dist = np.full(len(cents), NAN)
    rows = []
    for p, d in zip(props, dist):
        idx = tuple(min(max(int(round(c)), 0), n - 1) for c, n in zip(p.centroid, other.shape))
        rows.append(dict(channel=name, object=p.label, n_pixels=int(p.area),
                         centroid="(" + ", ".join(repr(round(float(c), 1)) for c in p.centroid) + ")",
                         coincident=int(other[idx] != 0), overlap=int((other[tuple(p.coords.T)] != 0).any()), nn_distance_px=float(d)))
    return rows


def object_case(name, a, b, method, mask, min_size):
    la, lb = label_objects(a, method, mask, min_size), label_objects(b, method, mask, min_size)
    ca = np.array([p.centroid for p in measure.regionprops(la)]).reshape(-1, a.ndim)
    cb = np.array([p.centroid for p in measure.regionprops(lb)]).reshape(-1, a.ndim)
    rows = object_rows(la, lb, "A", cb) + object_rows(lb, la, "B", ca)
    cols = ["channel", "object", "n_pixels", "centroid", "coincident", "overlap", "nn_distance_px"]
    with open(HERE / f"objects_{name}.csv", "w") as f:
        f.write(",".join(cols) + "\n")
        for r in rows:
            f.write(",".join('"' + r[c] + '"' if c == "centroid" else ("" if isinstance(r[c], float) and math.isnan(r[c]) else repr(r[c]) if isinstance(r[c], float) else str(r[c])) for c in cols) + "\n")
    return len(rows)


def diagnostics():
    read = lambda rel: tifffile.imread(ROOT / rel)
    gen_a, gen_b = read("tests/reference/colocalization/inputs/pair2d_a.tif"), read("tests/reference/colocalization/inputs/pair2d_b.tif")
    gen_l = read("tests/reference/colocalization/inputs/pair2d_labels.tif")
    st_a, st_b = read("tests/reference/colocalization/inputs/stack3d_a.tif"), read("tests/reference/colocalization/inputs/stack3d_b.tif")
    real_a = read("tests/data/real/segmentation-measurement-tool/nuclei.tif")
    real_b = read("tests/data/real/segmentation-measurement-tool/membrane.tif")
    real_l = read("tests/data/real/segmentation-measurement-tool/membrane-seg.tif")
    ica_mask = (gen_l == 1).astype(np.uint8)
    tifffile.imwrite(INPUTS / "ica_mask.tif", ica_mask)
    out = {"ccf": [], "ica": [], "randomization": [], "objects": []}
    for name, a, b, mask, mask_file, shift, axis, files in [
        ("generated_x", gen_a, gen_b, None, None, 5, -1, ("pair2d_a.tif", "pair2d_b.tif")),
        ("generated_y_masked", gen_a, gen_b, gen_l != 0, "tests/reference/colocalization/inputs/pair2d_labels.tif", 4, 0, ("pair2d_a.tif", "pair2d_b.tif")),
        ("stack3d_z", st_a, st_b, None, None, 2, 0, ("stack3d_a.tif", "stack3d_b.tif")),
    ]:
        shifts, values = ccf(a.astype(np.float64), b.astype(np.float64), mask, shift, axis)
        finite = [v for v in values if np.isfinite(v)]
        peak = shifts[int(np.nanargmax(values))] if finite else None
        out["ccf"].append(dict(name=name, a="tests/reference/colocalization/inputs/" + files[0], b="tests/reference/colocalization/inputs/" + files[1],
                               mask=mask_file, max_shift=shift, axis=axis, shifts=shifts, pcc=[None if math.isnan(v) else v for v in values], peak_shift=peak))
    m = ica_mask.astype(bool)
    xa, xb = gen_a[m].astype(np.float64), gen_b[m].astype(np.float64)
    products = (xa - xa.mean()) * (xb - xb.mean())
    with open(HERE / "ica_generated.csv", "w") as f:
        f.write("a,b,product\n")
        for x, y, p in zip(xa, xb, products):
            f.write(f"{x!r},{y!r},{p!r}\n")
    out["ica"].append(dict(name="generated", a="tests/reference/colocalization/inputs/pair2d_a.tif", b="tests/reference/colocalization/inputs/pair2d_b.tif",
                           mask="tests/reference/colocalization/inputs/ica_mask.tif", points="ica_generated.csv", icq=icq(xa, xb)))
    for name, a, b, mask, mask_file, files in [
        ("generated", gen_a, gen_b, None, None, ("tests/reference/colocalization/inputs/pair2d_a.tif", "tests/reference/colocalization/inputs/pair2d_b.tif")),
        ("real_masked", real_a, real_b, real_l != 0, "tests/data/real/segmentation-measurement-tool/membrane-seg.tif",
         ("tests/data/real/segmentation-measurement-tool/nuclei.tif", "tests/data/real/segmentation-measurement-tool/membrane.tif")),
        ("three_channels_independent", read("tests/reference/colocalization/inputs/three_channels.tif")[0], read("tests/reference/colocalization/inputs/three_channels.tif")[2],
         None, None, None),
    ]:
        if files is None:
            tifffile.imwrite(INPUTS / "independent_a.tif", a)
            tifffile.imwrite(INPUTS / "independent_b.tif", b)
            files = ("tests/reference/colocalization/inputs/independent_a.tif", "tests/reference/colocalization/inputs/independent_b.tif")
        summary = randomization(a, b, mask, 500, 4, 20261205)
        out["randomization"].append(dict(name=name, a=files[0], b=files[1], mask=mask_file, n_iter=500, block_size=4, **summary))
    for name, a, b, method, mask, mask_file, min_size in [
        ("real_otsu", real_a, real_b, "otsu", None, None, 0),
        ("real_li_masked", real_a, real_b, "li", real_l != 0, "tests/data/real/segmentation-measurement-tool/membrane-seg.tif", 20),
        ("stack3d_yen", st_a, st_b, "yen", None, None, 3),
    ]:
        files = {"real": ("tests/data/real/segmentation-measurement-tool/nuclei.tif", "tests/data/real/segmentation-measurement-tool/membrane.tif"),
                 "stack3d": ("tests/reference/colocalization/inputs/stack3d_a.tif", "tests/reference/colocalization/inputs/stack3d_b.tif")}[name.split("_")[0]]
        n = object_case(name, a, b, method, mask, min_size)
        out["objects"].append(dict(name=name, a=files[0], b=files[1], method=method, mask=mask_file, min_size=min_size, rows=n, table=f"objects_{name}.csv"))
    (HERE / "diagnostics.json").write_text(json.dumps(out, indent=1) + "\n")


def main():
    generated_inputs()
    diagnostics()
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
