"""Baseline for the random forest benchmark: writes the data set and times scikit-learn on it.

usage: random_forest_baseline.py OUT_DIR ROWS FEATURES TREES
Writes OUT_DIR/data.bin (float64 rows, then int32 labels) unless it exists, fits once and prints
JSON timings. The caller alternates these runs with its own, so both see the same machine load.
scikit-learn runs with n_jobs=1 (one core) so it is compared with our single-threaded run.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

out, rows, features, trees = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
X, y = make_classification(n_samples=rows, n_features=features, n_informative=features // 2, n_redundant=features // 4,
                           n_classes=3, random_state=0)
data = os.path.join(out, "data.bin")
if not os.path.exists(data):
    with open(data, "wb") as f:
        f.write(np.ascontiguousarray(X, dtype="<f8").tobytes())
        f.write(np.ascontiguousarray(y, dtype="<i4").tobytes())

Xs = StandardScaler().fit_transform(X)
t, c = time.perf_counter(), time.process_time()
model = RandomForestClassifier(n_estimators=trees, n_jobs=1, random_state=0).fit(Xs, y)
forest, forest_cpu = time.perf_counter() - t, time.process_time() - c
accuracy = float(model.score(Xs[: rows // 10], y[: rows // 10]))
t, c = time.perf_counter(), time.process_time()
LogisticRegression(C=1.0, max_iter=1000).fit(Xs, y)
logistic, logistic_cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"sklearn": sklearn.__version__, "forest": forest, "forest_cpu": forest_cpu, "logistic": logistic,
                  "logistic_cpu": logistic_cpu, "forest_train_accuracy_first_tenth": accuracy}))
