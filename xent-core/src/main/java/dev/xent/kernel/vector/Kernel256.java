package dev.xent.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link MicroKernel} on 256-bit vectors (AVX2): a 6 x 16 tile. Keep in step with Kernel128 and Kernel512. */
final class Kernel256 extends MicroKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int L = S.length();
  // Declared after S and L: the constructor reads L.
  static final Kernel256 INSTANCE = new Kernel256();

  private Kernel256() {
    super(2 * L);
  }

  @Override
  void compute(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc,
      int rows, int cols, float alpha, float beta, float[] tile) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    FloatVector c40 = FloatVector.zero(S);
    FloatVector c41 = FloatVector.zero(S);
    FloatVector c50 = FloatVector.zero(S);
    FloatVector c51 = FloatVector.zero(S);
    for (int p = 0; p < kc; p++) {
      // Indices as linear functions of p alone, so C2 can hoist the bounds checks out of the loop.
      int ai = aOff + p * MR;
      int bi = bOff + p * (2 * L);
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a0 = FloatVector.broadcast(S, ap[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, ap[ai + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, ap[ai + 5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    if (rows == MR && cols == 2 * L) {
      update(c00, c, cOff, alpha, beta);
      update(c01, c, cOff + L, alpha, beta);
      update(c10, c, cOff + ldc, alpha, beta);
      update(c11, c, cOff + ldc + L, alpha, beta);
      update(c20, c, cOff + 2 * ldc, alpha, beta);
      update(c21, c, cOff + 2 * ldc + L, alpha, beta);
      update(c30, c, cOff + 3 * ldc, alpha, beta);
      update(c31, c, cOff + 3 * ldc + L, alpha, beta);
      update(c40, c, cOff + 4 * ldc, alpha, beta);
      update(c41, c, cOff + 4 * ldc + L, alpha, beta);
      update(c50, c, cOff + 5 * ldc, alpha, beta);
      update(c51, c, cOff + 5 * ldc + L, alpha, beta);
      return;
    }
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, 2 * L);
    c11.intoArray(tile, 3 * L);
    c20.intoArray(tile, 4 * L);
    c21.intoArray(tile, 5 * L);
    c30.intoArray(tile, 6 * L);
    c31.intoArray(tile, 7 * L);
    c40.intoArray(tile, 8 * L);
    c41.intoArray(tile, 9 * L);
    c50.intoArray(tile, 10 * L);
    c51.intoArray(tile, 11 * L);
    updatePartial(tile, c, cOff, ldc, rows, cols, alpha, beta);
  }

  /** C[i..i+L) = alpha·acc + beta·C[i..i+L), never reading C when beta is 0. */
  private static void update(FloatVector acc, float[] c, int i, float alpha, float beta) {
    FloatVector r = acc.mul(alpha);
    if (beta != 0f) {
      r = r.add(FloatVector.fromArray(S, c, i).mul(beta));
    }
    r.intoArray(c, i);
  }
}
