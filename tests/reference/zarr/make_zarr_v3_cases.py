"""Zarr v3 / OME-Zarr 0.5 reference stores built by hand from the Zarr v3 specification (no v3
writer is packaged for Debian 12): zarr.json documents and chunk files written byte by byte
with numpy, zlib/gzip and numcodecs' zstd and blosc compressors. Covers the default and v2
chunk key encodings, transpose (F order), big-endian bytes, gzip, zstd, blosc, and
sharding_indexed with the index at the end or the start, a CRC-32C on the index, empty inner
chunks and edge shards. expected_v3.json records the arrays, and for each shard the index
entries (offset, length) and the CRC this script computed, for a byte-level check.

Run from the repository root with /usr/bin/python3 (python3-numpy, python3-numcodecs, python3-tifffile)."""
import gzip
import hashlib
import json
import os
import shutil
import struct

import numcodecs
import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = os.path.join(HERE, "..", "..", "data", "real")
EMPTY = 2**64 - 1


def crc32c(data):
    # bitwise CRC-32C (reflected polynomial 0x82F63B78), independent of any table
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def sha(a):
    a = np.ascontiguousarray(a)
    return hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()


def fresh(name):
    path = os.path.join(HERE, name)
    if os.path.exists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    return path


def write_json(path, doc):
    with open(os.path.join(path, "zarr.json"), "w") as f:
        json.dump(doc, f, indent=1)


def compress(data, codecs):
    for codec in codecs:
        name = codec["name"]
        if name == "gzip":
            data = gzip.compress(data, compresslevel=5, mtime=0)
        elif name == "zstd":
            data = numcodecs.Zstd(level=3).encode(data)
        elif name == "blosc":
            c = codec["configuration"]
            shuffle = {"noshuffle": 0, "shuffle": 1, "bitshuffle": 2}[c["shuffle"]]
            data = bytes(numcodecs.Blosc(cname=c["cname"], clevel=c["clevel"], shuffle=shuffle, blocksize=c.get("blocksize", 0)).encode(np.frombuffer(data, dtype=np.uint8).view(f"u{c['typesize']}") if c["typesize"] in (1, 2, 4, 8) else data))
        elif name == "crc32c":
            data = data + struct.pack("<I", crc32c(data))
        else:
            raise ValueError(name)
    return bytes(data)


def chunk_bytes(block, fortran, big):
    dtype = block.dtype.newbyteorder(">" if big else "<")
    return np.asarray(block, dtype=dtype).tobytes(order="F" if fortran else "C")


def padded(data, origin, shape, fill):
    block = np.full(shape, fill, dtype=data.dtype)
    region = tuple(slice(o, max(o, min(o + s, n))) for o, s, n in zip(origin, shape, data.shape))
    block[tuple(slice(0, r.stop - r.start) for r in region)] = data[region]
    return block


