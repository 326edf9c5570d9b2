"""Reference results of merge_tables (the Python tool's definition: successive pandas outer
merges on the key, then sorted by key) for the merge tests.

Writes merge/<case>/input_<n>.csv and merge/<case>/expected.csv. Run with Debian's
/usr/bin/python3 (pandas); the tests read the committed files.
"""
import os
import sys
from functools import reduce

import numpy as np
import pandas as pd


def merge_tables(tables, on="index"):
    merged = reduce(lambda left, right: pd.merge(left, right, on=on, how="outer"), tables)
    return merged.sort_values(on).reset_index(drop=True)


cases = {
    # Labels present in only some tables; the second table lists its rows in reverse order.
    "partial_overlap": [
        pd.DataFrame({"index": [1, 2, 3, 5], "mean_intensity": [10.5, 20.25, 30.0, 50.125], "max_intensity": [12, 25, 31, 60]}),
        pd.DataFrame({"index": [6, 5, 3, 2], "area": [60.0, 50.0, 30.0, 20.0], "perimeter": [6.5, 5.5, np.nan, 2.5]}),
    ],
    # Three tables, key not in the first position of the first table, a text column.
    "three_tables": [
        pd.DataFrame({"area": [4.0, 1.0, 9.0], "index": [2, 1, 3]}),
        pd.DataFrame({"index": [3, 4], "category_name": ["large", "huge"]}),
        pd.DataFrame({"index": [1, 4, 2], "n_nuclei": [1, 0, 2]}),
    ],
    # An empty table (header only) contributes its columns and no rows.
    "empty_table": [
        pd.DataFrame({"index": [2, 1], "area": [0.5, 1e-300]}),
        pd.DataFrame({"index": pd.Series([], dtype="int64"), "solidity": pd.Series([], dtype="float64")}),
    ],
}

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "merge")
for name, tables in cases.items():
    folder = os.path.join(root, name)
    os.makedirs(folder, exist_ok=True)
    for i, table in enumerate(tables, start=1):
        table.to_csv(os.path.join(folder, f"input_{i}.csv"), index=False)
    # Merge what was written, as the tool reads files.
    read = [pd.read_csv(os.path.join(folder, f"input_{i}.csv")) for i in range(1, len(tables) + 1)]
    merge_tables(read).to_csv(os.path.join(folder, "expected.csv"), index=False)
print("pandas", pd.__version__, file=sys.stderr)
