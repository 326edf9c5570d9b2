"""Baseline for the geometry kernel benchmark: scikit-image 0.19.3 on the same objects.

Writes the objects (deterministic) and the median seconds per object of each scikit-image
kernel as JSON to the path given as the first argument.
"""
import base64
import json
import sys
import time
import warnings
import zlib

import numpy as np
from scipy import ndimage as ndi
from skimage.measure import marching_cubes, mesh_surface_area, regionprops
from skimage.morphology import convex_hull_image

rng = np.random.default_rng(7)


def blob(shape, sigma):
    noise = ndi.gaussian_filter(rng.random(shape), sigma)
    m = noise > np.quantile(noise, 0.45)
    lab, n = ndi.label(m)
    sizes = ndi.sum(m, lab, range(1, n + 1))
    m = lab == (1 + int(np.argmax(sizes)))
    idx = np.nonzero(m)
    return np.ascontiguousarray(m[tuple(slice(i.min(), i.max() + 1) for i in idx)])


def timed(fn, repeats):
    best = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        best.append(time.perf_counter() - t)
    return float(np.median(best))


def main(out):
    groups = [("2D ~25 px", 2, 25, 30), ("2D ~100 px", 2, 100, 15), ("3D ~12 vox", 3, 12, 20),
              ("3D ~25 vox", 3, 25, 10), ("3D ~50 vox", 3, 50, 4)]
    result = []
    warnings.simplefilter("ignore")
    for name, ndim, size, count in groups:
        objects = []
        for _ in range(count):
            shape = tuple(int(v) for v in rng.integers(size * 3 // 4, size * 5 // 4 + 1, ndim))
            m = blob(shape, size / 8)
            entry = {"shape": list(m.shape),
                     "mask": base64.b64encode(zlib.compress(np.packbits(m.ravel()).tobytes())).decode()}
            repeats = 3
            entry["hull"] = timed(lambda: convex_hull_image(m).sum(), repeats)
            if ndim == 3:
                entry["surface"] = timed(lambda: mesh_surface_area(
                    *marching_cubes(np.pad(m, 1), level=0.5, spacing=(1.0, 1.0, 1.0))[:2]), repeats)
            entry["feret"] = timed(lambda: regionprops(m.astype(np.uint8))[0].feret_diameter_max, 1)
            objects.append(entry)
        result.append({"name": name, "objects": objects})
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main(sys.argv[1])
