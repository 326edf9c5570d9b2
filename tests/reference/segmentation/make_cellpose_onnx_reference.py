"""A small network with Cellpose's architecture exported to ONNX, and Cellpose's own tiled prediction with it.

Run with Debian's Python (python3-torch 1.13, python3-onnx 1.12, python3-tifffile) and a local
copy of Cellpose's public source (see cellpose_source.py), from the repository root:

    /usr/bin/python3 tests/reference/segmentation/make_cellpose_onnx_reference.py CELLPOSE_SRC

Writes, under ``cases/``:

- ``cellpose_tiny.onnx``: Cellpose 3's CPnet (resnet_torch.CPnet) with narrow channels
  (nbase 2, 8, 16, 32, 64; Cellpose's own is 2, 32, 64, 128, 256), random weights and batch-norm
  statistics from a fixed seed (the last convolution × 20 so outputs span about ±1), exported in eval mode: input ``image`` [N, 2, H, W], outputs
  ``flows`` [N, 3, H, W] (Y flow, X flow, cell probability) and ``style`` [N, 64], with H and W
  free (Cellpose runs tiles smaller than 224 on small images); metadata ``diam_mean`` = 30.
- ``cellpose_no_diam_mean.onnx``: a 1×1 convolution with the right input and output but no
  ``diam_mean`` metadata, its input fixed at [N, 2, 224, 224]; ``cellpose_wrong_shape.onnx``: the
  same taking one channel. For the front ends' errors and the fixed-size fallback.
- ``cellpose_tiny_inference.npz``: Cellpose's pipeline on a 1024 × 1024 image (the stardist
  DSB2018 512² nuclei image mirrored into 2 × 2: left-right, up-down and both), channel 1 zero:
  transforms.normalize_img (1st/99th percentiles) then core.run_net (padding to multiples of
  16, 224-pixel tiles with 10 % overlap, batches of 8, tiles blended by transforms.average_tiles'
  taper), run by torch on the CPU. The full output is 12 MB, so stored are: ``sample`` (every
  7th row and column, [3, 147, 147]), two full patches across tile seams (``patch_a`` rows and
  columns 160–288, ``patch_b`` rows 832–960 × columns 0–128) and ``sums`` (float64 sum of each
  output channel over the whole image).
- ``cellpose_tiny_rescaled.npz``: the same pipeline on the 512² DSB2018 image with a diameter of
  40 (rescale 30 / 40 = 0.75: core.run_net(rsz=0.75) resizes the image with OpenCV's bilinear
  resize, then the outputs are resized back to 512², as models.CellposeModel._run_net does);
  needs ``python3-opencv``. Stored: every 5th row and column (``sample``) and ``sums``.
- ``cellpose_tiny_small.npz``: the pipeline on two crops of the DSB2018 image smaller than a tile
  on at least one side, where core.run_net runs tiles of the padded side's own length:
  ``wide`` (rows 100–249, columns 50–449: one row of three 176 × 224 tiles) and ``square``
  (rows 300–389, columns 200–289: one 112 × 112 tile). Stored: each full output
  (``wide``, ``square``) and its crop's position (``wide_at``, ``square_at``: top, left, height, width).
"""
import json
import os
import sys

import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cellpose_source  # noqa: E402

REAL = os.path.abspath(os.path.join(HERE, "..", "..", "data", "real"))
OUT = os.path.join(HERE, "cases")
NBASE = [2, 8, 16, 32, 64]
SEED = 17


def mirrored_input():
    a = tifffile.imread(os.path.join(REAL, "stardist", "dsb2018_img2d.tif")).astype(np.float32)
    return np.block([[a, a[:, ::-1]], [a[::-1, :], a[::-1, ::-1]]])


def build_network(cp, torch):
    torch.manual_seed(SEED)
    net = cp.resnet_torch.CPnet(list(NBASE), 3, 3, mkldnn=False, max_pool=True, diam_mean=30.0)
    with torch.no_grad():
        for module in net.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 1.5)
        # The last 1x1 convolution scaled up so outputs span about ±1, as a trained net's do.
        net.output[2].weight.mul_(20.0)
        net.output[2].bias.mul_(20.0)
    net.eval()
    return net


def export(net, torch, path):
    import onnx

    class FlowsAndStyle(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, image):
            flows, style = self.inner(image)[:2]
            return flows, style

    # make_style averages over the whole tile with avg_pool2d(kernel_size=x.shape[2:]), which the
    # exporter cannot trace with a free batch axis; the mean over the same axes is the same number.
    net.make_style.avg_pool = lambda x, kernel_size: x.mean(dim=(2, 3), keepdim=True)
    torch.onnx.export(FlowsAndStyle(net), torch.zeros(1, 2, 224, 224), path, input_names=["image"],
                      output_names=["flows", "style"], opset_version=13,
                      dynamic_axes={"image": {0: "n", 2: "h", 3: "w"}, "flows": {0: "n", 2: "h", 3: "w"}, "style": {0: "n"}})
    model = onnx.load(path)
    onnx.helper.set_model_props(model, {"diam_mean": "30"})
    onnx.checker.check_model(model)
    onnx.save(model, path)


