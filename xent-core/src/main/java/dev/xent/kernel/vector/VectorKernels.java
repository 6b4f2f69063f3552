package dev.xent.kernel.vector;

import dev.xent.kernel.KernelProvider;
import dev.xent.kernel.scalar.ScalarKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the JDK Vector API. Created reflectively by {@code ProviderLookup} only when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Each width's fused softmax cross-entropy is a copy of {@link SimdSoftmaxXent} with the species as a
 * compile-time constant (see there), so a width forced for testing runs compiled code, not the Vector API's
 * boxed fallback. Widths above the hardware's still work, more slowly (the JIT splits them).
 */
public final class VectorKernels implements KernelProvider {
  private final VectorSpecies<Float> species;
  private final SoftmaxXentRows xent;
  private final PanelKernel panels;
  /** Scratch for {@link PanelKernel#logits}, one per thread. */
  private final ThreadLocal<float[]> panelScratch = ThreadLocal.withInitial(() -> new float[PanelKernel.SCRATCH]);
  private final ScalarKernels scalar = new ScalarKernels();
  /** Whether {@link VectorGemm} has a micro-kernel for this width (128, 256 or 512 bits). */
  private final boolean gemmVectorized;

  /**
   * @param forcedBitSize -1 for the preferred species, or 128, 256 or 512 for that width
   * @throws IllegalArgumentException for any other width
   */
  public VectorKernels(int forcedBitSize) {
    this.species = forcedBitSize == -1 ? FloatVector.SPECIES_PREFERRED : speciesOf(forcedBitSize);
    this.xent = SpeciesCopies.instance(SimdSoftmaxXent.class, SoftmaxXentRows.class, species, SimdSoftmaxXent::new);
    this.panels = SpeciesCopies.instance(SimdPanels.class, PanelKernel.class, species, SimdPanels::new);
    this.gemmVectorized = VectorGemm.supports(species);
  }

  private static VectorSpecies<Float> speciesOf(int bits) {
    return switch (bits) {
      case 128, 256, 512 -> FloatVector.SPECIES_MAX.withShape(VectorShape.forBitSize(bits));
      default -> throw new IllegalArgumentException(
          "vector bit size must be 0 (scalar), 128, 256 or 512, got " + bits);
    };
  }

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public int vectorBitSize() {
    return species.vectorBitSize();
  }

  @Override
  public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
  }

  @Override
  public int gemmSkinnyMax() {
    return gemmVectorized ? VectorGemm.SKINNY_MAX : 0;
  }

  @Override
  public int gemmPackedBSize(int m, int n, int k) {
    return gemmVectorized ? VectorGemm.packedBSize(species, m, n, k) : 0;
  }

  @Override
  public int gemmPackedBStrips(int n) {
    return gemmVectorized ? VectorGemm.packedBStrips(species, n) : 0;
  }

  @Override
  public int gemmRowTile() {
    return gemmVectorized ? VectorGemm.ROW_TILE : 1;
  }

  @Override
  public void gemmPackB(boolean transB, int n, int k, float[] b, int bOff, int ldb, float[] packed, int from,
      int to) {
    requireGemmVectorized();
    VectorGemm.packBStrips(species, transB, n, k, b, bOff, ldb, packed, from, to);
  }

  @Override
  public void sgemmPackedB(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
      float[] packed, float beta, float[] c, int cOff, int ldc) {
    requireGemmVectorized();
    VectorGemm.sgemmPackedB(species, transA, m, n, k, alpha, a, aOff, lda, packed, beta, c, cOff, ldc);
  }

  private void requireGemmVectorized() {
    if (!gemmVectorized) {
      throw new UnsupportedOperationException("no packed sgemm at " + species);
    }
  }

  /** The matrix product: {@link VectorGemm} at this provider's width, the scalar loops for a width it lacks. */
  private void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    if (gemmVectorized) {
      VectorGemm.sgemm(species, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    } else {
      scalar.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }
  }

  @Override
  public void softmaxXentSparse(float[] logits, int cols, int[] labels, float[] hardCoef, float[] softCoef,
      float[] softTarget, float gradScale, double[] lossOut, float[] gradOut, int from, int to) {
    if (softCoef != null && cols < species.length()) {
      // soft terms over rows shorter than a vector: every logit would be a scalar tail anyway
      scalar.softmaxXentSparse(logits, cols, labels, hardCoef, softCoef, softTarget, gradScale, lossOut, gradOut,
          from, to);
      return;
    }
    xent.sparse(logits, cols, labels, hardCoef, softCoef, softTarget, gradScale, lossOut, gradOut, from, to);
  }

  @Override
  public void softmaxXentDense(float[] logits, float[] targets, int cols, float smoothing, float[] classWeights,
      float[] rowCoef, float gradScale, double[] lossOut, float[] gradOut, int from, int to) {
    if (cols < species.length()) {
      // rows shorter than a vector: every logit would be a scalar tail anyway
      scalar.softmaxXentDense(logits, targets, cols, smoothing, classWeights, rowCoef, gradScale, lossOut, gradOut,
          from, to);
      return;
    }
    xent.dense(logits, targets, cols, smoothing, classWeights, rowCoef, gradScale, lossOut, gradOut, from, to);
  }

  @Override
  public void panelLogits(float[] x, int xOff, int rows, int dp, float[] w, float[] bias, int c, float[] z,
      int zOff) {
    panels.logits(x, xOff, rows, dp, w, bias, c, z, zOff, panelScratch.get());
  }

  @Override
  public void panelGradient(float[] x, int xOff, int rows, int dp, float[] gt, int c, float[] gw, int gwOff) {
    panels.gradient(x, xOff, rows, dp, gt, c, gw, gwOff);
  }

  @Override
  public String toString() {
    return "vector(" + species + ")";
  }
}
