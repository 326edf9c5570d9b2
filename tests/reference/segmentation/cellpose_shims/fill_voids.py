"""scipy stand-in for fill_voids.fill: fill holes of a binary mask."""
from scipy.ndimage import binary_fill_holes


def fill(mask, in_place=False, return_fill_count=False):
    return binary_fill_holes(mask)
