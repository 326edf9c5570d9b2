"""Label arrays that are not one 2D or 3D image, written by tifffile as the reference tool's own
tests write them: a 4-D array (tifffile names its axes QQYX), a 1-D array, ImageJ movies with a
time axis, and arrays whose extra axes all have size 1 (those stay measurable). expected.json
records what tifffile reads back (series 0) and whether SegMeasure must refuse the file.

Run from the repository root with Debian 12's /usr/bin/python3 (python3-tifffile 2023.2.3)."""
import json
import os

import numpy as np
import tifffile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "axes")


def labels(shape, seed, dtype=np.uint16):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 4, size=shape).astype(dtype)


CASES = {
    # name: (array, imwrite arguments, refused?)
    "qqyx_5x5x5x5.tif": (labels((5, 5, 5, 5), 1), {}, True),
    "qqyx_5x1x5x5.tif": (labels((5, 1, 5, 5), 2), {}, False),
    "qqyx_1x5x5x5.tif": (labels((1, 5, 5, 5), 3), {}, False),
    "qqqyx_2x3x4x5x6.tif": (labels((2, 3, 4, 5, 6), 4), {}, True),
    # tifffile cannot write a 1-D array itself; it stores one as a 1 x N page whose JSON
    # description declares the shape (9,), which is what tifffile then reads back
    "one_d_9.tif": (labels((9,), 5).reshape(1, 9), {"metadata": None, "description": '{"shape": [9]}'}, True),
    "imagej_tyx_3_frames.tif": (labels((3, 6, 7), 6), {"imagej": True, "metadata": {"axes": "TYX"}}, True),
    "imagej_tzyx.tif": (labels((2, 3, 6, 7), 7), {"imagej": True, "metadata": {"axes": "TZYX"}}, True),
    "zqyx_declared.tif": (labels((2, 3, 6, 7), 8), {"metadata": {"axes": "ZQYX"}}, True),
}


def main():
    os.makedirs(HERE, exist_ok=True)
    expected = {}
    for name, (array, kwargs, refused) in CASES.items():
        path = os.path.join(HERE, name)
        if os.path.exists(path):
            os.remove(path)
        tifffile.imwrite(path, array, photometric="minisblack", **kwargs)
        with tifffile.TiffFile(path) as tif:
            series = tif.series[0]
            a = series.asarray()
            expected[name] = {
                "written_shape": list(array.shape),
                "tifffile_shape": list(a.shape),
                "tifffile_axes": series.axes,
                "refused": refused,
            }
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
