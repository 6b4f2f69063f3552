#!/usr/bin/python3
"""Golden values for xent-core's training and evaluation tests, from scikit-learn.

Writes ../resources/train/softmax_regression.json and ../resources/train/metrics.json.
Run from this directory: /usr/bin/python3 make_train_goldens.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, log_loss, precision_recall_fscore_support, top_k_accuracy_score

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "train")


def softmax_regression():
    rng = np.random.default_rng(20240611)
    n, d, c = 90, 4, 3
    centres = rng.normal(0, 1.5, size=(c, d))
    y = np.arange(n) % c
    x = (centres[y] + rng.normal(0, 1.0, size=(n, d))).astype(np.float32)
    cases = []
    for cval in (1.0, 0.1):
        # Tight tolerance: the golden is the optimum itself, not where sklearn's default tol stops.
        m = LogisticRegression(C=cval, solver="lbfgs", tol=1e-12, max_iter=10000)
        m.fit(x.astype(np.float64), y)
        p = m.predict_proba(x.astype(np.float64))
        w = m.coef_
        obj = (log_loss(y, p, normalize=False) + 0.5 / cval * float((w * w).sum())) / n
        cases.append({"C": cval, "coef": w.tolist(), "intercept": m.intercept_.tolist(),
                      "objective": obj, "train_accuracy": float((m.predict(x) == y).mean())})
    return {"sklearn": sklearn.__version__, "n": n, "d": d, "classes": c,
            "x": x.astype(float).ravel().tolist(), "y": y.tolist(), "cases": cases}


def ece(y, p, bins=15):
    conf = p.max(axis=1)
    pred = p.argmax(axis=1)
    idx = np.clip(np.ceil(conf * bins).astype(int) - 1, 0, bins - 1)  # bin b covers (b/B, (b+1)/B]
    total = 0.0
    counts = []
    for b in range(bins):
        sel = idx == b
        counts.append(int(sel.sum()))
        if sel.any():
            total += sel.mean() * abs((pred[sel] == y[sel]).mean() - conf[sel].mean())
    return total, counts


def metrics():
    rng = np.random.default_rng(7)
    n, c = 200, 4
    y = rng.integers(0, c, size=n)
    z = rng.normal(0, 1.0, size=(n, c))
    z[np.arange(n), y] += 1.2  # informative but imperfect scores
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    p = p.astype(np.float32)
    pd = p.astype(np.float64)
    pred = pd.argmax(axis=1)
    prec, rec, f1, sup = precision_recall_fscore_support(y, pred, labels=list(range(c)), zero_division=0)
    macro = precision_recall_fscore_support(y, pred, labels=list(range(c)), average="macro", zero_division=0)
    weighted = precision_recall_fscore_support(y, pred, labels=list(range(c)), average="weighted", zero_division=0)
    e, counts = ece(y, pd)
    return {"sklearn": sklearn.__version__, "n": n, "classes": c, "y": y.tolist(),
            "proba": pd.ravel().tolist(), "accuracy": float((pred == y).mean()),
            "top2_accuracy": float(top_k_accuracy_score(y, pd, k=2, labels=list(range(c)))),
            "log_loss": float(log_loss(y, pd, labels=list(range(c)))),
            "confusion": confusion_matrix(y, pred, labels=list(range(c))).tolist(),
            "precision": prec.tolist(), "recall": rec.tolist(), "f1": f1.tolist(), "support": sup.tolist(),
            "macro": list(macro[:3]), "weighted": list(weighted[:3]), "ece15": e, "ece15_counts": counts}


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "softmax_regression.json"), "w") as f:
        json.dump(softmax_regression(), f, indent=1)
    with open(os.path.join(OUT, "metrics.json"), "w") as f:
        json.dump(metrics(), f, indent=1)
