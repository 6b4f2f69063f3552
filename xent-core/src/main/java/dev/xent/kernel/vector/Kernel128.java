package dev.xent.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link MicroKernel} on 128-bit vectors: a 4 x 8 tile. Keep in step with Kernel256 (identical but for the species). */
final class Kernel128 extends MicroKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_128;
  private static final int L = S.length();
  // Declared after S and L: the constructor reads L.
  static final Kernel128 INSTANCE = new Kernel128();

  private Kernel128() {
    super(L);
  }

  @Override
  void multiply(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] tile) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = FloatVector.zero(S);
    FloatVector c10 = FloatVector.zero(S);
    FloatVector c11 = FloatVector.zero(S);
    FloatVector c20 = FloatVector.zero(S);
    FloatVector c21 = FloatVector.zero(S);
    FloatVector c30 = FloatVector.zero(S);
    FloatVector c31 = FloatVector.zero(S);
    // The loop counts A's index and derives B's from it (see MicroKernel: why), both linear in the loop variable so
    // that C2 hoists the bounds checks out of the loop. Per k step: A moves by MR, B by 2L = MR·(2L / MR).
    int aEnd = aOff + kc * MR;
    int bShift = bOff - aOff * (2 * L / MR);
    for (int ai = aOff; ai < aEnd; ai += MR) {
      int bi = bShift + ai * (2 * L / MR);
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
    }
    // Through the tile rather than straight into C: with the C update in this method C2 ran the loop at under
    // half speed (40 vs 86 GFLOP/s on the earlier 6 x 16 kernel alone at kc = 128, AVX2).
    c00.intoArray(tile, 0);
    c01.intoArray(tile, L);
    c10.intoArray(tile, 2 * L);
    c11.intoArray(tile, 3 * L);
    c20.intoArray(tile, 4 * L);
    c21.intoArray(tile, 5 * L);
    c30.intoArray(tile, 6 * L);
    c31.intoArray(tile, 7 * L);
  }

  @Override
  void update(float[] tile, float[] c, int cOff, int ldc, int rows, float alpha, float beta) {
    for (int r = 0; r < rows; r++) {
      int ci = cOff + r * ldc;
      FloatVector lo = FloatVector.fromArray(S, tile, r * 2 * L);
      FloatVector hi = FloatVector.fromArray(S, tile, r * 2 * L + L);
      if (alpha != 1f) { // a product by 1 is exact: skipping it changes no bit
        lo = lo.mul(alpha);
        hi = hi.mul(alpha);
      }
      if (beta == 1f) {
        lo = lo.add(FloatVector.fromArray(S, c, ci));
        hi = hi.add(FloatVector.fromArray(S, c, ci + L));
      } else if (beta != 0f) {
        lo = lo.add(FloatVector.fromArray(S, c, ci).mul(beta));
        hi = hi.add(FloatVector.fromArray(S, c, ci + L).mul(beta));
      }
      lo.intoArray(c, ci);
      hi.intoArray(c, ci + L);
    }
  }
}
