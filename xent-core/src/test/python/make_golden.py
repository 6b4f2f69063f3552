#!/usr/bin/python3
"""Golden cases for the xent loss family, computed by an independent oracle.

Regenerate (from the repository root; needs the Debian packages python3-torch, python3-numpy, python3-sklearn):

    /usr/bin/python3 xent-core/src/test/python/make_golden.py

It overwrites xent-core/src/test/resources/golden/*.json. The output is deterministic (fixed seed, CPU torch,
one thread). dev.xent.loss.GoldenCasesTest runs every case through the Java API. Optionally

    /usr/bin/python3 xent-core/src/test/python/make_golden.py --check-keras path/to/framework_cases.json

first checks this script's Keras formulas against the numbers written in the Keras 3 tests (the file is not
part of the build).

Oracles:
- PyTorch convention: torch.nn.functional.cross_entropy (class indices with weight / ignore_index /
  label_smoothing, and probability targets), binary_cross_entropy and binary_cross_entropy_with_logits, in the
  case's precision; gradients by torch.autograd. Where torch has the reduction itself (no sample weights) the
  torch-reduced value is cross-checked against ours.
- Keras convention: the formulas of keras/src/losses/losses.py (categorical_crossentropy: renormalise then clip
  to [1e-7, 1-1e-7]; binary: clip; focal variants; fit(class_weight=) as sample weights), written here in torch
  and evaluated in float32 where Keras does (its default floatx), with autograd gradients.
- sklearn.metrics.log_loss cross-checks the float64 probability cases where it computes the same thing (hard
  labels, rows summing to 1 away from the clip, no smoothing or class weights, weighted mean or sum).

Each case: id, loss (command-line name), options (project names), y_true (rows) or labels, y_pred, sample_weight
(or null), expected {value, per_sample, gradient} (NaN written as "nan"), tolerance {rel, abs}: an actual x
passes when |x - e| <= abs + rel * |e|, for the value, every per-sample value and every gradient entry (the
gradient uses gradient_tolerance where a case has one).
"""
import json
import math
import os
import sys

import numpy as np
import sklearn
import torch
import torch.nn.functional as F
from sklearn.metrics import log_loss

torch.set_num_threads(1)
SEED = 20261122
EPS = 1e-7  # keras.config.epsilon(), the project's LossOptions.DEFAULT_EPSILON
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "golden")

# Tolerances. float64 cases: the oracle and Java both evaluate in double; 1e-9 relative leaves room for a
# different summation order and log-sum-exp formulation over up to 50 classes. float32 cases: the oracle is a
# pure float32 evaluation (as Keras runs), while Precision.FLOAT32 rounds inputs and results to float but carries
# intermediates in double, so the two differ by a few float32 ulps (6e-8 relative each): 1e-5 relative covers
# sums of up to 64 rows; 1e-6 absolute covers entries that are sums of cancelling terms (gradient entries near 0).
TOL = {"float64": {"rel": 1e-9, "abs": 1e-12}, "float32": {"rel": 1e-5, "abs": 1e-6}}

DTYPES = {"float32": torch.float32, "float64": torch.float64}
REDUCTIONS = ["none", "sum", "sum_over_batch_size", "weighted_mean"]


# ----------------------------------------------------------------------------------------------------------
# Oracle building blocks. All take tensors in the case dtype; y_pred requires grad.
# ----------------------------------------------------------------------------------------------------------

BOUNDS_DTYPE = None  # set to float32 to evaluate a float32 case in float64 with float32 clip bounds


def clip_bounds(dt):
    bd = BOUNDS_DTYPE or dt
    lo = torch.tensor(EPS, dtype=bd)
    hi = torch.tensor(1.0, dtype=bd) - lo  # float32: 1 - 1e-7 rounds to 0.99999988, as in Keras
    return lo.to(dt), hi.to(dt)


def smooth_cat(y, ls):
    return y * (1 - ls) + ls / y.shape[1]


def smooth_bin(y, ls):
    return y * (1 - ls) + 0.5 * ls


def probs_for_log(pred, opts, dt):
    """q = clip(p / sum p) (Keras) or clip(p) (PyTorch convention), the probabilities that enter the log."""
    lo, hi = clip_bounds(dt)
    q = pred / pred.sum(dim=1, keepdim=True) if opts["convention"] == "keras" else pred
    return torch.clamp(q, lo, hi)


def categorical_unweighted(y_dense, pred, opts, dt):
    """Per-sample -sum_c v_c log q_c with v = y' (times w for PyTorch class weights)."""
    v = smooth_cat(y_dense, opts["label_smoothing"])
    w = opts["class_weights"]
    if w is not None and opts["convention"] == "torch":
        v = v * torch.tensor(w, dtype=dt)
    if opts["from_logits"]:
        return -(v * F.log_softmax(pred, dim=1)).sum(dim=1)
    return -(v * torch.log(probs_for_log(pred, opts, dt))).sum(dim=1)


