"""numpy stand-in for the parts of fastremap Cellpose's dynamics use."""
import numpy as np


def unique(arr, return_counts=False):
    return np.unique(arr, return_counts=return_counts)


def mask(arr, labels, in_place=False, value=0):
    out = arr if in_place else arr.copy()
    out[np.isin(out, np.asarray(labels))] = value
    return out


def renumber(arr, start=1, preserve_zero=True, in_place=False):
    out = arr if in_place else arr.copy()
    flat = out.reshape(-1)
    values, first = np.unique(flat, return_index=True)
    order = values[np.argsort(first, kind="stable")]
    remap = {}
    nxt = start
    for v in order:
        if preserve_zero and v == 0:
            remap[v] = 0
            continue
        remap[v] = nxt
        nxt += 1
    keys = np.array(list(remap.keys()), dtype=flat.dtype)
    vals = np.array([remap[k] for k in remap], dtype=flat.dtype)
    lut_index = np.searchsorted(np.sort(keys), flat)
    sorted_vals = vals[np.argsort(keys)]
    flat[:] = sorted_vals[lut_index]
    return out, remap
