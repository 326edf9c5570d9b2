"""Plain (non-ImageJ, non-OME) TIFFs written by tifffile whose array shape only tifffile's JSON
description tells: stacks with a leading or trailing axis of size 1, declared axes, and a second
array appended to the same file. expected.json records what tifffile reads back (series 0) and
the shape the reference tool works on (the numpy array; leading size-1 axes beyond three dropped).

Run from the repository root with Debian 12's /usr/bin/python3 (python3-tifffile 2023.2.3)."""
import hashlib
import json
import os

import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))


def labels(shape, seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 4, size=shape).astype(np.uint16)


CASES = {
    # name: (arrays written one after another, extra imwrite arguments for the first)
    "trailing_one_zyx.tif": ([labels((5, 7, 1), 1)], {}),
    "leading_one_zyx.tif": ([labels((1, 7, 9), 2)], {}),
    "single_row_zyx.tif": ([labels((1, 1, 9), 3)], {}),
    "trailing_one_axes_zyx.tif": ([labels((5, 7, 1), 4)], {"metadata": {"axes": "ZYX"}}),
    "leading_one_axes_zyx.tif": ([labels((1, 7, 9), 5)], {"metadata": {"axes": "ZYX"}}),
    "channels_axes_cyx.tif": ([labels((2, 7, 9), 6)], {"metadata": {"axes": "CYX"}}),
    "stack_zyx.tif": ([labels((4, 7, 9), 7)], {}),
    "leading_ones_4d.tif": ([labels((1, 4, 7, 9), 8)], {}),
    "plane_yx.tif": ([labels((7, 9), 9)], {}),
    "appended_series.tif": ([labels((5, 7, 9), 10), labels((3, 7, 9), 11)], {}),
    # tifffile's default for a stack of 3 or 4 slices: colour planes (photometric RGB, planar),
    # which a label reader must refuse with a way out rather than take for channels
    "three_slices_as_rgb_planes.tif": ([labels((3, 7, 9), 12)], {"photometric": "rgb"}),
}


def reference_shape(shape):
    shape = list(shape)
    while len(shape) > 3 and shape[0] == 1:
        shape = shape[1:]
    return shape


def main():
    expected = {}
    for name, (arrays, first_kwargs) in CASES.items():
        path = os.path.join(HERE, name)
        if os.path.exists(path):
            os.remove(path)
        for i, array in enumerate(arrays):
            kwargs = {"photometric": "minisblack", "append": i > 0}
            if i == 0:
                kwargs.update(first_kwargs)
            tifffile.imwrite(path, array, **kwargs)
        with tifffile.TiffFile(path) as tif:
            series = tif.series[0]
            a = series.asarray()
            expected[name] = {
                "tifffile_shape": list(a.shape),
                "tifffile_axes": series.axes,
                "pages": len(tif.pages),
                "reference_shape": reference_shape(a.shape),
                "sha256": hashlib.sha256(np.ascontiguousarray(a).astype("<u2").tobytes()).hexdigest(),
            }
            assert np.array_equal(a, arrays[0])
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