def categorical_focal_unweighted(y_dense, pred, opts, dt):
    """Keras categorical_focal_crossentropy: sum_c alpha (1-q_c)^gamma (-y'_c log q_c)."""
    v = smooth_cat(y_dense, opts["label_smoothing"])
    w = opts["class_weights"]
    if w is not None and opts["convention"] == "torch":
        v = v * torch.tensor(w, dtype=dt)
    p = torch.softmax(pred, dim=1) if opts["from_logits"] else pred
    q = probs_for_log(p, opts, dt)
    return (opts["alpha"] * torch.pow(1 - q, opts["gamma"]) * (-v * torch.log(q))).sum(dim=1)


def binary_elementwise(y, pred, opts, dt):
    """Elementwise binary cross-entropy against y' (no weights)."""
    yv = smooth_bin(y, opts["label_smoothing"])
    if opts["from_logits"]:
        return F.binary_cross_entropy_with_logits(pred, yv, reduction="none")
    if opts["convention"] == "torch":
        return F.binary_cross_entropy(pred, yv, reduction="none")  # log clamped at -100, no clip
    lo, hi = clip_bounds(dt)
    p = torch.clamp(pred, lo, hi)
    return -(yv * torch.log(p) + (1 - yv) * torch.log(1 - p))


def binary_focal_elementwise(y, pred, opts, dt):
    """Keras binary_focal_crossentropy before the mean over labels."""
    yv = smooth_bin(y, opts["label_smoothing"])
    p = torch.sigmoid(pred) if opts["from_logits"] else pred
    lo, hi = clip_bounds(dt)
    pc = torch.clamp(p, lo, hi)
    bce = -(yv * torch.log(pc) + (1 - yv) * torch.log(1 - pc))
    p_t = yv * p + (1 - yv) * (1 - p)  # Keras uses the unclipped p here
    loss = torch.pow(1 - p_t, opts["gamma"]) * bce
    if opts["apply_class_balancing"]:
        a = opts["alpha"]
        loss = loss * (yv * a + (1 - yv) * (1 - a))
    return loss


def binary_label_weights(opts, k):
    """Per-label weights [K] (PyTorch BCE weight) or None; length 2 with K = 1 weighs samples instead."""
    w = opts["class_weights"]
    if w is None or (k == 1 and len(w) == 2):
        return None
    return w


def sample_class_factor(kind, opts, y_true, labels):
    """cw_i: the class weight a sample carries into r_i (Keras: fit(class_weight); PyTorch sparse: w_t)."""
    w = opts["class_weights"]
    if w is None:
        return None
    if kind == "sparse-categorical":
        ign = opts["ignore_class"]
        return [1.0 if (ign is not None and t == ign) else w[t] for t in labels]
    if kind in ("binary", "binary-focal"):
        k = len(y_true[0])
        if k == 1 and len(w) == 2:
            return [w[int(round(row[0]))] for row in y_true]
        return None
    if opts["convention"] == "torch":
        return None
    return [w[int(np.argmax(row))] for row in y_true]


def class_factor_in_loss(kind, opts, y_true):
    """Whether cw_i multiplies the per-sample loss (Keras always; PyTorch only binary K=1 length-2 weights)."""
    if opts["convention"] == "keras":
        return True
    return kind in ("binary", "binary-focal")


def evaluate(kind, opts, y_true, labels, y_pred, sw):
    """Returns value, per_sample, gradient (numpy float64) and the torch-level tensors for cross-checks."""
    dt = DTYPES[opts["precision"]]
    pred = torch.tensor(y_pred, dtype=dt, requires_grad=True)
    n, c = pred.shape
    valid = torch.ones(n, dtype=torch.bool)
    if kind == "sparse-categorical":
        ign = opts["ignore_class"]
        lab = torch.tensor(labels, dtype=torch.long)
        if ign is not None:
            valid = lab != ign
        y_dense = F.one_hot(torch.where(valid, lab, torch.zeros_like(lab)), c).to(dt)
        l = categorical_unweighted(y_dense, pred, opts, dt)
        l = torch.where(valid, l, torch.zeros_like(l))
    elif kind == "categorical":
        l = categorical_unweighted(torch.tensor(y_true, dtype=dt), pred, opts, dt)
    elif kind == "categorical-focal":
        l = categorical_focal_unweighted(torch.tensor(y_true, dtype=dt), pred, opts, dt)
    else:
        y = torch.tensor(y_true, dtype=dt)
        e = binary_elementwise(y, pred, opts, dt) if kind == "binary" else binary_focal_elementwise(y, pred, opts, dt)
        lw = binary_label_weights(opts, c)
        if lw is not None:
            e = e * torch.tensor(lw, dtype=dt)
        l = e.mean(dim=1)

    s = torch.ones(n, dtype=dt) if sw is None else torch.tensor(sw, dtype=dt)
    cwf_list = sample_class_factor(kind, opts, y_true, labels)
    cwf = torch.ones(n, dtype=dt) if cwf_list is None else torch.tensor(cwf_list, dtype=dt)
    in_loss = class_factor_in_loss(kind, opts, y_true)
    per_sample = s * (cwf if in_loss else 1.0) * l
    per_sample = torch.where(valid, per_sample, torch.zeros_like(per_sample))
    r = torch.where(valid, s * cwf, torch.zeros_like(s))
    red = opts["reduction"]
    total = per_sample.sum()
    if red in ("none", "sum"):
        divisor = torch.tensor(1.0, dtype=dt)
    elif red == "sum_over_batch_size":
        divisor = valid.sum().to(dt)
    else:
        divisor = r.sum()
    if float(divisor) == 0.0:
        value = float("nan") if opts["convention"] == "torch" else 0.0
        grad = np.zeros((n, c))
    else:
        v = total / divisor
        v.backward()
        value = float(v)
        grad = pred.grad.detach().to(torch.float64).numpy().copy()
    return value, per_sample.detach().to(torch.float64).numpy(), grad, l


