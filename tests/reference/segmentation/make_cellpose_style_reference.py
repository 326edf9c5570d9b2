"""Cellpose's style vector of a whole image, for the size model's first step.

Run like make_cellpose_onnx_reference.py (Debian's python3-torch, a local copy of Cellpose 3's
source), from the repository root:

    /usr/bin/python3 tests/reference/segmentation/make_cellpose_style_reference.py CELLPOSE_SRC

The network is the committed ``cellpose_tiny.onnx``'s, rebuilt from the same seed. Cellpose's
pipeline on the 512² StarDist DSB2018 image (channel 1 zero): transforms.normalize_img, then
core.run_net, whose style is the sum of every tile's unit-length style scaled to unit length.
Writes ``cases/cellpose_tiny_style.npz`` with ``style`` (the network's 64 values).
"""
import os
import sys

import numpy as np
import tifffile

import cellpose_source
from make_cellpose_onnx_reference import OUT, REAL, StylePadded, build_network


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    cp = cellpose_source.load(sys.argv[1])
    import torch
    torch.set_num_threads(2)
    net = build_network(cp, torch)
    image = tifffile.imread(os.path.join(REAL, "stardist", "dsb2018_img2d.tif")).astype(np.float32)
    x = cp.transforms.normalize_img(np.stack([image, np.zeros_like(image)], axis=-1), normalize=True)
    _, style = cp.core.run_net(StylePadded(net, torch), x[np.newaxis], batch_size=8, tile_overlap=0.1, bsize=224, rsz=None)
    np.savez_compressed(os.path.join(OUT, "cellpose_tiny_style.npz"), style=np.asarray(style, dtype=np.float32).reshape(-1)[:NET_STYLE])


NET_STYLE = 64  # the narrow network's style length; run_net pads to Cellpose's 256 with zeros

if __name__ == "__main__":
    main()
