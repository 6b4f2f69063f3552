#!/usr/bin/python3
"""Held-out accuracy and log loss of xent (trained from CSV files) and scikit-learn's LogisticRegression.

For iris, wine and breast-cancer (the CSVs shipped with scikit-learn), writes ordinary CSVs with a header and a
categorical `class` column (class names, not ids), splits them 75/25 stratified with a fixed seed, trains
  * xent with default settings:            xent train train.csv --target class
  * xent softmax regression (L-BFGS):      ... --hidden 0 --optimizer lbfgs --validation-split 0
  * xent small MLP:                        ... --hidden 32 --epochs 100 --batch-size 16 --validation-split 0
  * scikit-learn: StandardScaler + LogisticRegression (lbfgs, C=1, max_iter 1000)
on the same training rows, and prints test accuracy and log loss for each.

Usage: bench/csv_vs_sklearn.py XENT_LAUNCHER   (normally run through bench/csv_vs_sklearn.sh)
"""
import csv, json, os, subprocess, sys, tempfile

import numpy as np
from sklearn.datasets import load_breast_cancer, load_iris, load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 0
TEST_SIZE = 0.25
# xent runs: the defaults as a user gets them; softmax regression by L-BFGS on all training rows (the same model
# and data as scikit-learn's); a small MLP given enough steps for a dataset of ~100 rows.
VARIANTS = [
    ("xent default", []),
    ("xent lbfgs", ["--hidden", "0", "--optimizer", "lbfgs", "--validation-split", "0"]),
    ("xent mlp-32", ["--hidden", "32", "--epochs", "100", "--batch-size", "16", "--validation-split", "0"]),
]


def write_csv(path, names, x, y, classes):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([n.replace(" ", "_") for n in names] + ["class"])
        for row, label in zip(x, y):
            w.writerow([repr(float(v)) for v in row] + [classes[label]])


def xent(launcher, *args):
    r = subprocess.run([launcher, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"xent {' '.join(args)} failed ({r.returncode}):\n{r.stderr}")
    return r.stdout


def main():
    launcher = sys.argv[1]
    rows = []
    for name, loader in [("iris", load_iris), ("wine", load_wine), ("breast-cancer", load_breast_cancer)]:
        d = loader()
        classes = [str(c) for c in d.target_names]
        xtr, xte, ytr, yte = train_test_split(d.data, d.target, test_size=TEST_SIZE, stratify=d.target,
                                              random_state=SEED)
        with tempfile.TemporaryDirectory() as tmp:
            train, test = os.path.join(tmp, "train.csv"), os.path.join(tmp, "test.csv")
            write_csv(train, d.feature_names, xtr, ytr, classes)
            write_csv(test, d.feature_names, xte, yte, classes)
            for label, extra in VARIANTS:
                model = os.path.join(tmp, "model-" + label.split()[1])
                xent(launcher, "train", train, "--target", "class", "--out", model, *extra)
                ev = json.loads(xent(launcher, "evaluate", model, test, "--json"))
                rows.append((name, label, ev["accuracy"], ev["loss"]))
        clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
        clf.fit(xtr, ytr)
        p = clf.predict_proba(xte)
        rows.append((name, "sklearn LogisticRegression", accuracy_score(yte, p.argmax(1)), log_loss(yte, p)))
    print(f"{'dataset':<14} {'model':<28} {'test accuracy':>13} {'test log loss':>13}")
    for name, label, acc, loss in rows:
        print(f"{name:<14} {label:<28} {acc:>13.4f} {loss:>13.6f}")


if __name__ == "__main__":
    main()
