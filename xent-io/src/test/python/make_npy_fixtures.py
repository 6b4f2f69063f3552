#!/usr/bin/env python3
"""Writes the .npy test fixtures for dev.xent.io.NpyTest.

Run from the repository root:  /usr/bin/python3 xent-io/src/test/python/make_npy_fixtures.py
The values are closed forms (arange-based) so the Java tests assert them without reading this script.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "dev", "xent", "io", "npy")
os.makedirs(OUT, exist_ok=True)


def save(name, a, version=None):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, a, version=version, allow_pickle=False)


# 2-D floats: value(r, c) = (r * cols + c) / 4 - 1, so fractions, negatives and zero all appear.
grid = np.arange(12).reshape(3, 4) / 4.0 - 1.0
save("f4_3x4.npy", grid.astype("<f4"))
save("f8_3x4.npy", grid.astype("<f8"))
save("f8_3x4_big_endian.npy", grid.astype(">f8"))
save("f4_3x4_big_endian.npy", grid.astype(">f4"))
# A float32 value that is not exactly representable in decimal: 0.1f.
save("f4_tenth.npy", np.array([0.1], dtype="<f4"))

# 1-D integers: class ids 0..4 and the type's extremes.
save("i4_ids.npy", np.array([0, 1, 2, 3, 4], dtype="<i4"))
save("i8_ids.npy", np.array([0, 1, 2, 3, 4], dtype="<i8"))
save("i4_ids_big_endian.npy", np.array([0, 1, 2, 3, 4], dtype=">i4"))
save("i4_extremes.npy", np.array([-2**31, 2**31 - 1, -100], dtype="<i4"))
save("i8_column.npy", np.array([[2], [0], [1]], dtype="<i8"))
save("u1_2x3.npy", np.array([[0, 127, 255], [1, 2, 3]], dtype="u1"))
save("bool_4.npy", np.array([True, False, False, True]))

# Header versions 2.0 and 3.0 (3.0 allows UTF-8 in the header; the dict is ASCII here).
save("f8_3x4_v2.npy", grid.astype("<f8"), version=(2, 0))
save("f8_3x4_v3.npy", grid.astype("<f8"), version=(3, 0))
# A 0-row 2-D array.
save("f4_0x3.npy", np.zeros((0, 3), dtype="<f4"))

# Rejected inputs.
save("fortran_3x4.npy", np.asfortranarray(grid.astype("<f8")))
save("c8_complex.npy", np.array([1 + 2j], dtype="<c8"))
save("i2_short.npy", np.array([1, 2], dtype="<i2"))
save("3d.npy", np.zeros((2, 2, 2), dtype="<f4"))
save("structured.npy", np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")]))
with open(os.path.join(OUT, "object.npy"), "wb") as f:
    np.lib.format.write_array(f, np.array([1, "x"], dtype=object), allow_pickle=True)
# Truncated: a 3x4 float64 file with its last 8 bytes (one value) cut off.
with open(os.path.join(OUT, "f8_3x4.npy"), "rb") as f:
    whole = f.read()
with open(os.path.join(OUT, "truncated.npy"), "wb") as f:
    f.write(whole[:-8])
with open(os.path.join(OUT, "not_npy.npy"), "wb") as f:
    f.write(b"0.1,0.2\n0.3,0.4\n")
