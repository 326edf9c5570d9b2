"""Reference outputs for the classifiers and embeddings, from scikit-learn.

Run with Debian's Python (scikit-learn 1.2.1, scikit-image 0.19.3):
    /usr/bin/python3 tests/reference/analysis/make_classifier_reference.py
Writes tests/reference/analysis/classifier/*: the input tables (CSV) and what scikit-learn
computes on them (CSV/JSON). The tests read these files; they do not need Python.
"""
import json
import os
import re
import warnings

import numpy as np
import pandas as pd
import sklearn
import skimage
import tifffile
from skimage.measure import regionprops_table
from sklearn import datasets
from sklearn.decomposition import PCA
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.manifold import TSNE, trustworthiness
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(HERE, "classifier")
FOLDS = 5


def clean(name):
    return re.sub(r"[^0-9A-Za-z]+", "_", name).strip("_").lower()


def maize_table():
    """Region measurements of the maize CLSM cells; classes are tertiles of mean intensity,
    which is itself left out of the features (so the task is not trivial)."""
    base = os.path.join(REPO, "tests", "data", "real", "bioimageanalysisnotebooks")
    labels = tifffile.imread(os.path.join(base, "maize_clsm_labels.tif"))
    raw = tifffile.imread(os.path.join(base, "maize_clsm.tif"))
    props = regionprops_table(
        labels, intensity_image=raw,
        properties=("label", "area", "perimeter", "eccentricity", "solidity", "extent",
                    "major_axis_length", "minor_axis_length", "min_intensity", "max_intensity",
                    "mean_intensity"))
    df = pd.DataFrame(props)
    tertile = pd.qcut(df["mean_intensity"], 3, labels=False).astype(int) + 1
    features = df.drop(columns=["label", "mean_intensity"])
    return features, tertile.to_numpy(), df["label"].to_numpy()


def load_sets():
    sets = {}
    for name, loader in (("iris", datasets.load_iris), ("wine", datasets.load_wine),
                         ("breast_cancer", datasets.load_breast_cancer)):
        bunch = loader()
        features = pd.DataFrame(bunch.data, columns=[clean(c) for c in bunch.feature_names])
        sets[name] = (features, bunch.target.astype(int) + 1, np.arange(1, len(features) + 1))
    sets["maize"] = maize_table()
    return sets


def classifier_reference(name, features, y, index, summary):
    folds = np.zeros(len(y), dtype=int)
    for k, (_, test) in enumerate(StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(features, y)):
        folds[test] = k
    table = features.copy()
    table.insert(0, "index", index)
    table["annotation"] = y
    table["fold"] = folds
    table.to_csv(os.path.join(OUT, f"{name}.csv"), index=False, float_format="%.17g")

    X = features.to_numpy(float)
    entry = {"rows": int(len(y)), "features": int(X.shape[1]), "classes": sorted(int(c) for c in set(y))}
    models = {
        "random_forest": lambda: RandomForestClassifier(n_estimators=100, random_state=0),
        "logistic_regression": lambda: LogisticRegression(C=1.0, max_iter=1000),
    }
    for method, make in models.items():
        correct = 0
        for k in range(FOLDS):
            pipe = Pipeline([("scaler", StandardScaler()), ("clf", make())])
            pipe.fit(X[folds != k], y[folds != k])
            correct += int((pipe.predict(X[folds == k]) == y[folds == k]).sum())
        entry[f"{method}_heldout_accuracy"] = correct / len(y)

    # Probabilities of fold 0 held-out rows from a model trained on the other folds: with
    # scikit-learn's defaults, and refitted from its own solution (warm start) until it stops
    # moving, since L-BFGS-B's default function tolerance can stop short of the optimum.
    for c in (1.0, 0.1):
        scaler = StandardScaler().fit(X[folds != 0])
        train, test = scaler.transform(X[folds != 0]), scaler.transform(X[folds == 0])
        default = LogisticRegression(C=c, max_iter=1000).fit(train, y[folds != 0])
        converged = LogisticRegression(C=c, max_iter=1000, tol=1e-10, warm_start=True)
        with warnings.catch_warnings():
            # Refits that start at the optimum end with "abnormal termination": expected here.
            warnings.simplefilter("ignore", ConvergenceWarning)
            for _ in range(30):
                converged.fit(train, y[folds != 0])
        for label, model in (("", default), ("_converged", converged)):
            out = pd.DataFrame(model.predict_proba(test), columns=[f"p_{cl}" for cl in entry["classes"]])
            out.insert(0, "index", index[folds == 0])
            out.to_csv(os.path.join(OUT, f"{name}_logistic_C{c:g}_proba{label}.csv"), index=False, float_format="%.17g")
        entry[f"logistic_C{c:g}_default_vs_converged_max_abs"] = float(np.abs(default.predict_proba(test) - converged.predict_proba(test)).max())
    summary[name] = entry


