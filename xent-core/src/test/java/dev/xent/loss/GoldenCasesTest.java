package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.data.Matrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every golden case through the Java API: value, per-sample values and gradient.
 *
 * <p>The cases come from {@code src/test/python/make_golden.py}, an oracle independent of this code: PyTorch's own
 * {@code cross_entropy} / {@code binary_cross_entropy(_with_logits)} for the PyTorch convention, and the Keras 3
 * formulas (evaluated in float32, as Keras does) for the Keras convention, with autograd gradients. Each case
 * carries its tolerance: an actual x passes when {@code |x - e| <= abs + rel·|e|}. The defaults are 1e-9 relative
 * and 1e-12 absolute for float64 cases (both sides evaluate in double; the slack is summation order), and 1e-5
 * relative and 1e-6 absolute for float32 cases (the oracle is pure float32, Precision.FLOAT32 keeps intermediates
 * in double). A few float32 cases whose float32 rounding is itself of that order (binary focal from logits beyond
 * |z| ≈ 10, where float32 keeps one or two digits of 1 - σ(z)) carry a wider tolerance, measured by the generator
 * against a float64 evaluation and noted in the case; the gradient has its own ({@code gradient_tolerance}).
 */
class GoldenCasesTest {
  private static final String[] FILES = {
    "categorical", "sparse_categorical", "binary", "categorical_focal", "binary_focal"
  };
  // The generator writes about 1800 cases; fewer means a file went missing or was truncated.
  private static final int MIN_CASES = 1500;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> goldenCases() {
    return loadCases().stream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> check(c)));
  }

  /**
   * The float32 cases of categorical and sparse categorical cross-entropy from logits, through the fused training
   * path: it promises the same semantics in float32, so it must meet the same per-case tolerance.
   */
  @TestFactory
  Stream<DynamicTest> goldenCasesThroughTheFusedPath() {
    return loadCases().stream()
        .filter(c -> c.get("options").get("from_logits").asBoolean()
            && c.get("options").get("precision").asText().equals("float32")
            && (c.get("loss").asText().equals("categorical") || c.get("loss").asText().equals("sparse-categorical")))
        .map(c -> DynamicTest.dynamicTest(c.get("id").asText() + " fused", () -> checkFused(c)));
  }

  @Test
  void allGoldenFilesArePresent() {
    assertThat(loadCases()).hasSizeGreaterThanOrEqualTo(MIN_CASES);
  }

  private static List<JsonNode> loadCases() {
    List<JsonNode> cases = new ArrayList<>();
    for (String f : FILES) {
      String path = "/golden/" + f + ".json";
      try (InputStream in = GoldenCasesTest.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource " + path + ": run make_golden.py");
        }
        JSON.readTree(in).get("cases").forEach(cases::add);
      } catch (IOException e) {
        throw new UncheckedIOException(path, e);
      }
    }
    return cases;
  }

  static LossOptions options(JsonNode o) {
    LossOptions opts = LossOptions.of(Convention.valueOf(upper(o.get("convention"))))
        .withFromLogits(o.get("from_logits").asBoolean())
        .withLabelSmoothing(o.get("label_smoothing").asDouble())
        .withClassWeights(o.get("class_weights").isNull() ? null : doubles(o.get("class_weights")))
        .withIgnoreClass(o.get("ignore_class").isNull() ? null : o.get("ignore_class").asInt())
        .withReduction(Reduction.valueOf(upper(o.get("reduction"))))
        .withAlpha(o.get("alpha").asDouble())
        .withGamma(o.get("gamma").asDouble())
        .withClassBalancing(o.get("apply_class_balancing").asBoolean())
        .withPrecision(Precision.valueOf(upper(o.get("precision"))));
    return opts;
  }

  private static void check(JsonNode c) {
    LossKind kind = LossKind.parse(c.get("loss").asText());
    LossOptions opts = options(c.get("options"));
    Loss loss = Loss.create(kind, opts);
    Matrix yPred = matrix(c.get("y_pred"));
    double[] sw = c.get("sample_weight").isNull() ? null : doubles(c.get("sample_weight"));
    LossResult r;
    if (kind.sparseTargets()) {
      r = ((SparseCategoricalCrossentropy) loss).compute(ints(c.get("labels")), yPred, sw, true);
    } else {
      r = ((DenseTargetLoss) loss).compute(matrix(c.get("y_true")), yPred, sw, true);
    }
    JsonNode exp = c.get("expected");
    double rel = c.get("tolerance").get("rel").asDouble();
    double abs = c.get("tolerance").get("abs").asDouble();
    JsonNode gt = c.has("gradient_tolerance") ? c.get("gradient_tolerance") : c.get("tolerance");
    double gRel = gt.get("rel").asDouble();
    double gAbs = gt.get("abs").asDouble();
    List<String> bad = new ArrayList<>();
    compare("value", number(exp.get("value")), r.value(), rel, abs, bad);
    double[] ps = doubles(exp.get("per_sample"));
    if (r.perSample() == null || r.perSample().length != ps.length) {
      bad.add("perSample has " + (r.perSample() == null ? "null" : r.perSample().length) + " entries, expected "
          + ps.length);
    } else {
      for (int i = 0; i < ps.length; i++) {
        compare("perSample[" + i + "]", ps[i], r.perSample()[i], rel, abs, bad);
      }
    }
    Matrix g = matrix(exp.get("gradient"));
    if (r.gradient() == null || r.gradient().rows() != g.rows() || r.gradient().cols() != g.cols()) {
      bad.add("gradient shape " + (r.gradient() == null ? "null" : r.gradient().shape()) + ", expected " + g.shape());
    } else {
      for (int i = 0; i < g.rows(); i++) {
        for (int j = 0; j < g.cols(); j++) {
          compare("gradient[" + i + "][" + j + "]", g.get(i, j), r.gradient().get(i, j), gRel, gAbs, bad);
        }
      }
    }
    if (!bad.isEmpty()) {
      int shown = Math.min(bad.size(), 8);
      fail(c.get("id").asText() + " " + kind.cliName() + " " + opts + (c.has("note") ? " (" + c.get("note").asText()
          + ")" : "") + ": " + bad.size() + " mismatches (rel " + rel + ", abs " + abs + "):\n  "
          + String.join("\n  ", bad.subList(0, shown)));
    }
  }

  private static void checkFused(JsonNode c) {
    LossOptions opts = options(c.get("options"));
    Matrix yPred = matrix(c.get("y_pred"));
    int rows = yPred.rows();
    int cols = yPred.cols();
    FusedSoftmaxCrossEntropy fused = new FusedSoftmaxCrossEntropy(opts, rows, cols);
    float[] logits = floats(yPred.data());
    float[] sw = c.get("sample_weight").isNull() ? null : floats(doubles(c.get("sample_weight")));
    float[] grad = new float[rows * cols];
    double value = c.has("labels")
        ? fused.sparse(logits, rows, ints(c.get("labels")), sw, grad)
        : fused.dense(logits, rows, floats(matrix(c.get("y_true")).data()), sw, grad);
    JsonNode exp = c.get("expected");
    double rel = c.get("tolerance").get("rel").asDouble();
    double abs = c.get("tolerance").get("abs").asDouble();
    JsonNode gt = c.has("gradient_tolerance") ? c.get("gradient_tolerance") : c.get("tolerance");
    List<String> bad = new ArrayList<>();
    compare("value", number(exp.get("value")), value, rel, abs, bad);
    double[] ps = doubles(exp.get("per_sample"));
    for (int i = 0; i < rows; i++) {
      compare("perSample[" + i + "]", ps[i], fused.perSample()[i], rel, abs, bad);
    }
    Matrix g = matrix(exp.get("gradient"));
    for (int k = 0; k < grad.length; k++) {
      compare("gradient[" + k / cols + "][" + k % cols + "]", g.data()[k], grad[k], gt.get("rel").asDouble(),
          gt.get("abs").asDouble(), bad);
    }
    if (!bad.isEmpty()) {
      fail(c.get("id").asText() + " fused " + opts + ": " + bad.size() + " mismatches (rel " + rel + ", abs " + abs
          + "):\n  " + String.join("\n  ", bad.subList(0, Math.min(bad.size(), 8))));
    }
  }

  private static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static void compare(String what, double expected, double actual, double rel, double abs,
      List<String> bad) {
    if (Double.isNaN(expected)) {
      if (!Double.isNaN(actual)) {
        bad.add(what + ": expected NaN, got " + actual);
      }
      return;
    }
    if (!(Math.abs(actual - expected) <= abs + rel * Math.abs(expected))) {
      bad.add(what + ": expected " + expected + ", got " + actual);
    }
  }

  private static String upper(JsonNode n) {
    return n.asText().toUpperCase(Locale.ROOT);
  }

  static double number(JsonNode n) {
    return n.isTextual() && n.asText().equals("nan") ? Double.NaN : n.asDouble();
  }

  static double[] doubles(JsonNode a) {
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = number(a.get(i));
    }
    return d;
  }

  static int[] ints(JsonNode a) {
    int[] d = new int[a.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = a.get(i).asInt();
    }
    return d;
  }

  /** [rows, cols] from nested JSON rows. */
  static Matrix matrix(JsonNode rows) {
    double[][] m = new double[rows.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = doubles(rows.get(i));
    }
    return Matrix.of(m);
  }
}