# ----------------------------------------------------------------------------------------------------------
# Cross-checks against the real library functions (PyTorch, sklearn) where they compute the same thing.
# ----------------------------------------------------------------------------------------------------------

def torch_reduction(red):
    return {"none": "none", "sum": "sum", "weighted_mean": "mean"}.get(red)


def cross_check_torch(kind, opts, labels, y_true, y_pred, sw, value, per_sample, grad):
    """PyTorch-convention cases against F.cross_entropy / F.binary_cross_entropy(_with_logits) themselves."""
    if opts["convention"] != "torch":
        return False
    dt = DTYPES[opts["precision"]]
    pred = torch.tensor(y_pred, dtype=dt, requires_grad=True)
    w = None if opts["class_weights"] is None else torch.tensor(opts["class_weights"], dtype=dt)
    tred = torch_reduction(opts["reduction"])
    if kind == "sparse-categorical" and opts["from_logits"]:
        ign = opts["ignore_class"]
        lab = torch.tensor(labels, dtype=torch.long)
        fn = lambda red: F.cross_entropy(pred, lab, weight=w, ignore_index=-987654 if ign is None else ign,
                                         label_smoothing=opts["label_smoothing"], reduction=red)
    elif kind == "sparse-categorical" and opts["label_smoothing"] == 0:
        # probabilities under the PyTorch convention: NLL of the clipped log-probabilities
        ign = opts["ignore_class"]
        lab = torch.tensor(labels, dtype=torch.long)
        lo, hi = clip_bounds(dt)
        fn = lambda red: F.nll_loss(torch.log(torch.clamp(pred, lo, hi)), lab, weight=w,
                                    ignore_index=-987654 if ign is None else ign, reduction=red)
    elif kind == "categorical" and opts["from_logits"]:
        y = torch.tensor(y_true, dtype=dt)
        fn = lambda red: F.cross_entropy(pred, y, weight=w, label_smoothing=opts["label_smoothing"], reduction=red)
    else:
        return False
    per = fn("none")
    s = np.ones(len(y_pred)) if sw is None else np.asarray(sw)
    ours = per_sample / s if sw is not None and np.all(s != 0) else (per_sample if sw is None else None)
    if ours is not None:
        assert np.allclose(per.detach().numpy(), ours, rtol=1e-6, atol=1e-7), ("torch per-sample", kind, opts)
    if sw is None and tred in ("sum", "mean"):
        out = fn(tred)
        tv = float(out)
        if math.isnan(value):
            assert math.isnan(tv), ("torch NaN", kind, opts)
        else:
            assert abs(tv - value) <= 1e-6 * (1 + abs(value)), ("torch value", tv, value, kind, opts)
            out.backward()
            assert np.allclose(pred.grad.numpy(), grad, rtol=1e-5, atol=1e-8), ("torch grad", kind, opts)
    return True


def cross_check_sklearn(kind, opts, labels, y_true, y_pred, sw, value, per_sample):
    """float64 Keras-convention probability cases that sklearn.metrics.log_loss also computes: hard labels, no
    smoothing or class weights, nothing clipped. sklearn 1.2 clips at float64 eps and then renormalises; with no
    entry near the clip that is the same as Keras's renormalise-then-clip."""
    if (opts["precision"] != "float64" or opts["from_logits"] or opts["label_smoothing"] != 0
            or opts["class_weights"] is not None or opts["convention"] != "keras"
            or kind not in ("categorical", "sparse-categorical")):
        return False
    p = np.asarray(y_pred, dtype=np.float64)
    if p.shape[1] < 2:
        return False
    q = p / p.sum(axis=1, keepdims=True)
    if q.min() <= 1e-6 or q.max() >= 1 - 1e-6:
        return False
    if kind == "categorical":
        y = np.asarray(y_true)
        if not np.all((y == 0) | (y == 1)) or not np.all(y.sum(axis=1) == 1):
            return False
        lab = y.argmax(axis=1)
        keep = np.ones(len(lab), dtype=bool)
    else:
        lab = np.asarray(labels)
        keep = np.ones(len(lab), dtype=bool) if opts["ignore_class"] is None else lab != opts["ignore_class"]
    if not keep.any():
        return False
    w = None if sw is None else np.asarray(sw)[keep]
    cols = list(range(p.shape[1]))
    sk_sum = log_loss(lab[keep], p[keep], normalize=False, sample_weight=w, labels=cols)
    assert abs(sk_sum - per_sample.sum()) <= 1e-9 * (1 + abs(sk_sum)), ("sklearn sum", sk_sum, kind, opts)
    if opts["reduction"] == "weighted_mean" and (w is None or w.sum() > 0):
        sk = log_loss(lab[keep], p[keep], normalize=True, sample_weight=w, labels=cols)
        assert abs(sk - value) <= 1e-9 * (1 + abs(value)), ("sklearn", sk, value, kind, opts)
    return True


