"""Zarr v2 / OME-Zarr 0.4 reference stores written by Debian 12's python3-zarr 2.13 and
python3-numcodecs 0.11 from crops of the real example data: every chunk codec SegMeasure reads
(none, zlib, gzip, zstd, blosc with lz4/zstd/zlib/blosclz and no/byte/bit shuffle), both memory
orders, edge chunks, a missing chunk read as fill_value, "/" chunk keys, uint8 to float64 and
bool; OME-Zarr images with two levels, axes, units and scale, a label image under labels/,
and a small HCS plate. The same labels are also written as ImageJ TIFFs by tifffile, for
comparing measurements. expected.json records what zarr reads back.

Run from the repository root with /usr/bin/python3."""
import hashlib
import json
import os
import shutil

import numcodecs
import numpy as np
import tifffile
import zarr

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "..", "data", "real")


def sha(a):
    a = np.ascontiguousarray(a)
    if a.dtype == bool:
        a = a.astype(np.uint8)
    return hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()


def fresh(name):
    path = os.path.join(HERE, name)
    if os.path.exists(path):
        shutil.rmtree(path)
    return path


def codec_cases(expected):
    labels2d = tifffile.imread(os.path.join(REAL, "segmentation-measurement-tool", "nucleus-seg.tif"))[40:77, 30:75]
    raw2d = tifffile.imread(os.path.join(REAL, "segmentation-measurement-tool", "nuclei.tif"))[40:77, 30:75]
    vol = tifffile.imread(os.path.join(REAL, "stardist", "synthetic_mask3d.tif"))[5:12, 10:33, 8:37]
    compressors = {
        "none": None,
        "zlib": numcodecs.Zlib(level=5),
        "gzip": numcodecs.GZip(level=5),
        "zstd": numcodecs.Zstd(level=3),
        "blosc_lz4_shuffle": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
        "blosc_lz4hc_noshuffle": numcodecs.Blosc(cname="lz4hc", clevel=5, shuffle=numcodecs.Blosc.NOSHUFFLE),
        "blosc_zstd_bitshuffle": numcodecs.Blosc(cname="zstd", clevel=5, shuffle=numcodecs.Blosc.BITSHUFFLE),
        "blosc_zlib_shuffle": numcodecs.Blosc(cname="zlib", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
        "blosc_blosclz_shuffle": numcodecs.Blosc(cname="blosclz", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE),
        "blosc_blosclz_bitshuffle": numcodecs.Blosc(cname="blosclz", clevel=9, shuffle=numcodecs.Blosc.BITSHUFFLE),
        "blosc_lz4_shuffle_smallblocks": numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE, blocksize=256),
    }
    arrays = {
        "u8": labels2d.astype(np.uint8),
        "i16": (raw2d.astype(np.int32) - 30000).astype(np.int16),
        "u16": raw2d.astype(np.uint16),
        "u32": (labels2d.astype(np.uint32) * 100003),
        "i64": labels2d.astype(np.int64) - 3,
        "f32": raw2d.astype(np.float32) / 7.0,
        "f64": raw2d.astype(np.float64) / 3.0,
        "bool": labels2d > 0,
        "u16_3d": vol.astype(np.uint16),
    }
    plan = [(c, t, o) for c in compressors for t, o in [("u16", "C"), ("u16_3d", "C")]]
    plan += [(c, t, "F") for c in ["none", "zstd", "blosc_lz4_shuffle", "blosc_blosclz_bitshuffle"] for t in ["u16", "u16_3d"]]
    plan += [(c, t, "C") for c in ["zlib", "blosc_lz4_shuffle", "blosc_zstd_bitshuffle", "blosc_blosclz_shuffle"] for t in ["u8", "i16", "u32", "i64", "f32", "f64", "bool"]]
    plan += [("zstd", ">u2", "C"), ("blosc_lz4_shuffle", ">f8", "C")]
    for codec, kind, order in plan:
        if kind.startswith(">"):
            source = arrays["u16"] if kind == ">u2" else arrays["f64"]
            data = source.astype(kind)
            tag = "be_" + ("u16" if kind == ">u2" else "f64")
        else:
            data = arrays[kind]
            tag = kind
        name = f"codec_{codec}_{tag}_{order}.zarr"
        chunks = (3, 10, 12) if data.ndim == 3 else (16, 20)  # edge chunks on every axis
        z = zarr.open(fresh(name), mode="w", shape=data.shape, chunks=chunks, dtype=data.dtype, compressor=compressors[codec], order=order)
        z[...] = data
        back = zarr.open(os.path.join(HERE, name), mode="r")[...]
        assert np.array_equal(back, data)
        expected[name] = {"shape": list(data.shape), "dtype": str(np.dtype(data.dtype).newbyteorder("=")) if data.dtype != bool else "bool", "sha256": sha(back)}

    # fill_value: a chunk never written is the fill value; "/" chunk keys
    data = np.full((30, 40), 7, dtype=np.uint16)
    data[:16, :20] = arrays["u16"][:16, :20]
    z = zarr.open(fresh("fill_value_missing_chunks.zarr"), mode="w", shape=data.shape, chunks=(16, 20), dtype="u2", fill_value=7,
                  compressor=numcodecs.Zstd(), dimension_separator="/", write_empty_chunks=False)
    z[:16, :20] = data[:16, :20]
    back = zarr.open(os.path.join(HERE, "fill_value_missing_chunks.zarr"), mode="r")[...]
    assert np.array_equal(back, data)
    expected["fill_value_missing_chunks.zarr"] = {"shape": list(data.shape), "dtype": "uint16", "sha256": sha(back)}
    data = np.full((20, 20), np.nan, dtype=np.float32)
    data[:10, :10] = 1.5
    z = zarr.open(fresh("fill_value_nan.zarr"), mode="w", shape=data.shape, chunks=(10, 10), dtype="f4", fill_value=np.nan, write_empty_chunks=False)
    z[:10, :10] = data[:10, :10]
    expected["fill_value_nan.zarr"] = {"shape": [20, 20], "dtype": "float32", "sha256": sha(zarr.open(os.path.join(HERE, "fill_value_nan.zarr"), mode="r")[...])}


