"""Only the interpolation constants Cellpose reads as default arguments."""
INTER_NEAREST = 0
INTER_LINEAR = 1