# ----------------------------------------------------------------------------------------------------------
# Input generation.
# ----------------------------------------------------------------------------------------------------------

def r7(x):
    """Rounds to 7 significant digits so the JSON stays short; the rounded double is the input."""
    return float("%.7g" % x)


class Gen:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def shape(self, kind, big=False):
        rng = self.rng
        if big:
            return int(rng.integers(32, 65)), int(rng.integers(20, 51))
        n = int(rng.choice([1, 2, 3, 4, 5, 7, 8, 12, 16, 33, 64],
                           p=[.1, .15, .15, .15, .1, .1, .07, .06, .05, .04, .03]))
        if kind in ("binary", "binary-focal"):
            c = int(rng.choice([1, 1, 2, 3, 4, 6, 9]))
        else:
            c = int(rng.choice([1, 2, 3, 4, 5, 7, 10, 16, 50], p=[.03, .15, .2, .15, .12, .12, .1, .08, .05]))
        while n * c > 300:
            n = max(1, n // 2)
        return n, c

    def logits(self, n, c, extreme=False):
        rng = self.rng
        scale = float(rng.choice([0.3, 1.0, 3.0, 10.0]))
        z = rng.normal(0, scale, (n, c))
        if extreme:
            big = float(rng.choice([80.0, 1e4]))
            mask = rng.random((n, c)) < 0.3
            z = np.where(mask, rng.choice([-big, big], size=(n, c)), z)
        return [[r7(v) for v in row] for row in z]

    def probs_row(self, c, normalised, extreme):
        rng = self.rng
        if extreme and rng.random() < 0.3:
            row = np.zeros(c)
            row[rng.integers(c)] = 1.0  # exactly 0 and 1
            return row
        a = rng.gamma(0.7, 1.0, c) + 1e-3
        if extreme:
            # tiny entries far below the clip (1e-9, 1e-12, 0) and never within a factor 10 of it
            for j in range(c):
                u = rng.random()
                if u < 0.15:
                    a[j] = 0.0
                elif u < 0.3:
                    a[j] = float(rng.choice([1e-9, 1e-12, 3e-10]))
            if a.max() < 1e-3:
                a[rng.integers(c)] = 1.0
        if normalised:
            a = a / a.sum()
        else:
            a = a / a.sum() * float(rng.uniform(0.3, 1.7))
        a = np.clip(a, 0.0, 1.0)
        return a

    def probs(self, n, c, normalised=True, extreme=False, binary=False):
        rows = []
        for _ in range(n):
            if binary:
                row = self.rng.uniform(1e-4, 1 - 1e-4, c)
                if extreme:
                    special = self.rng.random(c) < 0.4
                    row = np.where(special, self.rng.choice([0.0, 1.0, 1e-9, 1 - 1e-9, 1e-15], size=c), row)
            else:
                row = self.probs_row(c, normalised, extreme)
                if c >= 1 and row.sum() == 0:
                    row[0] = 1.0
            rows.append([r7(v) for v in row])
        return rows

    def keep_off_clip(self, rows, opts):
        """Nudges probabilities whose clip decision is within a factor 3 of the bound (ties differ by rounding)."""
        out = []
        for row in rows:
            row = list(row)
            s = sum(row) if (opts["convention"] == "keras" and len(row) > 1) else 1.0
            for j, v in enumerate(row):
                q = v / s if s > 0 else v
                if (EPS / 3 < q < 3 * EPS) or (EPS / 3 < 1 - q < 3 * EPS and q != 1.0):
                    row[j] = r7(v * 100) if q < 0.5 else r7(1 - (1 - v) * 100)
            out.append(row)
        return out

    def onehot(self, n, c):
        y = np.zeros((n, c))
        y[np.arange(n), self.rng.integers(0, c, n)] = 1
        return y.tolist()

    def soft(self, n, c):
        a = self.rng.gamma(0.5, 1.0, (n, c)) + 1e-3
        a = a / a.sum(axis=1, keepdims=True)
        return [[r7(v) for v in row] for row in a]

    def binary_targets(self, n, k, soft):
        if soft:
            return [[r7(v) for v in row] for row in self.rng.choice([0.0, 0.1, 0.3, 0.8, 0.9, 1.0], size=(n, k))]
        return self.rng.integers(0, 2, (n, k)).astype(float).tolist()

    def weights(self, n, zeros=False):
        # multiples of 1/8: exact in float32, so both precisions see the same weights
        w = self.rng.integers(0, 25, n) / 8.0
        if not zeros:
            w = np.where(w == 0, 1.0, w)
        return w.tolist()


# ----------------------------------------------------------------------------------------------------------
# Case assembly.
# ----------------------------------------------------------------------------------------------------------

def base_opts(convention, **kw):
    o = {"convention": convention, "from_logits": convention == "torch", "label_smoothing": 0.0,
         "class_weights": None, "ignore_class": None,
         "reduction": "sum_over_batch_size" if convention == "keras" else "weighted_mean",
         "alpha": 0.25, "gamma": 2.0, "apply_class_balancing": False,
         "precision": "float32" if convention == "keras" else "float64"}
    o.update(kw)
    return o


def fmt(x, precision):
    if x is None:
        return None
    if isinstance(x, float) and math.isnan(x):
        return "nan"
    if not math.isfinite(x):
        raise ValueError("non-finite expected value %r" % x)
    return float(("%.9g" if precision == "float32" else "%.15g") % x)


STATS = {"cases": 0, "torch_checked": 0, "sklearn_checked": 0, "f32_vs_f64_max_rel": 0.0}


def f32_conditioning(kind, opts, y_true, labels, y_pred, sw, value, per_sample, grad):
    """Evaluates a float32 case in float64 (float32 inputs and clip bounds) and returns the worst disagreement of
    (value and per-sample values, gradient), each relative to the case tolerance: a float32 case whose own float32
    rounding exceeds it is ill-conditioned (typically 1 - sigmoid(z) for z > 10, where float32 keeps 1-2 digits)."""
    pred32 = np.asarray(y_pred, dtype=np.float32).astype(np.float64).tolist()
    o64 = dict(opts, precision="float64")
    global BOUNDS_DTYPE
    BOUNDS_DTYPE = torch.float32
    try:
        v64, ps64, g64, _ = evaluate(kind, o64, y_true, labels, pred32, sw)
    finally:
        BOUNDS_DTYPE = None
    tol = TOL["float32"]

    def worst(a, b):
        a = np.atleast_1d(np.asarray(a, dtype=np.float64))
        b = np.atleast_1d(np.asarray(b, dtype=np.float64))
        if np.all(np.isnan(a) == np.isnan(b)) and not np.any(np.isnan(a)):
            return float(np.max(np.abs(a - b) / (tol["abs"] + tol["rel"] * np.abs(a)))) if a.size else 0.0
        return 0.0 if np.all(np.isnan(a) == np.isnan(b)) else float("inf")

    return max(worst(value, v64), worst(per_sample, ps64)), worst(grad, g64)


def widen(tol, ratio):
    """The case tolerance, widened by 4x the measured float32-vs-float64 disagreement where that exceeds half of it."""
    if ratio <= 0.5:
        return tol, None
    return {"rel": tol["rel"] * 4 * ratio, "abs": tol["abs"] * 4 * ratio}, 4 * ratio


def make_case(cid, kind, opts, y_pred, y_true=None, labels=None, sw=None, note=None):
    value, per_sample, grad, _ = evaluate(kind, opts, y_true, labels, y_pred, sw)
    if cross_check_torch(kind, opts, labels, y_true, y_pred, sw, value, per_sample, grad):
        STATS["torch_checked"] += 1
    if cross_check_sklearn(kind, opts, labels, y_true, y_pred, sw, value, per_sample):
        STATS["sklearn_checked"] += 1
    prec = opts["precision"]
    tol = dict(TOL[prec])
    gtol = tol
    if prec == "float32":
        ratio, gratio = f32_conditioning(kind, opts, y_true, labels, y_pred, sw, value, per_sample, grad)
        STATS["f32_vs_f64_max_rel"] = max(STATS["f32_vs_f64_max_rel"], ratio, gratio)
        # float32 rounding of the oracle itself is of the order of the tolerance: widen this case only, by the
        # measured float32-vs-float64 disagreement, separately for values and gradient, and say so in the case.
        tol, fv = widen(tol, ratio)
        gtol, fg = widen(gtol, gratio)
        if fv or fg:
            note = ((note + "; ") if note else "") + "ill-conditioned in float32: tolerance x%.3g, gradient x%.3g" % (
                fv or 1, fg or 1)
            STATS.setdefault("widened", []).append(cid)
    case = {"id": cid, "loss": kind, "options": opts}
    if labels is not None:
        case["labels"] = labels
    else:
        case["y_true"] = y_true
    case["y_pred"] = y_pred
    case["sample_weight"] = sw
    case["expected"] = {
        "value": fmt(value, prec),
        "per_sample": [fmt(float(v), prec) for v in per_sample],
        "gradient": [[fmt(float(v), prec) for v in row] for row in grad],
    }
    case["tolerance"] = tol
    if gtol != tol:
        case["gradient_tolerance"] = gtol
    if note:
        case["note"] = note
    STATS["cases"] += 1
    return case


def random_opts(g, kind, convention, n, c):
    rng = g.rng
    o = base_opts(convention)
    o["from_logits"] = bool(rng.random() < 0.5)
    if rng.random() < 0.25:  # the other convention's precision
        o["precision"] = "float64" if convention == "keras" else "float32"
    o["reduction"] = REDUCTIONS[int(rng.integers(4))]
    if kind != "sparse-categorical" or rng.random() < 0.5:
        if rng.random() < 0.4:
            o["label_smoothing"] = float(rng.choice([0.05, 0.1, 0.2, 0.5, 1.0]))
    elif rng.random() < 0.4:
        o["label_smoothing"] = float(rng.choice([0.05, 0.1, 0.3]))
    if rng.random() < 0.4:
        if kind in ("binary", "binary-focal"):
            m = 2 if (c == 1 and rng.random() < 0.5) else c
        else:
            m = c
        if not (kind not in ("binary", "binary-focal", "sparse-categorical") and c == 1):
            o["class_weights"] = (rng.integers(0, 33, m) / 8.0).tolist()
    if kind in ("categorical-focal", "binary-focal"):
        o["alpha"] = float(rng.choice([0.25, 0.5, 1.0, 0.1]))
        o["gamma"] = float(rng.choice([0.0, 1.0, 1.5, 2.0, 3.0]))
        if kind == "binary-focal":
            o["apply_class_balancing"] = bool(rng.random() < 0.5)
    if kind == "sparse-categorical" and rng.random() < 0.4:
        o["ignore_class"] = int(rng.choice([-100, -1, 0, c - 1]))
    return o


def random_inputs(g, kind, opts, n, c, extreme):
    rng = g.rng
    labels = y_true = None
    if kind == "sparse-categorical":
        labels = rng.integers(0, c, n).tolist()
        ign = opts["ignore_class"]
        if ign is not None and ign < 0:
            labels = [ign if rng.random() < 0.3 else t for t in labels]
    elif kind in ("categorical", "categorical-focal"):
        y_true = g.onehot(n, c) if (rng.random() < 0.6 or opts["class_weights"] is not None) else g.soft(n, c)
    else:
        hard = opts["class_weights"] is not None and c == 1 and len(opts["class_weights"]) == 2
        y_true = g.binary_targets(n, c, soft=not hard and rng.random() < 0.4)
    binary = kind in ("binary", "binary-focal")
    if opts["from_logits"]:
        y_pred = g.logits(n, c, extreme)
    else:
        normalised = binary or opts["convention"] == "torch" or rng.random() < 0.6
        y_pred = g.probs(n, c, normalised=normalised or not binary and rng.random() < 0.5, extreme=extreme,
                         binary=binary)
        if not binary:
            y_pred = g.keep_off_clip(y_pred, opts)
        else:
            y_pred = keep_off_clip_binary(y_pred)
    sw = None
    if rng.random() < 0.4:
        sw = g.weights(n, zeros=rng.random() < 0.3)
    return y_true, labels, y_pred, sw


def random_cases(g, kind, count, prefix):
    cases = []
    for i in range(count):
        convention = "keras" if i % 2 == 0 else "torch"
        big = i == 13  # one large case per loss: 32..64 rows, 20..50 classes
        n, c = g.shape(kind, big=big)
        if kind == "sparse-categorical" and c == 1:
            c = 2
        opts = random_opts(g, kind, convention, n, c)
        if c == 1 and kind in ("categorical", "categorical-focal"):
            opts["from_logits"] = True  # one probability column is rejected as a mistake (use binary)
        extreme = g.rng.random() < 0.25
        y_true, labels, y_pred, sw = random_inputs(g, kind, opts, n, c, extreme)
        note = "extreme inputs" if extreme else None
        cases.append(make_case("%s-r%03d" % (prefix, i), kind, opts, y_pred, y_true, labels, sw, note))
    return cases


# ----------------------------------------------------------------------------------------------------------
# Hand-picked edge cases: every option in isolation, extremes, empty divisors.
# ----------------------------------------------------------------------------------------------------------

def edge_cases_categorical(g, kind, prefix):
    cases = []
    y = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    zl = [[1.0, 2.0, 3.0], [1e4, -1e4, 0.0], [-80.0, 80.0, 0.5]]
    pp = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [1.0, 0.0, 0.0]]
    pu = [[0.2, 0.7, 0.3], [1e-9, 0.5, 0.2], [0.0, 0.0, 0.9]]
    k = 0
    for conv in ("keras", "torch"):
        for prec in ("float32", "float64"):
            for logits, pred in ((True, zl), (False, pp), (False, pu)):
                for red in REDUCTIONS:
                    o = base_opts(conv, from_logits=logits, precision=prec, reduction=red)
                    cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred, y_true=y, note="extremes"))
                    k += 1
                extra = [dict(label_smoothing=0.1), dict(label_smoothing=1.0), dict(class_weights=[0.5, 2.0, 0.0]),
                         dict(class_weights=[0.0, 0.0, 0.0], reduction="weighted_mean")]
                if kind == "categorical-focal":
                    extra += [dict(gamma=0.0, alpha=1.0), dict(gamma=0.0), dict(gamma=1.5, alpha=0.5),
                              dict(gamma=4.0)]
                for kw in extra:
                    o = base_opts(conv, from_logits=logits, precision=prec, **kw)
                    cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred, y_true=y,
                                           sw=[1.0, 0.5, 2.0], note="options"))
                    k += 1
                # all sample weights zero: divisor 0 under weighted_mean (Keras 0, PyTorch NaN)
                o = base_opts(conv, from_logits=logits, precision=prec, reduction="weighted_mean")
                cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred, y_true=y, sw=[0.0, 0.0, 0.0],
                                       note="all weights zero"))
                k += 1
    # single class from logits: loss 0, gradient 0 (one probability column is rejected as a mistake)
    for conv in ("keras", "torch"):
        o = base_opts(conv, from_logits=True)
        cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, [[3.0], [-2.0]], y_true=[[1.0], [1.0]],
                               note="one class"))
        k += 1
    # Keras class weights follow argmax(y): ties go to the first maximum (numpy argmax)
    for conv in ("keras", "torch"):
        for logits in (True, False):
            o = base_opts(conv, from_logits=logits, class_weights=[0.5, 2.0, 4.0], reduction="weighted_mean")
            pred = [[0.5, -1.0, 2.0], [1.0, 0.0, -1.0], [0.3, 0.3, 0.4]] if logits else \
                [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.3, 0.3, 0.4]]
            cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred,
                                   y_true=[[0.0, 0.5, 0.5], [0.4, 0.4, 0.2], [1 / 3, 1 / 3, 1 / 3]],
                                   note="argmax ties in soft targets"))
            k += 1
    # soft targets not summing to 1: gradient (sum v) softmax - v
    for conv in ("keras", "torch"):
        o = base_opts(conv, from_logits=True)
        cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, [[0.5, -1.0, 2.0], [0.0, 0.0, 0.0]],
                               y_true=[[0.5, 0.5, 0.5], [0.0, 0.2, 0.1]], note="targets not summing to 1"))
        k += 1
    return cases


