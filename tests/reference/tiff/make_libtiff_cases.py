"""JPEG- and CCITT-compressed TIFFs as slide scanners and older instruments write them, made by
libtiff's own tiffcp from crops of the real example data, each beside the plain copy
`tiffcp -c none` decodes it to (libtiff's pixels: the expectation for our LibTiff.NET path).
Bilevel sources are written by tifffile from a bool mask (one bit per pixel). Two compressions
tiffcp cannot write are made otherwise: CCITT modified Huffman RLE (2) by Pillow through libtiff's
encoder, and old-style JPEG (6) by wrapping a baseline JPEG stream (Pillow's encoder) in a TIFF
whose JPEGInterchangeFormat tags point at it, as pre-6.0 writers did; libtiff decodes both.

Run from the repository root with Debian 12's /usr/bin/python3 (python3-tifffile 2023.2.3) and
libtiff-tools 4.5 (tiffcp)."""
import os
import subprocess

import struct

import numpy as np
import tifffile
from PIL import Image

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libtiff")
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "real", "segmentation-measurement-tool")


def tiffcp(*args):
    subprocess.run(["tiffcp", *args], check=True)


def old_style_jpeg(path, grey):
    """A little-endian TIFF, one strip, Compression 6 with JPEGInterchangeFormat(Length) over a baseline JFIF stream."""
    jpeg_path = path + ".jpg"
    Image.fromarray(grey).save(jpeg_path, quality=90)
    with open(jpeg_path, "rb") as f:
        jpeg = f.read()
    os.remove(jpeg_path)
    height, width = grey.shape
    entries = [  # tag, type (3 SHORT, 4 LONG), value
        (256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 6), (262, 3, 1),
        (273, 4, None), (277, 3, 1), (278, 4, height), (279, 4, len(jpeg)),
        (513, 4, None), (514, 4, len(jpeg)),
    ]
    ifd_offset = 8
    data_offset = ifd_offset + 2 + 12 * len(entries) + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd_offset))
    out += struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        value = data_offset if value is None else value
        packed = struct.pack("<HI", value, 0)[:4] if kind == 3 else struct.pack("<I", value)
        out += struct.pack("<HHI", tag, kind, 1) + packed
    out += struct.pack("<I", 0)
    out += jpeg
    with open(path, "wb") as f:
        f.write(out)


def main():
    os.makedirs(HERE, exist_ok=True)
    for name in os.listdir(HERE):
        if name.endswith(".tif"):
            os.remove(os.path.join(HERE, name))
    raw = tifffile.imread(os.path.join(DATA, "nuclei.tif"))[40:140, 30:150]
    grey = (raw.astype(np.float64) / raw.max() * 255).astype(np.uint8)
    membrane = tifffile.imread(os.path.join(DATA, "membrane.tif"))[40:140, 30:150]
    membrane = (membrane.astype(np.float64) / membrane.max() * 255).astype(np.uint8)
    rgb = np.stack([grey, membrane, grey // 2 + membrane // 2], axis=-1)
    mask = tifffile.imread(os.path.join(DATA, "nucleus-seg.tif"))[40:140, 30:150] > 0

    sources = {
        "src_grey_u8.tif": (grey, {}),
        "src_rgb_u8.tif": (rgb, {"photometric": "rgb"}),
        "src_mask_1bit.tif": (mask, {}),
    }
    for name, (array, kwargs) in sources.items():
        tifffile.imwrite(os.path.join(HERE, name), array, metadata=None, **kwargs)

    cases = {
        # output: (source, tiffcp arguments)
        "grey_jpeg.tif": ("src_grey_u8.tif", ["-c", "jpeg", "-r", "16"]),
        "grey_jpeg_q50_tiled.tif": ("src_grey_u8.tif", ["-c", "jpeg:50", "-t", "-w", "64", "-l", "64"]),
        "rgb_jpeg_ycbcr.tif": ("src_rgb_u8.tif", ["-c", "jpeg", "-r", "16"]),
        "rgb_jpeg_raw_rgb.tif": ("src_rgb_u8.tif", ["-c", "jpeg:r", "-r", "16"]),
        "mask_g4.tif": ("src_mask_1bit.tif", ["-c", "g4"]),
        "mask_g3_1d.tif": ("src_mask_1bit.tif", ["-c", "g3:1d"]),
        "mask_g3_2d.tif": ("src_mask_1bit.tif", ["-c", "g3:2d:fill"]),
        "mask_g4_tiled.tif": ("src_mask_1bit.tif", ["-c", "g4", "-t", "-w", "64", "-l", "64"]),
    }
    for name, (source, args) in cases.items():
        out = os.path.join(HERE, name)
        tiffcp(*args, os.path.join(HERE, source), out)
        tiffcp("-c", "none", out, os.path.join(HERE, name.replace(".tif", ".none.tif")))

    made_otherwise = {
        "mask_ccitt_rle.tif": lambda out: Image.fromarray(mask).convert("1").save(out, compression="tiff_ccitt"),
        "grey_old_jpeg.tif": lambda out: old_style_jpeg(out, grey),
    }
    for name, make in made_otherwise.items():
        out = os.path.join(HERE, name)
        make(out)
        tiffcp("-c", "none", out, os.path.join(HERE, name.replace(".tif", ".none.tif")))


if __name__ == "__main__":
    main()
