"""Imports Cellpose's own modules from a local copy of its public source, for the generators only.

Cellpose is not packaged by Debian and is never committed here. Fetch its source (version 3,
the committed outputs used tag v3.1.1.2 of github.com/MouseLand/cellpose), then pass the folder that contains
the ``cellpose`` package as the first argument of a generator. ``cellpose_shims`` stands in for
the few packages Debian lacks; Cellpose's file-reading and plotting modules are not needed and
are replaced by empty modules.
"""
import hashlib
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))


def load(source_root):
    if not os.path.isdir(os.path.join(source_root, "cellpose")):
        raise SystemExit(f"{source_root}: no cellpose package folder there (pass the folder that contains cellpose/)")
    # Last on the path: a real package (python3-opencv's cv2) wins over its stand-in.
    sys.path.append(os.path.join(HERE, "cellpose_shims"))
    sys.path.insert(0, source_root)
    for name in ("cellpose.io", "cellpose.plot"):
        sys.modules[name] = types.ModuleType(name)
    import cellpose
    cellpose.io = sys.modules["cellpose.io"]
    cellpose.plot = sys.modules["cellpose.plot"]
    from cellpose import core, dynamics, resnet_torch, transforms, version
    # Debian's torch 1.13 indexes only with int64 tensors; Cellpose 3 passes the end points as
    # int32 (values unchanged by the widening).
    get_masks_torch = dynamics.get_masks_torch
    dynamics.get_masks_torch = lambda pt, *args, **kwargs: get_masks_torch(pt.long(), *args, **kwargs)
    # The package is not installed, so its version is unknown to it: the files themselves identify
    # the source (v3.1.1.2 was used for the committed outputs).
    used = ("core.py", "dynamics.py", "metrics.py", "resnet_torch.py", "transforms.py", "utils.py")
    digests = {name: hashlib.sha256(open(os.path.join(source_root, "cellpose", name), "rb").read()).hexdigest()[:16] for name in used}
    return types.SimpleNamespace(core=core, dynamics=dynamics, resnet_torch=resnet_torch,
                                 transforms=transforms, version={"package": getattr(version, "version", "?"), "sha256_16": digests})