def pca_reference(features, summary):
    X = StandardScaler().fit_transform(features.to_numpy(float))
    pca = PCA(n_components=2).fit(X)
    summary["pca_wine"] = {
        "components": pca.components_.tolist(),
        "explained_variance": pca.explained_variance_.tolist(),
        "explained_variance_ratio": pca.explained_variance_ratio_.tolist(),
    }
    pd.DataFrame(pca.transform(X), columns=["pc1", "pc2"]).to_csv(os.path.join(OUT, "wine_pca.csv"), index=False, float_format="%.17g")


def blobs_reference(summary):
    X, y = datasets.make_blobs(n_samples=300, centers=4, n_features=10, cluster_std=1.5, random_state=0)
    table = pd.DataFrame(X, columns=[f"f{i + 1}" for i in range(X.shape[1])])
    table.insert(0, "index", np.arange(1, len(X) + 1))
    table["blob"] = y + 1
    table.to_csv(os.path.join(OUT, "blobs.csv"), index=False, float_format="%.17g")
    # scikit-learn's own t-SNE embedding and trustworthiness: a check of our trustworthiness metric.
    Xs = StandardScaler().fit_transform(X)
    emb = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto", random_state=0).fit_transform(Xs)
    pd.DataFrame(emb, columns=["e1", "e2"]).to_csv(os.path.join(OUT, "blobs_sklearn_tsne.csv"), index=False, float_format="%.17g")
    summary["blobs"] = {
        "sklearn_tsne_trustworthiness_k5": float(trustworthiness(Xs, emb, n_neighbors=5)),
        "sklearn_tsne_trustworthiness_k10": float(trustworthiness(Xs, emb, n_neighbors=10)),
    }


def umap_curve_reference(summary):
    """umap-learn's find_ab_params (scipy curve_fit of 1 / (1 + a x^(2b))); umap-learn itself is not installed."""
    from scipy.optimize import curve_fit

    def curve(x, a, b):
        return 1.0 / (1.0 + a * x ** (2 * b))

    out = []
    for spread, min_dist in ((1.0, 0.1), (1.0, 0.5), (1.0, 0.0), (2.0, 0.3)):
        xv = np.linspace(0, spread * 3, 300)
        yv = np.zeros(xv.shape)
        yv[xv < min_dist] = 1.0
        yv[xv >= min_dist] = np.exp(-(xv[xv >= min_dist] - min_dist) / spread)
        params, _ = curve_fit(curve, xv, yv)
        out.append({"spread": spread, "min_dist": min_dist, "a": float(params[0]), "b": float(params[1])})
    summary["umap_curve"] = out


def main():
    os.makedirs(OUT, exist_ok=True)
    summary = {"sklearn": sklearn.__version__, "skimage": skimage.__version__, "numpy": np.__version__, "folds": FOLDS}
    sets = load_sets()
    for name, (features, y, index) in sets.items():
        classifier_reference(name, features, y, index, summary)
    pca_reference(sets["wine"][0], summary)
    blobs_reference(summary)
    umap_curve_reference(summary)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
