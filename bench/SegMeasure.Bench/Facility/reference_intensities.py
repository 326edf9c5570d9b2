#!/usr/bin/python3
"""The reference CLI's `measure intensities` as one whole process: read the label and intensity
TIFFs, run the reference tool's per-region statistics (scikit-image regionprops and numpy), write
the table with pandas. Usage: reference_intensities.py LABELS.tif INTENSITY.tif OUT.csv"""
import sys

import numpy as np
import pandas as pd
import tifffile
from skimage.measure import regionprops

labels = tifffile.imread(sys.argv[1])
intensity = tifffile.imread(sys.argv[2])
rows = []
for region in regionprops(labels, intensity_image=intensity):
    values = region.intensity_image[region.image].astype(float)
    rows.append({
        "index": region.label, "mean_intensity": np.mean(values), "median_intensity": np.median(values),
        "max_intensity": np.max(values), "min_intensity": np.min(values), "std_intensity": np.std(values),
        "percentile_10": np.percentile(values, 10), "percentile_25": np.percentile(values, 25),
        "percentile_75": np.percentile(values, 75), "percentile_90": np.percentile(values, 90),
    })
pd.DataFrame(rows).to_csv(sys.argv[3], index=False)