def edge_cases_sparse(g, prefix):
    kind = "sparse-categorical"
    cases = []
    k = 0
    zl = [[1.0, 2.0, 3.0], [1e4, -1e4, 0.0], [-80.0, 80.0, 0.5], [0.1, 0.2, 0.3]]
    pp = [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1], [1.0, 0.0, 0.0], [0.3, 0.3, 0.4]]
    labels = [1, 2, 0, 2]
    for conv in ("keras", "torch"):
        for prec in ("float32", "float64"):
            for logits, pred in ((True, zl), (False, pp)):
                for red in REDUCTIONS:
                    for ign, lab, note in ((None, labels, "extremes"), (-100, [1, -100, 0, -100], "ignore -100"),
                                           (2, labels, "ignore a real class"),
                                           (-1, [-1, -1, -1, -1], "all ignored")):
                        for kw in ({}, {"class_weights": [0.5, 2.0, 3.0], "label_smoothing": 0.2}):
                            o = base_opts(conv, from_logits=logits, precision=prec, reduction=red, ignore_class=ign,
                                          **kw)
                            sw = [1.0, 0.5, 2.0, 0.25] if kw else None
                            cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred, labels=lab, sw=sw,
                                                   note=note))
                            k += 1
                o = base_opts(conv, from_logits=logits, precision=prec, class_weights=[0.0, 0.0, 0.0])
                cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred, labels=labels,
                                       note="zero class weights: divisor 0"))
                k += 1
    return cases


