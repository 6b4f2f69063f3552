package dev.xent.kernel.vector;

/**
 * The products of {@link dev.xent.kernel.KernelProvider#panelLogits} and
 * {@link dev.xent.kernel.KernelProvider#panelGradient} at one vector width; see {@link SimdPanels}.
 */
interface PanelKernel {
  /** Floats of scratch {@link #logits} needs: a 16-lane vector for each of 4 classes of each row of a block. */
  int SCRATCH = dev.xent.kernel.RowPanels.ROWS * 4 * 16;

  /**
   * See {@link dev.xent.kernel.KernelProvider#panelLogits}; {@code acc}: scratch of at least {@link #SCRATCH}
   * floats.
   */
  void logits(float[] x, int xOff, int rows, int dp, float[] w, float[] bias, int c, float[] z, int zOff,
      float[] acc);

  /** See {@link dev.xent.kernel.KernelProvider#panelGradient}. */
  void gradient(float[] x, int xOff, int rows, int dp, float[] gt, int c, float[] gw, int gwOff);
}
