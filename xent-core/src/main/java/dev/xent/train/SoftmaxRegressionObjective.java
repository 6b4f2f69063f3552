package dev.xent.train;

import dev.xent.data.Standardizer;
import dev.xent.kernel.KernelProvider;
import dev.xent.kernel.Kernels;
import dev.xent.kernel.RowPanels;
import dev.xent.kernel.RowParallel;
import dev.xent.optim.DifferentiableFunction;
import java.util.Arrays;

/**
 * The scaled penalised objective of {@link SoftmaxRegression} over θ = [W (c×d, row-major), b (c)]:
 * {@code f = (1/S)·(Σ_i s_i·CE_i + ‖W‖²/(2C))}, with its gradient.
 *
 * <p>The features are copied once, standardised, into the {@link RowPanels} layout, and one evaluation is one pass
 * over its blocks: a block's logits {@code X_b·Wᵀ + b} ({@link KernelProvider#panelLogits}), its fused softmax
 * cross-entropy and gradient G_b, then {@code G_bᵀ·X_b} added into the weight gradient
 * ({@link KernelProvider#panelGradient}) while X_b is still in cache. Computing all logits first and the gradient
 * after would read X (188 MB for Fashion-MNIST) twice from memory.
 *
 * <p>The blocks form a number of groups that depends on n alone; each group sums its blocks in order into its own
 * partial gradient and loss, and the partials are summed in group order in double. Threads take whole groups, so
 * the value and gradient have the same bits on any number of threads.
 *
 * <p>Not thread-safe; allocation-free after construction.
 */
final class SoftmaxRegressionObjective implements DifferentiableFunction {
  /**
   * Groups (units that threads take) at most: enough for 8 threads to take 4 each in turn, few enough that their
   * partial gradients (32 x 7840 floats for Fashion-MNIST, 1 MB) cost little to sum.
   */
  static final int MAX_GROUPS = 32;

  private final float[] x; // panels of [n, d]
  private final int n;
  private final int d;
  private final int dp;
  private final int c;
  private final int[] labels;
  private final float[] rowWeight;
  private final double weightSum;
  private final double invC;
  private final int blocks;
  private final int groups;
  private final float[] wRows; // [c, d]: W of θ in float
  private final float[] w; // [c, dp]: the same in class groups (RowPanels.packWeights)
  private final float[] bias; // [c]
  private final float[] logits; // [n, c]
  private final float[] grad; // [n, c]
  private final double[] rowLoss; // [n]
  private final float[][] groupGradT; // per group [c, ROWS]: a block's G_b transposed
  private final float[] groupGradW; // [groups, c, dp]
  private final double[] groupGradB; // [groups, c]
  private final double[] groupLoss; // [groups]
  private final RowParallel.RangeBody groupBody = this::runGroups;