def edge_cases_binary(g, kind, prefix):
    cases = []
    k = 0
    y = [[1, 0, 1], [0, 1, 0], [1, 1, 0]]
    zl = [[80.0, -80.0, 0.0], [1e4, -1e4, 2.0], [-3.0, 0.5, 17.0]]
    pp = [[1.0, 0.0, 0.5], [1.0, 0.0, 1e-9], [0.3, 0.999999999, 1e-15]]
    for conv in ("keras", "torch"):
        for prec in ("float32", "float64"):
            for logits, pred in ((True, zl), (False, pp)):
                for red in REDUCTIONS:
                    o = base_opts(conv, from_logits=logits, precision=prec, reduction=red)
                    cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred, y_true=y, note="extremes"))
                    k += 1
                extra = [dict(label_smoothing=0.1), dict(label_smoothing=1.0), dict(class_weights=[0.5, 2.0, 0.0])]
                if kind == "binary-focal":
                    extra += [dict(gamma=0.0), dict(gamma=0.0, apply_class_balancing=True, alpha=1.0),
                              dict(apply_class_balancing=True), dict(gamma=1.0, apply_class_balancing=True,
                                                                     alpha=0.75)]
                for kw in extra:
                    o = base_opts(conv, from_logits=logits, precision=prec, **kw)
                    if kind == "binary-focal" and not logits and kw.get("gamma", 2.0) < 1:
                        pred_use = [[0.9, 0.1, 0.5], [0.6, 0.2, 1e-9], [0.3, 0.7, 1e-5]]
                    else:
                        pred_use = pred
                    cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred_use, y_true=y, sw=[1.0, 0.5, 2.0],
                                           note="options"))
                    k += 1
                # K = 1 with two class weights: each sample weighted by the class of its target
                o = base_opts(conv, from_logits=logits, precision=prec, class_weights=[0.25, 3.0])
                pk1 = [[0.5], [-2.0], [3.0], [0.1]] if logits else [[0.8], [0.3], [0.6], [0.1]]
                cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pk1, y_true=[[1], [0], [1], [0]],
                                       note="one label, class weights [w0, w1]"))
                k += 1
                # soft targets on one label: the class is round(y), half to even as numpy (0.5 -> 0)
                o = base_opts(conv, from_logits=logits, precision=prec, class_weights=[0.25, 3.0],
                              reduction="weighted_mean", label_smoothing=0.1)
                cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pk1 + [[0.4 if not logits else -0.4]],
                                       y_true=[[0.5], [0.3], [0.7], [1.0], [0.0]],
                                       note="one label, soft targets, class weights [w0, w1]"))
                k += 1
                o = base_opts(conv, from_logits=logits, precision=prec, reduction="weighted_mean")
                cases.append(make_case("%s-e%03d" % (prefix, k), kind, o, pred if logits else pp, y_true=y,
                                       sw=[0.0, 0.0, 0.0], note="all weights zero"))
                k += 1
    return cases


