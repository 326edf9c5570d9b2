"""torch's side of the `cellpose` benchmark: Cellpose 3's CPnet on the CPU, and the same net as ONNX.

    /usr/bin/python3 cellpose_torch_baseline.py REPO CELLPOSE_SRC NBASE1 RUNS OUT_DIR

Builds CPnet (resnet_torch, nbase 2, w, 2w, 4w, 8w with w = NBASE1; Cellpose's own models use 32)
with random weights from a fixed seed, exports it to OUT_DIR/model.onnx (input [N, 2, 224, 224],
metadata diam_mean 30) for SegMeasure to time, then times with torch (one thread per core,
no_grad, eval) Cellpose's core.run_net on a 512 x 512 image (normalised noise: 9 tiles of 224,
batch 8) after one warm-up run, and writes OUT_DIR/torch.json with the seconds of each run.
"""
import json
import os
import sys
import time

import numpy as np


def main():
    repo, source, width, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    sys.path.insert(0, os.path.join(repo, "tests", "reference", "segmentation"))
    import cellpose_source
    cp = cellpose_source.load(source)
    import torch
    # As many threads as ONNX Runtime's default (one per core), so the two sides are alike.
    torch.set_num_threads(os.cpu_count())
    import make_cellpose_onnx_reference as reference

    torch.manual_seed(17)
    net = cp.resnet_torch.CPnet([2, width, 2 * width, 4 * width, 8 * width], 3, 3, mkldnn=False, max_pool=True, diam_mean=30.0)
    net.eval()
    reference.export(net, torch, os.path.join(out, "model.onnx"))

    rng = np.random.default_rng(0)
    image = rng.random((1, 512, 512, 2), dtype=np.float32)
    image[..., 1] = 0
    padded = reference.StylePadded(net, torch) if 8 * width != 256 else net
    seconds, cpu = [], []
    for run in range(runs + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        with torch.no_grad():
            cp.core.run_net(padded, image, batch_size=8, tile_overlap=0.1, bsize=224)
        if run > 0:
            seconds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    with open(os.path.join(out, "torch.json"), "w") as f:
        json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "seconds": seconds, "cpu_seconds": cpu}, f)


if __name__ == "__main__":
    main()
