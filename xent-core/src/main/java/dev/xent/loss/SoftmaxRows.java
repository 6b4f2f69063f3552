package dev.xent.loss;

/**
 * Row math of the categorical family: cross-entropy of one row of y_pred against a target vector v, from logits or
 * from probabilities, with an optional focal factor, and its gradient by the exact chain rule.
 *
 * <p>The target vector v already holds label smoothing and, under the PyTorch convention, the class weights
 * ({@code v_c = w_c·y'_c}); so every member of the family is {@code l = -Σ_c v_c·f(q_c)·log q_c}.
 */
final class SoftmaxRows {
  private SoftmaxRows() {}

  /** log Σ exp(z_c), shifted by the row maximum so that no exp overflows (logits ±1e4 stay exact). */
  static double logSumExp(double[] z, int off, int cols) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < cols; c++) {
      max = Math.max(max, z[off + c]);
    }
    double sum = 0;
    for (int c = 0; c < cols; c++) {
      sum += Math.exp(z[off + c] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * From logits: {@code l = -Σ_c v_c·logsoftmax(z)_c = Σ_c v_c·(lse - z_c)}; written per term so that huge logits
   * do not cancel. Gradient {@code (Σ_c v_c)·softmax(z) - v} (G1/G6), the exact one even when v does not sum to 1.
   *
   * @param z [.., cols] logits, row at {@code off}
   * @param v [cols] target vector
   * @param grad receives ∂l/∂z at {@code off}, or null
   */
  static double fromLogits(double[] z, int off, int cols, double[] v, double[] grad) {
    double lse = logSumExp(z, off, cols);
    double loss = 0;
    double sumV = 0;
    for (int c = 0; c < cols; c++) {
      if (v[c] != 0) {
        loss += v[c] * (lse - z[off + c]);
        sumV += v[c];
      }
    }
    if (grad != null) {
      for (int c = 0; c < cols; c++) {
        grad[off + c] = sumV * Math.exp(z[off + c] - lse) - v[c];
      }
    }
    return loss;
  }

  /** softmax(z) of one row into {@code out[0, cols)}. */
  static void softmax(double[] z, int off, int cols, double[] out) {
    double lse = logSumExp(z, off, cols);
    for (int c = 0; c < cols; c++) {
      out[c] = Math.exp(z[off + c] - lse);
    }
  }

  /**
   * From probabilities: {@code s = Σp} (1 without renormalising), {@code q = clip(p/s, lo, hi)},
   * {@code l = Σ_c α·(1-q_c)^γ·(-v_c·log q_c)}. With α = 1 and γ = 0 this is plain cross-entropy.
   *
   * <p>Gradient: {@code ∂l/∂q_c = -α·v_c·[(1-q_c)^γ/q_c - γ·(1-q_c)^(γ-1)·log q_c]} (G13, G9 for γ = 0), zero for a
   * clipped component (the clip passes no gradient), then through the renormalisation:
   * {@code ∂l/∂p_k = (g_k - Σ_j g_j·p_j/s)/s} (G10).
   *
   * @param p [.., cols] probabilities, row at {@code off}
   * @param v [cols] target vector
   * @param grad receives ∂l/∂p at {@code gradOff}, or null
   * @param row the row number, for the error message of a row that sums to 0
   */
  static double fromProbabilities(double[] p, int off, int cols, double[] v, boolean renormalise, Numerics num,
      double alpha, double gamma, double[] grad, int gradOff, int row) {
    double s = 1.0;
    if (renormalise) {
      s = 0;
      for (int c = 0; c < cols; c++) {
        s += p[off + c];
      }
      if (!(s > 0)) {
        throw new LossInputException("y_pred row " + row + " sums to 0: a probability row needs at least one "
            + "positive value");
      }
    }
    double loss = 0;
    double dot = 0; // Σ_j g_j·p_j/s, for the renormalisation's gradient
    for (int c = 0; c < cols; c++) {
      if (v[c] == 0) {
        // No target mass: the term, its ∂l/∂q_c and its share of dot are all 0, so no log or pow is needed
        // (for one-hot rows that is C-1 of C components).
        if (grad != null) {
          grad[gradOff + c] = 0;
        }
        continue;
      }
      double raw = num.round(p[off + c] / s);
      double q = num.clip(raw);
      double logQ = Math.log(q);
      double focal = gamma == 0 ? 1.0 : Math.pow(1 - q, gamma);
      loss += alpha * focal * (-v[c] * logQ);
      if (grad != null) {
        double g = 0;
        if (num.passes(raw)) {
          double focalSlope = gamma == 0 ? 0.0 : gamma * Math.pow(1 - q, gamma - 1) * logQ;
          g = -alpha * v[c] * (focal / q - focalSlope);
        }
        grad[gradOff + c] = g;
        dot += g * raw;
      }
    }
    if (grad != null && renormalise) {
      for (int c = 0; c < cols; c++) {
        grad[gradOff + c] = (grad[gradOff + c] - dot) / s;
      }
    }
    return loss;
  }

  /** Chains ∂l/∂p (in place) through p = softmax(z): {@code ∂l/∂z_k = p_k·(g_k - Σ_j g_j·p_j)}. */
  static void backThroughSoftmax(double[] p, double[] grad, int off, int cols) {
    double dot = 0;
    for (int c = 0; c < cols; c++) {
      dot += grad[off + c] * p[c];
    }
    for (int c = 0; c < cols; c++) {
      grad[off + c] = p[c] * (grad[off + c] - dot);
    }
  }
}