  /**
   * @param features [n, d], row-major
   * @param standardizer applied to the features as they are copied, or null
   * @param labels class ids in [0, c), as {@link dev.xent.data.Dataset} guarantees
   * @param rowWeight per-row weights s_i
   * @param weightSum S = Σ s_i
   * @param cReg the inverse regularisation strength C
   */
  SoftmaxRegressionObjective(float[] features, Standardizer standardizer, int n, int d, int c, int[] labels,
      float[] rowWeight, double weightSum, double cReg) {
    this.n = n;
    this.d = d;
    this.dp = RowPanels.paddedWidth(d);
    this.c = c;
    this.labels = labels;
    this.rowWeight = rowWeight;
    this.weightSum = weightSum;
    this.invC = 1.0 / cReg;
    this.blocks = RowPanels.blocks(n);
    this.groups = Math.max(1, Math.min(MAX_GROUPS, blocks));
    long panelFloats = RowPanels.size(n, d);
    if (panelFloats > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " rows x " + d + " features are too many for softmax regression's "
          + "working copy (" + panelFloats + " floats, at most " + (Integer.MAX_VALUE - 8) + " in one Java array); "
          + "fit on fewer rows or features");
    }
    this.x = new float[(int) panelFloats];
    float[] shift = standardizer == null ? null : standardizer.mean();
    float[] scale = standardizer == null ? null : standardizer.std();
    Kernels.parallelFor(blocks, 1, (from, to) -> RowPanels.pack(features, d, from * RowPanels.ROWS,
        Math.min(n, to * RowPanels.ROWS), shift, scale, x));
    this.wRows = new float[c * d];
    this.w = new float[c * dp];
    this.bias = new float[c];
    this.logits = new float[n * c];
    this.grad = new float[n * c];
    this.rowLoss = new double[n];
    this.groupGradT = new float[groups][c * RowPanels.ROWS];
    this.groupGradW = new float[groups * c * dp];
    this.groupGradB = new double[groups * c];
    this.groupLoss = new double[groups];
  }

  /** Writes the float32 weights and intercepts of θ into a layer's arrays ([c, d] and [c]). */
  void unpack(double[] theta, float[] weight, float[] intercept) {
    for (int k = 0; k < c; k++) {
      for (int j = 0; j < d; j++) {
        weight[k * d + j] = (float) theta[k * d + j];
      }
      intercept[k] = (float) theta[c * d + k];
    }
  }

  @Override
  public double evaluate(double[] theta, double[] gradOut) {
    unpack(theta, wRows, bias);
    RowPanels.packWeights(wRows, c, d, w);
    Arrays.fill(groupGradW, 0f);
    Arrays.fill(groupGradB, 0.0);
    Kernels.parallelFor(groups, 1, groupBody);
    double ce = 0;
    for (int g = 0; g < groups; g++) {
      ce += groupLoss[g];
    }
    double scale = 1.0 / weightSum;
    double penalty = 0;
    for (int k = 0; k < c; k++) {
      for (int j = 0; j < d; j++) {
        double sum = 0;
        for (int g = 0; g < groups; g++) {
          sum += groupGradW[(g * c + k) * dp + j];
        }
        double wi = theta[k * d + j];
        penalty += wi * wi;
        gradOut[k * d + j] = scale * (sum + invC * wi);
      }
      double sum = 0;
      for (int g = 0; g < groups; g++) {
        sum += groupGradB[g * c + k];
      }
      gradOut[c * d + k] = scale * sum;
    }
    return scale * (ce + 0.5 * invC * penalty);
  }

  /** Groups [from, to): each on the calling thread, alone. */
  private void runGroups(int from, int to) {
    for (int g = from; g < to; g++) {
      runGroup(g);
    }
  }

  private void runGroup(int g) {
    KernelProvider p = Kernels.provider();
    float[] gt = groupGradT[g];
    int firstBlock = (int) ((long) g * blocks / groups);
    int endBlock = (int) ((long) (g + 1) * blocks / groups);
    double loss = 0;
    for (int blk = firstBlock; blk < endBlock; blk++) {
      int r0 = blk * RowPanels.ROWS;
      int rows = Math.min(RowPanels.ROWS, n - r0);
      int xOff = RowPanels.blockOffset(blk, d);
      // Z_b [rows, c] = X_b · Wᵀ + b
      p.panelLogits(x, xOff, rows, dp, w, bias, c, logits, r0 * c);
      // G_b = s_i·(softmax(z_i) - e_{y_i}), per-row loss s_i·CE_i
      p.softmaxXentSparse(logits, c, labels, rowWeight, null, null, 1f, rowLoss, grad, r0, r0 + rows);
      for (int r = 0; r < rows; r++) {
        loss += rowLoss[r0 + r];
        for (int k = 0; k < c; k++) {
          float gv = grad[(r0 + r) * c + k];
          gt[k * RowPanels.ROWS + r] = gv;
          groupGradB[g * c + k] += gv;
        }
      }
      // ∂/∂W [c, dp] += G_bᵀ · X_b, X_b still in cache
      p.panelGradient(x, xOff, rows, dp, gt, c, groupGradW, g * c * dp);
    }
    groupLoss[g] = loss;
  }
}
