"""Fits the polynomial of the vector exp in SimdSoftmaxXent: e^r = 1 + r + r^2 P(r) on [-ln2/2, ln2/2].

P has degree 4 (5 coefficients): a minimax fit of the relative error by Lawson's iteratively reweighted least
squares on 4001 Chebyshev points. Prints the coefficients rounded to float32 and the relative error of the
polynomial with those float coefficients, evaluated in double (the truncation part of the error: about 4e-9,
far below float rounding, 6e-8). Degree 3 gives about 1.1e-7, which would add most of an ulp.

Usage: python3 fit_exp_poly.py   (numpy only)
"""
import numpy as np

half = np.log(2) / 2
r = np.cos(np.linspace(0, np.pi, 4001)) * half
f = np.exp(r)
for degree in (3, 4):
    basis = np.stack([r ** (2 + k) / f for k in range(degree + 1)], axis=1)
    target = (f - 1 - r) / f
    weight = np.ones_like(r)
    for _ in range(200):
        root = np.sqrt(weight)
        coef, *_ = np.linalg.lstsq(basis * root[:, None], target * root, rcond=None)
        weight = weight * np.abs(basis @ coef - target)
        weight /= weight.sum()
    c32 = coef.astype(np.float32)
    approx = 1 + r + r ** 2 * np.polyval(c32.astype(np.float64)[::-1], r)
    err = np.max(np.abs(approx - f) / f)
    print(f"degree {degree}: coefficients {[repr(float(c)) for c in c32]}, max relative error {err:.3g}")
