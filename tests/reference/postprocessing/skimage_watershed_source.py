"""scikit-image's current watershed, built from a local copy of its public source, for the generators only.

Debian packages scikit-image 0.19.3. Since 0.25.2 (#7071, #7702) scikit-image's watershed gives a
pixel entering the queue at least the cost of the pixel it came from (the flood never descends);
0.19 lets it enter at its own value. SegMeasure follows the current release, so its references
come from that release's own code: fetch scikit-image's source at tag v0.26.0 (github.com/
scikit-image/scikit-image) and pass the folder that contains ``src/skimage`` (or ``skimage``).

``load(source_root)`` compiles that release's ``_watershed_cy.pyx`` (with its heap ``.pxi`` files and
the fused types it cimports) with Debian's ``cython3`` and ``gcc`` into a temporary folder, and runs
that release's ``_watershed.py`` on top of it, its other helpers (connectivity, padding, crop)
coming from Debian's scikit-image, which has them unchanged. None of scikit-image's code is
committed here. Needs ``cython3``, ``python3-dev`` and ``gcc``.
"""
import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import types

import numpy as np

_FILES = ("segmentation/_watershed_cy.pyx", "segmentation/heap_watershed.pxi",
          "segmentation/heap_general.pxi", "segmentation/_watershed.py", "_shared/fused_numerics.pxd")


def _package_root(source_root):
    for candidate in (os.path.join(source_root, "src", "skimage"), os.path.join(source_root, "skimage")):
        if os.path.isfile(os.path.join(candidate, "segmentation", "_watershed_cy.pyx")):
            return candidate
    raise SystemExit(f"{source_root}: no skimage/segmentation/_watershed_cy.pyx there (pass the folder that contains src/skimage)")


def load(source_root):
    """Returns (watershed, digests): the release's ``watershed`` function and the SHA-256 (first 16 hex) of the files used."""
    package = _package_root(source_root)
    digests = {name: hashlib.sha256(open(os.path.join(package, name), "rb").read()).hexdigest()[:16] for name in _FILES}

    build = tempfile.mkdtemp(prefix="skimage-watershed-")
    # A package named like the original, so the .pyx file's relative cimport resolves.
    tree = os.path.join(build, "skimage_current")
    for name in _FILES:
        os.makedirs(os.path.dirname(os.path.join(tree, name)), exist_ok=True)
        shutil.copy(os.path.join(package, name), os.path.join(tree, name))
    for folder in ("", "segmentation", "_shared"):
        open(os.path.join(tree, folder, "__init__.py"), "w").close()
    pyx = os.path.join(tree, "segmentation", "_watershed_cy.pyx")
    subprocess.run(["cython3", "-3", "--fast-fail", "-I", build, pyx], check=True, cwd=build)
    library = os.path.join(tree, "segmentation", "_watershed_cy" + sysconfig.get_config_var("EXT_SUFFIX"))
    subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-w", f"-I{sysconfig.get_paths()['include']}", f"-I{np.get_include()}",
                    pyx[:-4] + ".c", "-o", library], check=True)

    spec = importlib.util.spec_from_file_location("skimage_current.segmentation._watershed_cy", library)
    cy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cy)

    # The release's Python wrapper, its relative imports resolved in Debian's scikit-image,
    # except the compiled core, which is the one just built.
    import skimage.segmentation  # noqa: F401  (the package the wrapper's relative imports refer to)
    source = open(os.path.join(package, "segmentation", "_watershed.py")).read()
    if "from . import _watershed_cy\n" not in source:
        raise SystemExit("this scikit-image release imports its watershed core differently; update skimage_watershed_source.py")
    source = source.replace("from . import _watershed_cy\n", "")
    module = types.ModuleType("skimage.segmentation._watershed_current")
    module.__package__ = "skimage.segmentation"
    module._watershed_cy = cy
    exec(compile(source, "_watershed.py (scikit-image source)", "exec"), module.__dict__)
    shutil.rmtree(build, ignore_errors=True)
    return module.watershed, digests


if __name__ == "__main__":
    watershed, digests = load(sys.argv[1])
    # A pixel below the seed it is reached from: 0.19 floods it at its own value, the current release at the seed's.
    print(watershed(np.array([[5, 0, 9, 1, 5]], float), np.array([[1, 0, 0, 0, 2]], np.int32)).tolist(), digests)