def grid(shape, chunks):
    return [(n + c - 1) // c for n, c in zip(shape, chunks)]


def indices(g):
    return [tuple(i) for i in np.ndindex(*g)]


def key(index, encoding):
    if encoding == "default":
        return "c/" + "/".join(map(str, index))
    return ".".join(map(str, index))


def write_array(path, data, chunks, codecs, fill=0, encoding="default", fortran=False, big=False, dimension_names=None):
    """A plain (unsharded) v3 array."""
    os.makedirs(path, exist_ok=True)
    doc = {"zarr_format": 3, "node_type": "array", "shape": list(data.shape), "data_type": str(data.dtype),
           "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(chunks)}},
           "chunk_key_encoding": {"name": encoding, "configuration": {"separator": "/" if encoding == "default" else "."}},
           "fill_value": fill, "codecs": ([{"name": "transpose", "configuration": {"order": list(range(data.ndim))[::-1]}}] if fortran else [])
           + [{"name": "bytes", "configuration": {"endian": "big" if big else "little"}}] + codecs, "attributes": {}}
    if dimension_names:
        doc["dimension_names"] = dimension_names
    write_json(path, doc)
    for index in indices(grid(data.shape, chunks)):
        block = padded(data, [i * c for i, c in zip(index, chunks)], chunks, fill)
        if np.all(block == fill):
            continue  # absent chunk = fill value
        target = os.path.join(path, *key(index, encoding).split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(compress(chunk_bytes(block, fortran, big), codecs))


def write_sharded(path, data, shard, inner, codecs, fill=0, at_end=True):
    """A v3 array of shards, each holding inner chunks and an index of (offset, length) pairs."""
    os.makedirs(path, exist_ok=True)
    index_codecs = [{"name": "bytes", "configuration": {"endian": "little"}}, {"name": "crc32c"}]
    write_json(path, {"zarr_format": 3, "node_type": "array", "shape": list(data.shape), "data_type": str(data.dtype),
                      "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(shard)}},
                      "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
                      "fill_value": fill,
                      "codecs": [{"name": "sharding_indexed", "configuration": {
                          "chunk_shape": list(inner),
                          "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}] + codecs,
                          "index_codecs": index_codecs,
                          "index_location": "end" if at_end else "start"}}],
                      "attributes": {}})
    inner_grid = [s // i for s, i in zip(shard, inner)]
    n = int(np.prod(inner_grid))
    index_length = 16 * n + 4
    shards = {}
    for sindex in indices(grid(data.shape, shard)):
        sorigin = [i * s for i, s in zip(sindex, shard)]
        pieces, entries = [], []
        position = 0 if at_end else index_length
        for iindex in indices(inner_grid):
            block = padded(data, [o + i * c for o, i, c in zip(sorigin, iindex, inner)], inner, fill)
            if np.all(block == fill):
                entries.append((EMPTY, EMPTY))
                continue
            encoded = compress(chunk_bytes(block, False, False), codecs)
            entries.append((position, len(encoded)))
            pieces.append(encoded)
            position += len(encoded)
        if all(e == (EMPTY, EMPTY) for e in entries):
            continue  # an empty shard is absent
        raw_index = b"".join(struct.pack("<QQ", o, l) for o, l in entries)
        checksum = crc32c(raw_index)
        index = raw_index + struct.pack("<I", checksum)
        body = b"".join(pieces)
        content = body + index if at_end else index + body
        target = os.path.join(path, "c", *map(str, sindex))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(content)
        shards["c/" + "/".join(map(str, sindex))] = {"entries": [list(e) for e in entries], "crc32c": checksum, "length": len(content)}
    return shards


def ome_group(path, axes, datasets, extra=None):
    attributes = {"ome": {"version": "0.5", "multiscales": [{"name": "image", "axes": axes, "datasets": datasets}]}}
    if extra:
        attributes["ome"].update(extra)
    write_json(path, {"zarr_format": 3, "node_type": "group", "attributes": attributes})


def main():
    expected = {}
    vol = tifffile.imread(os.path.join(REAL, "stardist", "synthetic_mask3d.tif"))[:, 5:50, 3:50].astype(np.uint16)
    raw = tifffile.imread(os.path.join(REAL, "segmentation-measurement-tool", "nuclei.tif"))[20:120, 10:130]
    labels2d = tifffile.imread(os.path.join(REAL, "segmentation-measurement-tool", "nucleus-seg.tif"))[20:120, 10:130].astype(np.uint16)
    zyx = [{"name": n, "type": "space", "unit": "micrometer"} for n in "zyx"]
    yx = zyx[1:]

    # OME-Zarr 0.5 volume: sharded level 0 (index at the end), unsharded level 1 (blosc)
    root = fresh("nuclei_3d_v3.ome.zarr")
    shards = write_sharded(os.path.join(root, "0"), vol, (16, 32, 32), (8, 16, 16), [{"name": "gzip", "configuration": {"level": 5}}])
    level1 = vol[:, ::2, ::2]
    write_array(os.path.join(root, "1"), level1, (8, 16, 16), [{"name": "blosc", "configuration": {"cname": "lz4", "clevel": 5, "shuffle": "shuffle", "typesize": 2, "blocksize": 0}}])
    ome_group(root, zyx, [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [2.0, 0.5, 0.5]}]},
                          {"path": "1", "coordinateTransformations": [{"type": "scale", "scale": [2.0, 1.0, 1.0]}]}])
    expected["nuclei_3d_v3.ome.zarr"] = {"shape": list(vol.shape), "axes": "ZYX", "dtype": "uint16", "sha256": sha(vol), "scale": [2.0, 0.5, 0.5], "unit": "micron", "shards": shards}
    expected["nuclei_3d_v3.ome.zarr/1"] = {"shape": list(level1.shape), "axes": "ZYX", "dtype": "uint16", "sha256": sha(level1), "scale": [2.0, 1.0, 1.0], "unit": "micron"}

    # 2D image with labels/<name>: the image unsharded zstd, the labels sharded with the index first
    root = fresh("nuclei_2d_v3.ome.zarr")
    write_array(os.path.join(root, "0"), raw, (32, 48), [{"name": "zstd", "configuration": {"level": 3, "checksum": False}}])
    ome_group(root, yx, [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [0.5, 0.5]}]}])
    labels_group = os.path.join(root, "labels")
    os.makedirs(labels_group)
    write_json(labels_group, {"zarr_format": 3, "node_type": "group", "attributes": {"ome": {"version": "0.5", "labels": ["nuclei"]}}})
    nuclei = os.path.join(labels_group, "nuclei")
    os.makedirs(nuclei)
    label_shards = write_sharded(os.path.join(nuclei, "0"), labels2d, (64, 64), (32, 32), [{"name": "zstd", "configuration": {"level": 3, "checksum": False}}], at_end=False)
    ome_group(nuclei, yx, [{"path": "0", "coordinateTransformations": [{"type": "scale", "scale": [0.5, 0.5]}]}],
              {"image-label": {"version": "0.5", "source": {"image": "../../"}}})
    expected["nuclei_2d_v3.ome.zarr"] = {"shape": list(raw.shape), "axes": "YX", "dtype": "uint16", "sha256": sha(raw), "scale": [0.5, 0.5], "unit": "micron"}
    expected["nuclei_2d_v3.ome.zarr/labels/nuclei"] = {"shape": list(labels2d.shape), "axes": "YX", "dtype": "uint16", "sha256": sha(labels2d), "scale": [0.5, 0.5], "unit": "micron", "shards": label_shards}

    # plain v3 arrays: F order + big endian + gzip with v2 chunk keys; fill value with absent chunks; blosc bitshuffle float
    f = raw[:37, :45].astype(np.int32) - 20000
    write_array(fresh("v3_fortran_bigendian_v2keys.zarr"), f, (16, 20), [{"name": "gzip", "configuration": {"level": 1}}], encoding="v2", fortran=True, big=True, dimension_names=["y", "x"])
    expected["v3_fortran_bigendian_v2keys.zarr"] = {"shape": list(f.shape), "dtype": "int32", "sha256": sha(f)}
    g = np.full((30, 40), 9, dtype=np.uint8)
    g[:15, :20] = (labels2d[:15, :20] % 250).astype(np.uint8)
    write_array(fresh("v3_fill_value.zarr"), g, (15, 20), [], fill=9)
    expected["v3_fill_value.zarr"] = {"shape": list(g.shape), "dtype": "uint8", "sha256": sha(g)}
    h = raw[:40, :50].astype(np.float64) / 3
    write_array(fresh("v3_blosc_bitshuffle_f64.zarr"), h, (16, 16), [{"name": "blosc", "configuration": {"cname": "zstd", "clevel": 5, "shuffle": "bitshuffle", "typesize": 8, "blocksize": 0}}])
    expected["v3_blosc_bitshuffle_f64.zarr"] = {"shape": list(h.shape), "dtype": "float64", "sha256": sha(h)}

    with open(os.path.join(HERE, "expected_v3.json"), "w") as out:
        json.dump(expected, out, indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
