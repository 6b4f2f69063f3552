package dev.xent.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner product of {@link VectorGemm}: one {@link #MR} x {@link #nr} tile of C from a packed
 * A strip and a packed B strip, accumulated with one fused multiply-add per element and k step, in k order.
 *
 * <p>The tile is {@value #MR} rows by two vectors: 12 accumulators, two B vectors and one broadcast A element
 * use 15 of the 16 AVX2 registers (the classic Haswell/Zen 6x16 shape); per k step that is 12 FMAs against 2
 * vector and 6 broadcast loads, so the FMA units, not the load ports, bound the loop.
 *
 * <p>Each width has its own subclass whose species is a {@code static final} constant: C2 only turns Vector API
 * calls into SIMD instructions when the species is a compile-time constant, and a species passed down as an
 * argument through the (too large to inline) blocking loops is not one.
 */
abstract class MicroKernel {
  /** Rows of C per tile. */
  static final int MR = 6;

  /** Columns of C per tile: two vectors. */
  final int nr;

  MicroKernel(int nr) {
    this.nr = nr;
  }

  /** The kernel for {@code species}, which must be one of the three float species. */
  static MicroKernel of(VectorSpecies<Float> species) {
    if (species == FloatVector.SPECIES_256) {
      return Kernel256.INSTANCE;
    }
    if (species == FloatVector.SPECIES_128) {
      return Kernel128.INSTANCE;
    }
    if (species == FloatVector.SPECIES_512) {
      return Kernel512.INSTANCE;
    }
    throw new IllegalArgumentException("unsupported float species: " + species);
  }

  /**
   * C tile = alpha·(Ap·Bp) + beta·C tile, with C's old value ignored when {@code beta == 0}.
   *
   * @param ap packed A strip at {@code aOff}: [kc, MR], row-major
   * @param bp packed B strip at {@code bOff}: [kc, nr], row-major
   * @param c the tile's top-left element at {@code cOff}, rows {@code ldc} apart; only [rows, cols] is written
   * @param tile scratch of MR·nr floats for partial tiles
   */
  abstract void compute(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc,
      int rows, int cols, float alpha, float beta, float[] tile);

  /** Writes a partial tile from {@code tile} [MR, nr] into C with the same rounding as the vector update. */
  final void updatePartial(float[] tile, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
      float beta) {
    for (int r = 0; r < rows; r++) {
      int ci = cOff + r * ldc;
      int ti = r * nr;
      for (int j = 0; j < cols; j++) {
        // Same two products and one sum as acc.mul(alpha).add(c.mul(beta)), so a row gives identical bits
        // whether it falls in a full tile or a partial one.
        c[ci + j] = beta == 0f ? alpha * tile[ti + j] : alpha * tile[ti + j] + beta * c[ci + j];
      }
    }
  }
}
