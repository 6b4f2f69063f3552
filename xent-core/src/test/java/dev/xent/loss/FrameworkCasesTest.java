package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.data.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reproduces the Keras 3, PyTorch and TensorFlow {@code tf.nn} reference cases (values from the frameworks' own
 * tests and docstrings, {@code reference/framework_cases.json}) within each case's own tolerance.
 *
 * <p>How a case becomes a call: {@code keras3} uses {@link Convention#KERAS} in {@link Precision#FLOAT32} unless
 * {@code inputs.dtype} is float64; {@code pytorch} uses {@link Convention#TORCH}; {@code tf.nn} cases are per-sample
 * values from logits with no reduction ({@link Convention#TORCH}, float64, no ignore class). Allowed rewrites: rank-3
 * segmentation inputs are flattened to rows; {@code axis=0} transposes; a {@code [[w],..]} or scalar sample weight
 * becomes one weight per row; PyTorch's NLL log-probabilities are passed as logits (their rows are normalised, so
 * log-softmax leaves them as they are); inputs written as code are built here from that code.
 */
class FrameworkCasesTest {
  /** Cases this contract cannot express, with the reason. */
  static final Map<String, String> NOT_EXPRESSED = Map.of(
      "tf-softmax-xent-labels-broadcast-grad",
      "only a gradient is given, TF's kernel gradient softmax - labels (G2) for label rows summing to 0, 8 and 1; "
          + "xent returns the exact gradient (Σy)·softmax - y (G1)");

  /** Expressed cases where one part differs on purpose; the other parts are checked, this part as xent's value. */
  static final Map<String, String> PARTLY_EXPRESSED = Map.of(
      "tf-softmax-xent-single-class",
      "TF's kernel gradient [2,1,0,0] is G2 for labels that do not sum to 1; xent's exact gradient G1 is 0 here",
      "tf-sparse-xent-invalid-label-gpu",
      "the GPU result (NaN rows) is not reproduced: on CPU semantics xent raises an error naming the row, as TF on CPU");

  static final int TOTAL_CASES = 89;

  private static JsonNode cases;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = FrameworkCasesTest.class.getResourceAsStream("/reference/framework_cases.json")) {
      cases = new ObjectMapper().readTree(in).get("cases");
    }
  }

  @Test
  void everyCaseIsExpressedOrListedWithAReason() {
    List<String> ids = new ArrayList<>();
    cases.forEach(c -> ids.add(c.get("id").asText()));
    assertThat(ids).hasSize(TOTAL_CASES).doesNotHaveDuplicates();
    assertThat(ids).containsAll(NOT_EXPRESSED.keySet()).containsAll(PARTLY_EXPRESSED.keySet());
    long expressed = ids.stream().filter(id -> !NOT_EXPRESSED.containsKey(id)).count();
    assertThat(expressed).isEqualTo(88);
  }

  @TestFactory
  Stream<DynamicTest> frameworkCases() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      String id = c.get("id").asText();
      if (!NOT_EXPRESSED.containsKey(id)) {
        tests.add(DynamicTest.dynamicTest(id, () -> check(c)));
      }
    }
    return tests.stream();
  }

  private static void check(JsonNode c) {
    String id = c.get("id").asText();
    String framework = c.get("framework").asText();
    if (id.equals("tf-sparse-xent-invalid-label-gpu")) {
      Case k = Case.of(c);
      assertThatThrownBy(() -> new SparseCategoricalCrossentropy(k.options).compute(k.labels, k.yPred, null, true))
          .isInstanceOf(LossInputException.class)
          .hasMessageContaining("row 0").hasMessageContaining("class id 4").hasMessageContaining("[0, 4)");
      return;
    }
    Case k = Case.of(c);
    LossResult r = k.run();
    JsonNode expected = c.get("expected");
    JsonNode tol = c.get("tolerance");
    if (expected != null && !expected.isNull()) {
      if (expected.isArray()) {
        double[] e = flatten(expected);
        assertThat(r.perSample()).as(id + " per-sample").hasSize(e.length);
        for (int i = 0; i < e.length; i++) {
          assertClose(r.perSample()[i], e[i], tol, id + " per-sample " + i);
        }
      } else if (expected.isTextual() && expected.asText().equals("nan")) {
        assertThat(r.value()).as(id).isNaN();
      } else {
        assertClose(r.value(), expected.asDouble(), tol, id);
      }
    }
    JsonNode grad = c.get("expected_gradient");
    if (grad != null && !grad.isNull()) {
      double[] e = flatten(grad);
      if (id.equals("tf-softmax-xent-single-class")) {
        e = new double[e.length]; // xent: the exact gradient, see PARTLY_EXPRESSED
      }
      assertThat(r.gradient().data()).as(id + " gradient").hasSize(e.length);
      for (int i = 0; i < e.length; i++) {
        assertClose(r.gradient().data()[i], e[i], tol, id + " gradient " + i);
      }
    }
    assertThat(framework).isIn("keras3", "pytorch", "tensorflow");
  }

  /** numpy's allclose rule, |a - e| <= abs + rel·|e|, with the case's own abs and rel. */
  static void assertClose(double actual, double expected, JsonNode tol, String what) {
    double abs = tol.has("abs") ? tol.get("abs").asDouble() : 0;
    double rel = tol.has("rel") ? tol.get("rel").asDouble() : 0;
    assertThat(Math.abs(actual - expected)).as(what + ": actual " + actual + " expected " + expected)
        .isLessThanOrEqualTo(abs + rel * Math.abs(expected));
  }

  static double[] flatten(JsonNode n) {
    List<Double> out = new ArrayList<>();
    flattenInto(n, out);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static void flattenInto(JsonNode n, List<Double> out) {
    if (n.isArray()) {
      n.forEach(x -> flattenInto(x, out));
    } else if (n.isTextual() && n.asText().equals("nan")) {
      out.add(Double.NaN);
    } else {
      out.add(n.asDouble());
    }
  }

  /** The innermost dimension of a nested array (the class axis), 1 for a scalar. */
  static int lastDim(JsonNode n) {
    JsonNode x = n;
    while (x.isArray() && x.get(0).isArray()) {
      x = x.get(0);
    }
    return x.isArray() ? x.size() : 1;
  }

  /** Nested rows of any rank flattened to [rows, last dim]. */
  static Matrix matrix(JsonNode n) {
    double[] d = flatten(n);
    int cols = lastDim(n);
    return new Matrix(d, d.length / cols, cols);
  }

  static Matrix transpose(Matrix m) {
    Matrix t = Matrix.zeros(m.cols(), m.rows());
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < m.cols(); c++) {
        t.set(c, r, m.get(r, c));
      }
    }
    return t;
  }

  /** One case translated into a call. */
  static final class Case {
    LossKind kind;
    LossOptions options;
    Matrix yTrue;
    int[] labels;
    Matrix yPred;
    double[] sampleWeight;
    boolean withGradient;

    static Case of(JsonNode c) {
      Case k = new Case();
      String id = c.get("id").asText();
      String framework = c.get("framework").asText();
      String loss = c.get("loss").asText();
      JsonNode o = c.get("options");
      JsonNode in = c.get("inputs");
      k.withGradient = c.hasNonNull("expected_gradient");
      k.kind = kindOf(loss, in);
      LossOptions opt;
      if (framework.equals("keras3")) {
        boolean f64 = in.has("dtype") && in.get("dtype").asText().equals("float64");
        opt = LossOptions.keras().withPrecision(f64 ? Precision.FLOAT64 : Precision.FLOAT32);
      } else {
        opt = LossOptions.torch();
      }
      if (framework.equals("tensorflow")) {
        opt = opt.withFromLogits(true).withIgnoreClass(null).withReduction(Reduction.NONE);
      }
      if (o.has("from_logits")) {
        opt = opt.withFromLogits(o.get("from_logits").asBoolean());
      }
      if (o.hasNonNull("label_smoothing")) {
        opt = opt.withLabelSmoothing(o.get("label_smoothing").asDouble());
      }
      if (o.hasNonNull("alpha")) {
        opt = opt.withAlpha(o.get("alpha").asDouble());
      }
      if (o.hasNonNull("gamma")) {
        opt = opt.withGamma(o.get("gamma").asDouble());
      }
      if (o.hasNonNull("apply_class_balancing")) {
        opt = opt.withClassBalancing(o.get("apply_class_balancing").asBoolean());
      }
      if (o.has("ignore_class")) {
        opt = opt.withIgnoreClass(o.get("ignore_class").isNull() ? null : o.get("ignore_class").asInt());
      }
      if (o.has("ignore_index")) {
        opt = opt.withIgnoreClass(o.get("ignore_index").asInt());
      }
      if (o.hasNonNull("weight")) {
        opt = opt.withClassWeights(flatten(o.get("weight")));
      }
      if (o.has("reduction")) {
        opt = opt.withReduction(Reduction.parse(o.get("reduction").isNull() ? null : o.get("reduction").asText(),
            opt.convention()));
      } else if (framework.equals("keras3")) {
        opt = opt.withReduction(Reduction.NONE); // keras.ops functions and loss functions: per-sample values
      }
      JsonNode t = first(in, "y_true", "target", "labels", "target_probs");
      JsonNode p = first(in, "y_pred", "output", "logits", "input_logits", "input_log_probs");
      if (id.equals("keras-bce-logit-recovery")) {
        // y_pred = sigmoid(Dense(4, kernel=ones, no bias)([[1.4, 1.6, 0.8]])) = sigmoid([[3.8]*4]), in float32.
        double s = (float) (1 / (1 + Math.exp(-(1.4f + 1.6f + 0.8f))));
        k.yPred = Matrix.of(new double[] {s, s, s, s});
      } else if (id.equals("torch-bcewithlogits-doc-pos-weight")) {
        // torch.full([10, 64], 1.5) against torch.ones([10, 64]); pos_weight = ones(64) is the identity.
        k.yPred = fill(10, 64, 1.5);
        k.yTrue = fill(10, 64, 1.0);
        opt = opt.withFromLogits(true);
      } else {
        k.yPred = matrix(p);
      }
      if (o.hasNonNull("pos_weight") && !id.equals("torch-bcewithlogits-doc-pos-weight")) {
        for (double w : flatten(o.get("pos_weight"))) {
          assertThat(w).as("only pos_weight = 1 (the identity) is expressible").isEqualTo(1.0);
        }
      }
      if (k.kind == LossKind.SPARSE_CATEGORICAL) {
        k.labels = java.util.Arrays.stream(flatten(t)).mapToInt(x -> (int) x).toArray();
      } else if (k.yTrue == null) {
        k.yTrue = matrix(t);
        if (k.yTrue.cols() == 1 && k.yPred.cols() > 1 && k.kind == LossKind.CATEGORICAL) {
          throw new AssertionError(id + ": label broadcast is not expressible");
        }
      }
      if (o.has("axis") && o.get("axis").asInt() == 0) {
        k.yPred = transpose(k.yPred);
        k.yTrue = transpose(k.yTrue);
      }
      if (framework.equals("pytorch") && loss.startsWith("BCEWithLogits")) {
        opt = opt.withFromLogits(true);
      }
      if (in.has("sample_weight")) {
        JsonNode sw = in.get("sample_weight");
        int rows = k.yPred.rows();
        k.sampleWeight = sw.isArray() ? flatten(sw) : fillArray(rows, sw.asDouble());
      }
      k.options = opt;
      return k;
    }

    LossResult run() {
      if (kind == LossKind.SPARSE_CATEGORICAL) {
        return new SparseCategoricalCrossentropy(options).compute(labels, yPred, sampleWeight, withGradient);
      }
      return ((DenseTargetLoss) Loss.create(kind, options)).compute(yTrue, yPred, sampleWeight, withGradient);
    }

    static LossKind kindOf(String loss, JsonNode inputs) {
      String l = loss.toLowerCase(java.util.Locale.ROOT).replace("_", "");
      if (l.contains("focal")) {
        return l.contains("binary") ? LossKind.BINARY_FOCAL : LossKind.CATEGORICAL_FOCAL;
      }
      if (l.contains("sparse") || l.contains("nll")) {
        return LossKind.SPARSE_CATEGORICAL;
      }
      if (l.contains("binary") || l.contains("bce")) {
        return LossKind.BINARY;
      }
      if (l.startsWith("crossentropyloss")) {
        // PyTorch picks the path by the target: class indices, or probabilities shaped like the input.
        return inputs.has("target_probs") ? LossKind.CATEGORICAL : LossKind.SPARSE_CATEGORICAL;
      }
      return LossKind.CATEGORICAL;
    }

    private static JsonNode first(JsonNode in, String... names) {
      for (String n : names) {
        if (in.has(n)) {
          return in.get(n);
        }
      }
      return null;
    }
  }

  static Matrix fill(int rows, int cols, double v) {
    return new Matrix(fillArray(rows * cols, v), rows, cols);
  }

  static double[] fillArray(int n, double v) {
    double[] d = new double[n];
    java.util.Arrays.fill(d, v);
    return d;
  }
}