def keep_off_clip_binary(rows):
    out = []
    for row in rows:
        r = []
        for v in row:
            if EPS / 3 < v < 3 * EPS:
                v = r7(v * 100)
            elif EPS / 3 < 1 - v < 3 * EPS:
                v = r7(1 - (1 - v) * 100)
            r.append(v)
        out.append(r)
    return out



# ----------------------------------------------------------------------------------------------------------
# Self-check of the Keras formulas against the numbers in the Keras tests (optional, manual).
# ----------------------------------------------------------------------------------------------------------

KERAS_LOSSES = {"CategoricalCrossentropy": "categorical", "SparseCategoricalCrossentropy": "sparse-categorical",
                "BinaryCrossentropy": "binary", "CategoricalFocalCrossentropy": "categorical-focal",
                "BinaryFocalCrossentropy": "binary-focal"}


def check_keras(path):
    data = json.load(open(path))
    checked = 0
    for c in data["cases"]:
        if c["framework"] != "keras3" or c["loss"] not in KERAS_LOSSES:
            continue
        inp = c["inputs"]
        kind = KERAS_LOSSES[c["loss"]]
        o = base_opts("keras")
        for key in ("from_logits", "label_smoothing", "alpha", "gamma", "apply_class_balancing", "ignore_class"):
            if key in c["options"] and c["options"][key] is not None:
                o[key] = c["options"][key]
        red = c["options"].get("reduction")
        o["reduction"] = "none" if red is None else red
        if isinstance(inp["y_pred"], str):
            continue  # logit recovery from a model graph: not a formula case
        y_pred = np.asarray(inp["y_pred"], dtype=np.float64)
        y_true = np.asarray(inp["y_true"])
        if y_pred.ndim != 2 or "segmentation" in c["id"]:
            continue
        sw = inp.get("sample_weight")
        if sw is not None:
            sw = np.broadcast_to(np.asarray(sw, dtype=np.float64).reshape(-1), (y_pred.shape[0],)).tolist()
        if kind == "sparse-categorical":
            labels = y_true.reshape(-1).astype(int).tolist()
            value, per, _, _ = evaluate(kind, o, None, labels, y_pred.tolist(), sw)
        else:
            value, per, _, _ = evaluate(kind, o, y_true.astype(float).tolist(), None, y_pred.tolist(), sw)
        exp = c["expected"]
        tol = c["tolerance"]
        got = per if isinstance(exp, list) else value
        e = np.asarray(exp, dtype=np.float64).reshape(-1)
        ok = np.all(np.abs(np.asarray(got).reshape(-1) - e) <= tol.get("abs", 0) + tol.get("rel", 0) * np.abs(e))
        print("%-45s %s expected %s got %s" % (c["id"], "ok  " if ok else "FAIL", exp, got if isinstance(exp, list)
                                               else value))
        checked += 1
    print("checked", checked, "Keras cases")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check-keras":
        check_keras(sys.argv[2])
        return
    g = Gen(SEED)
    files = {
        "categorical": edge_cases_categorical(g, "categorical", "cat") + random_cases(g, "categorical", 240, "cat"),
        "sparse_categorical": edge_cases_sparse(g, "scat") + random_cases(g, "sparse-categorical", 240, "scat"),
        "binary": edge_cases_binary(g, "binary", "bin") + random_cases(g, "binary", 200, "bin"),
        "categorical_focal": edge_cases_categorical(g, "categorical-focal", "cfoc")
        + random_cases(g, "categorical-focal", 200, "cfoc"),
        "binary_focal": edge_cases_binary(g, "binary-focal", "bfoc") + random_cases(g, "binary-focal", 200, "bfoc"),
    }
    os.makedirs(OUT_DIR, exist_ok=True)
    total = 0
    for name, cases in files.items():
        doc = {"generator": "xent-core/src/test/python/make_golden.py", "seed": SEED,
               "oracle": "torch %s, numpy %s, sklearn %s" % (torch.__version__, np.__version__, sklearn.__version__),
               "cases": cases}
        path = os.path.join(OUT_DIR, name + ".json")
        with open(path, "w") as f:
            json.dump(doc, f, separators=(",", ":"), allow_nan=False)
            f.write("\n")
        size = os.path.getsize(path)
        total += size
        print("%-24s %4d cases %8d bytes" % (name, len(cases), size))
    print("total %d bytes; %s" % (total, {k: v for k, v in STATS.items() if k != "widened"}))
    print("widened:", STATS.get("widened", []))


if __name__ == "__main__":
    main()
