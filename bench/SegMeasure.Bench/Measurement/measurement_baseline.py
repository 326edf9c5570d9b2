#!/usr/bin/python3
"""Times the reference tool's measurement functions (scikit-image regionprops based) on the
benchmark images. Usage: measurement_baseline.py TASKS.json RESULT.json

Each task names a measurement and its TIFF inputs. When a task sets "limit", only the first
`limit` regions (cells) are measured and the loop time is extrapolated linearly to all of them
(each region costs about the same; the reference's set-up is timed in full), to keep the run short.
"""
import json
import sys
import time

import numpy as np
import tifffile
from skimage.measure import marching_cubes, mesh_surface_area, perimeter_crofton, regionprops


def intensity_rows(props):
    for region in props:
        values = region.intensity_image[region.image].astype(float)
        yield (region.label, float(np.mean(values)), float(np.median(values)), float(np.max(values)),
               float(np.min(values)), float(np.std(values)), float(np.percentile(values, 10)),
               float(np.percentile(values, 25)), float(np.percentile(values, 75)), float(np.percentile(values, 90)))


def morphology_rows(props, segmentation):
    # The reference with scale 1.0: regionprops' own values need no spacing emulation.
    for region in props:
        row = [region.label, float(region.solidity), float(region.area)]
        if segmentation.ndim == 2:
            row.append(float(perimeter_crofton(region.image)))
        else:
            binary = segmentation == region.label
            padded = np.pad(binary[region.slice], 1)
            verts, faces, _, _ = marching_cubes(padded, level=0.5, spacing=(1.0, 1.0, 1.0))
            row.append(float(mesh_surface_area(verts, faces)))
        row += [float(region.axis_major_length), float(region.axis_minor_length), float(region.equivalent_diameter_area)]
        yield row


def cell_nucleus_rows(cells, nuclei, cell_ids, intensity):
    for cell_id in cell_ids:
        cell_mask = cells == cell_id
        nuc_ids = np.unique(nuclei[cell_mask])
        nuc_ids = nuc_ids[nuc_ids != 0]
        nucleus_mask = (nuclei != 0) & cell_mask
        row = [int(cell_id), len(nuc_ids), float(np.sum(cell_mask)), float(np.sum(nucleus_mask))]
        if intensity is not None:
            for mask in (cell_mask & ~nucleus_mask, nucleus_mask):
                if np.any(mask):
                    v = intensity[mask].astype(float)
                    row += [np.mean(v), np.median(v), np.max(v), np.min(v)] + list(np.percentile(v, [10, 25, 75, 90]))
        yield row


def run(task):
    labels = tifffile.imread(task["labels"])
    intensity = tifffile.imread(task["intensity"]) if task.get("intensity") else None
    limit = task.get("limit")
    start = time.perf_counter()
    cpu_start = time.process_time()
    if task["kind"] == "cell_nucleus":
        nuclei = tifffile.imread(task["nuclei"])
        cell_ids = np.unique(labels)
        cell_ids = cell_ids[cell_ids != 0]
        setup = time.perf_counter() - start
        cpu_setup = time.process_time() - cpu_start
        chosen = cell_ids if limit is None else cell_ids[:limit]
        t0 = time.perf_counter()
        c0 = time.process_time()
        for _ in cell_nucleus_rows(labels, nuclei, chosen, intensity):
            pass
        loop = time.perf_counter() - t0
        cpu_loop = time.process_time() - c0
        total = len(cell_ids)
    else:
        props = regionprops(labels, intensity) if task["kind"] == "intensity" else regionprops(labels)
        setup = time.perf_counter() - start
        cpu_setup = time.process_time() - cpu_start
        chosen = props if limit is None else props[:limit]
        t0 = time.perf_counter()
        c0 = time.process_time()
        rows = intensity_rows(chosen) if task["kind"] == "intensity" else morphology_rows(chosen, labels)
        for _ in rows:
            pass
        loop = time.perf_counter() - t0
        cpu_loop = time.process_time() - c0
        total = len(props)
    measured = len(chosen)
    scale = total / max(1, measured)
    return {"seconds": setup + loop * scale, "cpu_seconds": cpu_setup + cpu_loop * scale,
            "measured": measured, "total": total,
            "extrapolated": measured < total}


def main():
    tasks = json.load(open(sys.argv[1]))
    results = {}
    for task in tasks:
        results[task["name"]] = run(task)
        print(f"baseline {task['name']}: {results[task['name']]['seconds']:.2f} s", file=sys.stderr, flush=True)
    json.dump(results, open(sys.argv[2], "w"), indent=1)


if __name__ == "__main__":
    main()
