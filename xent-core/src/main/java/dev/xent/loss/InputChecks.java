package dev.xent.loss;

import dev.xent.data.Matrix;
import java.util.List;

/**
 * The guard rails every loss runs before it computes: shapes, finiteness, weights and value ranges. Each failure
 * is a {@link LossInputException} whose message says where the problem is and what to do; the messages are
 * printed by the command line as they are, so they speak of arrays, rows and options, not of Java.
 */
final class InputChecks {
  /** How far a probability row may be from summing to 1 and still look like probabilities (softmax output). */
  static final double ROW_SUM_TOLERANCE = 1e-3;

  private InputChecks() {}

  static void requireNonEmpty(Matrix yPred) {
    if (yPred.rows() == 0 || yPred.cols() == 0) {
      throw new LossInputException("y_pred is empty (shape " + yPred.shape()
          + "): there is nothing to compute a loss on; give at least one row and one column");
    }
  }

  static void requireSameShape(Matrix yTrue, Matrix yPred) {
    if (yTrue.rows() != yPred.rows() || yTrue.cols() != yPred.cols()) {
      throw new LossInputException("y_true has shape " + yTrue.shape() + " but y_pred has shape " + yPred.shape()
          + ": they must be the same (one target value per prediction value)");
    }
  }

  /** The categorical losses want one target column per class; one column is the classic integer-label mistake. */
  static void requireCategoricalTargets(Matrix yTrue, Matrix yPred, String lossName) {
    if (yTrue.cols() == 1 && yPred.cols() > 1 && yTrue.rows() == yPred.rows()) {
      throw new LossInputException("y_true has 1 column but y_pred has " + yPred.cols() + " columns: y_true looks like"
          + " integer class ids: use sparse-categorical (--loss sparse-categorical), or one-hot encode the targets for "
          + lossName);
    }
    requireSameShape(yTrue, yPred);
  }

  /**
   * A probability row with one column is always 1 after normalising, so the loss cannot learn anything: a yes/no
   * target belongs to the binary loss.
   */
  static void requireSeveralClasses(Matrix yPred, String lossName) {
    if (yPred.cols() == 1) {
      throw new LossInputException("y_pred has a single column: " + lossName + " needs one column per class (a "
          + "probability over one class is always 1); for a yes/no target use binary (--loss binary)");
    }
  }

  /** On the logits path one column is legal (the loss is then 0) but almost surely a mistake. */
  static void warnSingleColumn(Matrix yPred, String lossName, List<String> warnings) {
    if (yPred.cols() == 1) {
      warnings.add("y_pred has a single column: a softmax over one class is always 1, so " + lossName
          + " is constant and teaches nothing; for a yes/no target use binary (--loss binary)");
    }
  }

  static void requireFinite(String name, Matrix m) {
    double[] d = m.data();
    for (int k = 0; k < d.length; k++) {
      if (!Double.isFinite(d[k])) {
        throw new LossInputException(at(name, m, k) + " is " + d[k]
            + ": the loss needs finite numbers; remove or fill the missing or overflowed values");
      }
    }
  }

  /** Where flat index k of m is, as the messages say it: {@code y_pred row 1, column 2}. */
  private static String at(String name, Matrix m, int k) {
    return name + " row " + k / m.cols() + ", column " + k % m.cols();
  }

  /** Sample weights: one finite, non-negative number per row (null means all 1). */
  static void requireSampleWeights(double[] sampleWeight, int rows) {
    if (sampleWeight == null) {
      return;
    }
    if (sampleWeight.length != rows) {
      throw new LossInputException("sample weights have " + sampleWeight.length + " entries but there are " + rows
          + " rows: give one weight per row");
    }
    for (int i = 0; i < rows; i++) {
      double w = sampleWeight[i];
      if (!Double.isFinite(w)) {
        throw new LossInputException("sample weight of row " + i + " is " + w + ": weights must be finite numbers");
      }
      if (w < 0) {
        throw new LossInputException("sample weight of row " + i + " is " + w + ": weights must be >= 0");
      }
    }
  }

  static void requireClassWeights(LossOptions options, int classes) {
    if (options.hasClassWeights() && options.classWeights().length != classes) {
      throw new LossInputException("class weights have " + options.classWeights().length + " entries but y_pred has "
          + classes + " classes: give one weight per class");
    }
  }

  /** Probabilities must lie in [0, 1]; anything else is most likely logits given without fromLogits. */
  static void requireProbabilities(Matrix yPred) {
    requireUnitInterval("y_pred", yPred, " where probabilities are expected: pass --from-logits (fromLogits=true) if "
        + "these are logits");
  }

  /** Binary targets are labels or probabilities of the positive class. */
  static void requireBinaryTargets(Matrix yTrue) {
    requireUnitInterval("y_true", yTrue, ": binary targets are 0/1 labels or probabilities; for class ids use "
        + "sparse-categorical (--loss sparse-categorical)");
  }

  /** Every value of {@code m} in [0, 1]; the first one outside is reported with its row, column and {@code fix}. */
  private static void requireUnitInterval(String name, Matrix m, String fix) {
    double[] d = m.data();
    for (int k = 0; k < d.length; k++) {
      if (d[k] < 0 || d[k] > 1) {
        throw new LossInputException(at(name, m, k) + " is " + d[k] + ", outside [0, 1]" + fix);
      }
    }
  }

  /** The class id of a row must be a class of y_pred or the ignore class. */
  static void requireClassId(int row, int label, int classes, Integer ignoreClass) {
    if (label < 0 || label >= classes) {
      throw new LossInputException("row " + row + ": class id " + label + " is outside the valid range [0, " + classes
          + ")" + (ignoreClass == null ? "" : " and is not the ignore class " + ignoreClass)
          + ": class ids must number the columns of y_pred from 0");
    }
  }

  /**
   * Logits that already look like probabilities (every row in [0, 1] and summing to 1) usually mean a softmax was
   * applied in the model and again in the loss.
   */
  static void warnIfProbabilities(Matrix yPred, List<String> warnings) {
    int cols = yPred.cols();
    if (cols < 2) {
      return;
    }
    double[] d = yPred.data();
    for (int i = 0; i < yPred.rows(); i++) {
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        double v = d[i * cols + c];
        if (v < 0 || v > 1) {
          return;
        }
        sum += v;
      }
      if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
        return;
      }
    }
    warnings.add("y_pred rows look like probabilities (each sums to 1): a softmax may have been applied twice; if "
        + "they are probabilities, pass --from-probabilities (fromLogits=false)");
  }
}