def StylePadded(net, torch):
    """run_net stores 256 style values per tile (Cellpose's width); the narrow net has 64."""

    class Padded(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner, self.nout, self.mkldnn = net, net.nout, False

        @property
        def device(self):
            return net.device

        def forward(self, data):
            flows, style = self.inner(data)[:2]
            return flows, torch.nn.functional.pad(style, (0, 256 - style.shape[1]))

    return Padded()


def export_small_models(torch):
    for name, channels in (("cellpose_no_diam_mean.onnx", 2), ("cellpose_wrong_shape.onnx", 1)):
        torch.manual_seed(SEED)
        conv = torch.nn.Conv2d(channels, 3, 1).eval()
        torch.onnx.export(conv, torch.zeros(1, channels, 224, 224), os.path.join(OUT, name), input_names=["image"],
                          output_names=["flows"], opset_version=13, dynamic_axes={"image": {0: "n"}, "flows": {0: "n"}})


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    cp = cellpose_source.load(sys.argv[1])
    import torch
    torch.set_num_threads(2)
    net = build_network(cp, torch)
    os.makedirs(OUT, exist_ok=True)
    export(net, torch, os.path.join(OUT, "cellpose_tiny.onnx"))
    export_small_models(torch)

    image = mirrored_input()
    x = np.stack([image, np.zeros_like(image)], axis=-1)
    x = cp.transforms.normalize_img(x, normalize=True)
    y, _ = cp.core.run_net(StylePadded(net, torch), x[np.newaxis], batch_size=8, tile_overlap=0.1, bsize=224, rsz=None)
    y = y[0].transpose(2, 0, 1)  # [3, Ly, Lx]
    np.savez_compressed(os.path.join(OUT, "cellpose_tiny_inference.npz"),
                        sample=y[:, ::7, ::7].astype(np.float32),
                        patch_a=y[:, 160:288, 160:288].astype(np.float32),
                        patch_b=y[:, 832:960, 0:128].astype(np.float32),
                        sums=y.astype(np.float64).sum(axis=(1, 2)))
    import cv2
    if not hasattr(cv2, "resize"):
        raise SystemExit("the rescaled case needs OpenCV's resize: apt-get install python3-opencv")
    small = tifffile.imread(os.path.join(REAL, "stardist", "dsb2018_img2d.tif")).astype(np.float32)
    x = cp.transforms.normalize_img(np.stack([small, np.zeros_like(small)], axis=-1), normalize=True)
    rescale = 30.0 / 40.0
    yr, _ = cp.core.run_net(StylePadded(net, torch), x[np.newaxis], batch_size=8, tile_overlap=0.1, bsize=224, rsz=rescale)
    yr = cp.transforms.resize_image(yr, small.shape[0], small.shape[1])[0].transpose(2, 0, 1)
    np.savez_compressed(os.path.join(OUT, "cellpose_tiny_rescaled.npz"), sample=yr[:, ::5, ::5].astype(np.float32),
                        sums=yr.astype(np.float64).sum(axis=(1, 2)), rescale=np.array([rescale]))
    crops = {"wide": (100, 50, 150, 400), "square": (300, 200, 90, 90)}
    stored = {}
    for name, (top, left, height, width) in crops.items():
        crop = small[top:top + height, left:left + width]
        x = cp.transforms.normalize_img(np.stack([crop, np.zeros_like(crop)], axis=-1), normalize=True)
        yc, _ = cp.core.run_net(StylePadded(net, torch), x[np.newaxis], batch_size=8, tile_overlap=0.1, bsize=224, rsz=None)
        stored[name] = yc[0].transpose(2, 0, 1).astype(np.float32)
        stored[name + "_at"] = np.array([top, left, height, width])
    np.savez_compressed(os.path.join(OUT, "cellpose_tiny_small.npz"), **stored)
    with open(os.path.join(OUT, "cellpose_tiny_manifest.json"), "w") as f:
        json.dump({"cellpose_version": cp.version, "torch": torch.__version__, "nbase": NBASE, "seed": SEED,
                   "diam_mean": 30, "shape": list(image.shape),
                   "output_abs_max": [float(np.abs(c).max()) for c in y]}, f, indent=1)
        f.write("\n")
    print("output range", [(float(c.min()), float(c.max())) for c in y])


if __name__ == "__main__":
    main()