def write_multiscale(group, levels, axes, scales, compressor, chunks):
    datasets = []
    for i, (level, scale) in enumerate(zip(levels, scales)):
        group.create_dataset(str(i), data=level, chunks=chunks, compressor=compressor)
        datasets.append({"path": str(i), "coordinateTransformations": [{"type": "scale", "scale": scale}]})
    group.attrs["multiscales"] = [{"version": "0.4", "name": "image", "axes": axes, "datasets": datasets}]


def ome_cases(expected):
    # 2D: raw image, its nucleus labels under labels/nuclei; the same labels as an ImageJ TIFF
    raw = tifffile.imread(os.path.join(REAL, "segmentation-measurement-tool", "nuclei.tif"))[20:120, 10:130]
    labels = tifffile.imread(os.path.join(REAL, "segmentation-measurement-tool", "nucleus-seg.tif"))[20:120, 10:130].astype(np.uint16)
    yx = [{"name": "y", "type": "space", "unit": "micrometer"}, {"name": "x", "type": "space", "unit": "micrometer"}]
    root = zarr.open_group(fresh("nuclei_2d.ome.zarr"), mode="w")
    write_multiscale(root, [raw, raw[::2, ::2]], yx, [[0.5, 0.5], [1.0, 1.0]], numcodecs.Blosc(cname="lz4", shuffle=numcodecs.Blosc.SHUFFLE), (32, 48))
    lab = root.create_group("labels")
    lab.attrs["labels"] = ["nuclei"]
    nuclei = lab.create_group("nuclei")
    write_multiscale(nuclei, [labels, labels[::2, ::2]], yx, [[0.5, 0.5], [1.0, 1.0]], numcodecs.Zstd(), (32, 48))
    nuclei.attrs["image-label"] = {"version": "0.4", "colors": [{"label-value": 1, "rgba": [255, 0, 0, 255]}], "source": {"image": "../../"}}
    tifffile.imwrite(os.path.join(HERE, "nuclei_2d_labels.tif"), labels, imagej=True, resolution=(2.0, 2.0), metadata={"unit": "um"}, compression="zlib")
    expected["nuclei_2d.ome.zarr"] = {"shape": list(raw.shape), "axes": "YX", "dtype": "uint16", "sha256": sha(raw), "scale": [0.5, 0.5], "unit": "micron"}
    expected["nuclei_2d.ome.zarr/1"] = {"shape": list(raw[::2, ::2].shape), "axes": "YX", "dtype": "uint16", "sha256": sha(raw[::2, ::2]), "scale": [1.0, 1.0], "unit": "micron"}
    expected["nuclei_2d.ome.zarr/labels/nuclei"] = {"shape": list(labels.shape), "axes": "YX", "dtype": "uint16", "sha256": sha(labels), "scale": [0.5, 0.5], "unit": "micron"}

    # 3D labels with anisotropic scale and a global scale, tczyx as bioformats2raw writes it (t = c = 1)
    vol = tifffile.imread(os.path.join(REAL, "stardist", "synthetic_mask3d.tif"))[:, 5:50, 3:50].astype(np.uint16)
    tczyx = [{"name": "t", "type": "time", "unit": "second"}, {"name": "c", "type": "channel"},
             {"name": "z", "type": "space", "unit": "micrometer"}, {"name": "y", "type": "space", "unit": "micrometer"},
             {"name": "x", "type": "space", "unit": "micrometer"}]
    root = zarr.open_group(fresh("nuclei_3d.ome.zarr"), mode="w")
    write_multiscale(root, [vol[None, None]], tczyx, [[1.0, 1.0, 1.0, 0.25, 0.25]], numcodecs.Blosc(cname="zstd", shuffle=numcodecs.Blosc.BITSHUFFLE), (1, 1, 8, 20, 20))
    ms = root.attrs["multiscales"]
    ms[0]["coordinateTransformations"] = [{"type": "scale", "scale": [1.0, 1.0, 2.0, 2.0, 2.0]}]
    root.attrs["multiscales"] = ms
    tifffile.imwrite(os.path.join(HERE, "nuclei_3d_labels.tif"), vol, imagej=True, resolution=(2.0, 2.0), metadata={"unit": "um", "spacing": 2.0, "axes": "ZYX"}, compression="zlib")
    expected["nuclei_3d.ome.zarr"] = {"shape": list(vol[None, None].shape), "axes": "TCZYX", "dtype": "uint16", "sha256": sha(vol), "scale": [2.0, 0.5, 0.5], "unit": "micron"}

    # HCS plate: rows A-B, columns 1-2, one field each
    plate = zarr.open_group(fresh("plate.ome.zarr"), mode="w")
    wells = []
    for row in "AB":
        for col in ["1", "2"]:
            well = plate.require_group(row).require_group(col)
            well.attrs["well"] = {"images": [{"path": "0"}], "version": "0.4"}
            field = well.require_group("0")
            data = (labels[: 40, : 50] * (1 + (ord(row) - 65) * 2 + int(col) - 1)).astype(np.uint16)
            write_multiscale(field, [data], yx, [[0.5, 0.5]], numcodecs.GZip(), (20, 25))
            wells.append({"path": f"{row}/{col}", "rowIndex": ord(row) - 65, "columnIndex": int(col) - 1})
            expected[f"plate.ome.zarr/{row}/{col}/0"] = {"shape": [40, 50], "axes": "YX", "dtype": "uint16", "sha256": sha(data), "scale": [0.5, 0.5], "unit": "micron"}
    plate.attrs["plate"] = {"version": "0.4", "rows": [{"name": "A"}, {"name": "B"}], "columns": [{"name": "1"}, {"name": "2"}], "wells": wells, "field_count": 1}


def main():
    expected = {}
    codec_cases(expected)
    ome_cases(expected)
    with open(os.path.join(HERE, "expected_v2.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
