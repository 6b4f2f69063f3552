package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.io.Npy;
import dev.xent.io.NumericArray;
import dev.xent.loss.Convention;
import dev.xent.loss.LossKind;
import dev.xent.loss.LossOptions;
import dev.xent.loss.Precision;
import dev.xent.loss.Reduction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code xent loss}: argument parsing on the command object, and every path end to end through
 * {@link Main#commandLine()}. Expected numbers come from the Keras docstrings and from PyTorch 2 ({@code
 * torch.nn.functional}) run once by hand; the snippets are quoted next to each test.
 */
class LossCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path csv(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private Path npy(String name, String dtype, int[] shape, double... values) throws IOException {
    Path p = tmp.resolve(name);
    Npy.write(p, new NumericArray(values, shape, dtype));
    return p;
  }

  /** The Keras docstring case: y_true one-hot [[0,1,0],[0,0,1]], y_pred [[0.05,0.95,0],[0.1,0.8,0.1]]. */
  private Path[] kerasDocstringCsv() throws IOException {
    return new Path[] {csv("y_true.csv", "0,1,0\n0,0,1\n"), csv("y_pred.csv", "0.05,0.95,0\n0.1,0.8,0.1\n")};
  }

  private static String s(Path p) {
    return p.toString();
  }

  private static void assertUserError(CliRun r, String... fragments) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).startsWith("xent: ").contains(fragments).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Nested
  class Parsing {
    private LossCommand parse(String... args) {
      LossCommand c = new LossCommand();
      new CommandLine(c).parseArgs(args);
      return c;
    }

    @Test
    void requiredOptionsAndKerasDefaults() {
      LossCommand c = parse("--loss", "sparse_categorical", "--y-true", "a.csv", "--y-pred", "b.npy");

      assertThat(c.kind).isEqualTo(LossKind.SPARSE_CATEGORICAL);
      assertThat(c.yTrue).isEqualTo(Path.of("a.csv"));
      assertThat(c.yPred).isEqualTo(Path.of("b.npy"));
      assertThat(c.convention).isEqualTo(Convention.KERAS);
      assertThat(c.options(null)).isEqualTo(LossOptions.keras());
    }

    @Test
    void torchConventionDefaultsToLogitsAndWeightedMean() {
      LossOptions o = parse("--loss", "categorical", "--y-true", "a", "--y-pred", "b", "--convention", "torch",
          "--reduction", "mean").options(null);

      assertThat(o.fromLogits()).isTrue();
      assertThat(o.reduction()).isEqualTo(Reduction.WEIGHTED_MEAN);
      assertThat(o.ignoreClass()).isEqualTo(-100);
    }

    @Test
    void kerasMeanIsSumOverBatchSize() {
      assertThat(parse("--loss", "categorical", "--y-true", "a", "--y-pred", "b", "--reduction", "mean")
          .options(null).reduction()).isEqualTo(Reduction.SUM_OVER_BATCH_SIZE);
    }

    @Test
    void fromLogitsIsNegatableAndHasAProbabilitiesAlias() {
      String[] base = {"--loss", "categorical", "--y-true", "a", "--y-pred", "b", "--convention", "torch"};
      assertThat(parse(concat(base, "--no-from-logits")).options(null).fromLogits()).isFalse();
      assertThat(parse(concat(base, "--from-probabilities")).options(null).fromLogits()).isFalse();
      assertThat(parse("--loss", "binary", "--y-true", "a", "--y-pred", "b", "--from-logits").options(null)
          .fromLogits()).isTrue();
      LossCommand both = parse(concat(base, "--from-logits", "--from-probabilities"));
      assertThatThrownBy(() -> both.options(null)).hasMessageContaining("contradict");
    }

    @Test
    void everyOptionReachesTheLossOptions() {
      LossOptions o = parse("--loss", "categorical-focal", "--y-true", "a", "--y-pred", "b",
          "--label-smoothing", "0.1", "--class-weight", "1,2.5,0", "--alpha", "0.5",
          "--gamma", "1.5", "--reduction", "none").options(null);
      LossOptions sparse = parse("--loss", "sparse-categorical", "--y-true", "a", "--y-pred", "b",
          "--ignore-class", "3").options(null);

      assertThat(o.labelSmoothing()).isEqualTo(0.1);
      assertThat(o.classWeights()).containsExactly(1, 2.5, 0);
      assertThat(sparse.ignoreClass()).isEqualTo(3);
      assertThat(o.alpha()).isEqualTo(0.5);
      assertThat(o.gamma()).isEqualTo(1.5);
      assertThat(o.reduction()).isEqualTo(Reduction.NONE);
      assertThat(o.applyClassBalancing()).isFalse();
    }

    @Test
    void alphaTurnsOnClassBalancingForBinaryFocal() {
      assertThat(parse("--loss", "binary-focal", "--y-true", "a", "--y-pred", "b", "--alpha", "0.3")
          .options(null).applyClassBalancing()).isTrue();
    }

    @Test
    void torchPrecisionFollowsThePredictionFile() {
      LossCommand c = parse("--loss", "categorical", "--y-true", "a", "--y-pred", "b", "--convention", "torch");
      NumericArray f32 = new NumericArray(new double[] {1}, new int[] {1, 1}, "float32");
      NumericArray f64 = new NumericArray(new double[] {1}, new int[] {1, 1}, "float64");

      assertThat(c.options(f32).precision()).isEqualTo(Precision.FLOAT32);
      assertThat(c.options(f64).precision()).isEqualTo(Precision.FLOAT64);
      assertThat(parse("--loss", "categorical", "--y-true", "a", "--y-pred", "b").options(f64).precision())
          .isEqualTo(Precision.FLOAT32);
    }

    @Test
    void focalOptionsOnAPlainLossAreRejected() {
      LossCommand c = parse("--loss", "categorical", "--y-true", "a", "--y-pred", "b", "--gamma", "2");

      assertThatThrownBy(() -> c.options(null)).hasMessageContaining("only to categorical-focal and binary-focal");
    }

    @Test
    void ignoreClassOnADenseLossIsRejected() {
      // Dense targets have no class id to ignore (Keras and PyTorch agree); the flag would silently do nothing.
      for (String kind : new String[] {"categorical", "binary", "categorical-focal", "binary-focal"}) {
        LossCommand c = parse("--loss", kind, "--y-true", "a", "--y-pred", "b", "--ignore-class", "1");
        assertThatThrownBy(() -> c.options(null)).as(kind)
            .hasMessageContaining("--ignore-class applies only to sparse-categorical")
            .hasMessageContaining("--sample-weight");
      }
    }

    @Test
    void unknownLossOrConventionIsAUsageError() {
      CliRun r = CliRun.of("loss", "--loss", "hinge", "--y-true", "a", "--y-pred", "b");
      assertUserError(r, "Unknown loss 'hinge'", "categorical, sparse-categorical", "--help");
      CliRun c = CliRun.of("loss", "--loss", "binary", "--y-true", "a", "--y-pred", "b", "--convention", "jax");
      assertUserError(c, "use keras or torch");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
      assertUserError(CliRun.of("loss", "--loss", "binary", "--y-true", "a"), "--y-pred");
    }

    private static String[] concat(String[] a, String... b) {
      String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, r, a.length, b.length);
      return r;
    }
  }

  @Test
  void kerasDocstringCategoricalFromCsv() throws IOException {
    Path[] f = kerasDocstringCsv();

    CliRun r = CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.size()).isEqualTo(1);
    // keras.losses.CategoricalCrossentropy()(y_true, y_pred) -> 1.177 (docstring); float32: 1.1769392
    assertThat(o.get("loss").asDouble()).isCloseTo(1.1769392, within(1e-7));
  }

  @Test
  void kerasDocstringCategoricalFromFloat32Npy() throws IOException {
    Path t = npy("y_true.npy", "float32", new int[] {2, 3}, 0, 1, 0, 0, 0, 1);
    Path p = npy("y_pred.npy", "float32", new int[] {2, 3}, 0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f);

    CliRun r = CliRun.of("loss", "--loss", "categorical", "--y-true", s(t), "--y-pred", s(p));

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("value       1.1769392").contains("keras convention").contains("2 x 3");
  }

  @Test
  void kerasDocstringSparseWithIntegerLabelsAndReductionNone() throws IOException {
    Path t = npy("labels.npy", "int64", new int[] {2}, 1, 2);
    Path p = kerasDocstringCsv()[1];

    CliRun r = CliRun.of("loss", "--loss", "sparse-categorical", "--y-true", s(t), "--y-pred", s(p),
        "--reduction", "none", "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode loss = JSON.readTree(r.out()).get("loss");
    // keras docstring: SparseCategoricalCrossentropy(reduction=None) -> [0.0513, 2.303]
    assertThat(loss.isArray()).isTrue();
    assertThat(loss).hasSize(2);
    assertThat(loss.get(0).asDouble()).isCloseTo(-Math.log(0.95), within(1e-6));
    assertThat(loss.get(1).asDouble()).isCloseTo(-Math.log(0.1), within(1e-6));
  }

  @Test
  void sparseTorchWithIgnoreClassAndGradient() throws IOException {
    Path z = csv("logits.csv", "3,1,0\n1,2,0.5\n0.5,0.5,2\n");
    Path y = csv("labels.csv", "0\n2\n1\n");

    CliRun r = CliRun.of("loss", "--loss", "sparse-categorical", "--convention", "torch", "--y-true", s(y),
        "--y-pred", s(z), "--ignore-class", "2", "--gradient", "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.fieldNames()).toIterable().containsExactly("loss", "gradient");
    // F.cross_entropy(z.double(), tensor([0,2,1]), ignore_index=2) -> 1.0194135774788005, and z.grad:
    assertThat(o.get("loss").asDouble()).isCloseTo(1.0194135774788005, within(1e-12));
    double[][] grad = {
        {-0.07810263275933027, 0.05709759969229724, 0.021005033067033024}, {0, 0, 0},
        {0.07714038649094311, -0.4228596135090569, 0.3457192270181138}};
    JsonNode g = o.get("gradient");
    assertThat(g).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(g.get(i)).hasSize(3);
      for (int c = 0; c < 3; c++) {
        assertThat(g.get(i).get(c).asDouble()).as("grad[%d][%d]", i, c).isCloseTo(grad[i][c], within(1e-12));
      }
    }
  }

  @Test
  void torchFloat32InputComputesInFloat32() throws IOException {
    Path z = npy("logits.npy", "float32", new int[] {3, 3}, 3, 1, 0, 1, 2, 0.5, 0.5, 0.5, 2);
    Path y = npy("labels.npy", "int32", new int[] {3}, 0, 2, 1);

    CliRun r = CliRun.of("loss", "--loss", "sparse-categorical", "--convention", "torch", "--y-true", s(y),
        "--y-pred", s(z), "--ignore-class", "2", "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    // the same call on float32 logits -> 1.0194135904312134 (float32 result)
    assertThat(JSON.readTree(r.out()).get("loss").asDouble()).isCloseTo(1.0194135904312134, within(2e-7));
    assertThat(CliRun.of("loss", "--loss", "sparse-categorical", "--convention", "torch", "--y-true", s(y),
        "--y-pred", s(z), "--ignore-class", "2").out()).contains("float32");
  }

  @Test
  void torchMeanWithEveryTargetIgnoredIsNanWrittenAsString() throws IOException {
    Path z = csv("logits.csv", "3,1\n1,2\n");
    Path y = csv("labels.csv", "-100\n-100\n");

    CliRun r = CliRun.of("loss", "--loss", "sparse-categorical", "--convention", "torch", "--y-true", s(y),
        "--y-pred", s(z), "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    // F.cross_entropy(z, tensor([-100, -100])) -> nan (0/0)
    assertThat(JSON.readTree(r.out()).get("loss").asText()).isEqualTo("nan");
    assertThat(r.out().trim()).isEqualTo("{\"loss\":\"nan\"}");
    // The NaN is PyTorch's, but it is never silent: stderr says why (stdout stays one JSON object).
    assertThat(r.err()).contains("xent: warning: nothing to average").contains("--ignore-class");
    assertThat(CliRun.of("loss", "--loss", "sparse-categorical", "--convention", "torch", "--y-true", s(y),
        "--y-pred", s(z)).out()).contains("value       nan");
  }

  @Test
  void gradientOfATwoDimensionalPredictionHasItsShape() throws IOException {
    Path[] f = kerasDocstringCsv();

    CliRun r = CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]), "--gradient",
        "--json");

    JsonNode g = JSON.readTree(r.out()).get("gradient");
    assertThat(g).hasSize(2);
    assertThat(g.get(0)).hasSize(3);
    // d/dp of mean_i -log(p_it / Σ_c p_ic): row 1 (target 2, Σp = 1): (1 - 1/0.1) / 2 = -4.5, others 1/2.
    assertThat(g.get(1).get(2).asDouble()).isCloseTo(-4.5, within(1e-5));
    assertThat(g.get(1).get(0).asDouble()).isCloseTo(0.5, within(1e-6));
    assertThat(g.get(0).get(1).asDouble()).isCloseTo((1 - 1 / 0.95) / 2, within(1e-6));
  }

  @Test
  void oneDimensionalBinaryPredictionGivesOneDimensionalGradient() throws IOException {
    Path y = npy("y.npy", "float64", new int[] {2}, 1, 0);
    Path z = npy("z.npy", "float64", new int[] {2}, 0.5, -1);

    CliRun r = CliRun.of("loss", "--loss", "binary", "--convention", "torch", "--y-true", s(y), "--y-pred", s(z),
        "--gradient", "--json");

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    // F.binary_cross_entropy_with_logits: mean of softplus(-0.5) and softplus(-1); gradient (σ(z) - y) / 2
    double expected = (Math.log1p(Math.exp(-0.5)) + Math.log1p(Math.exp(-1))) / 2;
    assertThat(o.get("loss").asDouble()).isCloseTo(expected, within(1e-12));
    JsonNode g = o.get("gradient");
    assertThat(g).hasSize(2);
    assertThat(g.get(0).isNumber()).isTrue();
    assertThat(g.get(0).asDouble()).isCloseTo((1 / (1 + Math.exp(-0.5)) - 1) / 2, within(1e-12));
    assertThat(g.get(1).asDouble()).isCloseTo((1 / (1 + Math.exp(1))) / 2, within(1e-12));
  }

  @Test
  void kerasBinaryDocstringFromLogits() throws IOException {
    Path y = csv("y.csv", "0,1\n0,0\n");
    Path z = csv("z.csv", "-18.6,0.51\n2.94,-12.8\n");

    CliRun r = CliRun.of("loss", "--loss", "binary", "--from-logits", "--y-true", s(y), "--y-pred", s(z), "--json");

    // keras.losses.BinaryCrossentropy(from_logits=True) docstring: 0.865
    assertThat(JSON.readTree(r.out()).get("loss").asDouble()).isCloseTo(0.8654579497810972, within(1e-6));
  }

  @Test
  void kerasCategoricalFocalDocstring() throws IOException {
    Path[] f = kerasDocstringCsv();

    CliRun r = CliRun.of("loss", "--loss", "categorical-focal", "--y-true", s(f[0]), "--y-pred", s(f[1]), "--json");

    // keras.losses.CategoricalFocalCrossentropy() docstring: 0.23315276
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("loss").asDouble()).isCloseTo(0.23315276, within(1e-7));
  }

  @Test
  void kerasBinaryFocalFromLogitsWithGamma() throws IOException {
    Path y = csv("y.csv", "1,1,0\n0,1,0\n");
    Path z = csv("z.csv", "1.5,-2.7,2.9\n-3.8,1.2,-4.5\n");

    CliRun r = CliRun.of("loss", "--loss", "binary-focal", "--from-logits", "--gamma", "3", "--y-true", s(y),
        "--y-pred", s(z), "--json");

    // keras losses_test BinaryFocalCrossentropyTest.test_unweighted (logits, gamma=3): 0.799
    assertThat(JSON.readTree(r.out()).get("loss").asDouble()).isCloseTo(0.799, within(5e-4));
  }

  @Test
  void binaryFocalAlphaTurnsOnClassBalancing() throws IOException {
    Path y = csv("y.csv", "1,0\n");
    Path z = csv("z.csv", "0.5,-1\n");

    CliRun r = CliRun.of("loss", "--loss", "binary-focal", "--from-logits", "--alpha", "0.4", "--y-true", s(y),
        "--y-pred", s(z), "--json");

    // Closed form (Keras apply_class_balancing=True, gamma 2): mean over the two labels of
    // weight · (1 - p_t)^2 · -ln p_t, weight alpha for a positive and 1 - alpha for a negative.
    double p1 = 1 / (1 + Math.exp(-0.5));
    double q2 = 1 - 1 / (1 + Math.exp(1));
    double expected = (0.4 * Math.pow(1 - p1, 2) * -Math.log(p1) + 0.6 * Math.pow(1 - q2, 2) * -Math.log(q2)) / 2;
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("loss").asDouble()).isCloseTo(expected, within(1e-6));
  }

  @Test
  void sampleWeightsAreReadFromAFile() throws IOException {
    Path[] f = kerasDocstringCsv();
    Path w = csv("w.csv", "0.3\n0.7\n");

    CliRun r = CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]),
        "--sample-weight", s(w), "--json");

    // keras docstring: cce(y_true, y_pred, sample_weight=[0.3, 0.7]) -> 0.814 = (0.3·-ln 0.95 + 0.7·-ln 0.1) / 2
    double expected = (0.3 * -Math.log(0.95) + 0.7 * -Math.log(0.1)) / 2;
    assertThat(JSON.readTree(r.out()).get("loss").asDouble()).isCloseTo(expected, within(1e-6));
  }

  @Test
  void readableNoneReductionListsPerSampleValues() throws IOException {
    Path[] f = kerasDocstringCsv();

    CliRun r = CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]),
        "--reduction", "none");

    assertThat(r.out()).contains("reduction   none").contains("per sample  [0.051293306, 2.3025851]");
  }

  @Test
  void warningsGoToStderrAndStdoutStaysOneObject() throws IOException {
    Path y = csv("y.csv", "1\n0\n");
    Path z = csv("z.csv", "0.2,0.8\n0.6,0.4\n"); // already probabilities, declared logits

    CliRun r = CliRun.of("loss", "--loss", "sparse-categorical", "--from-logits", "--y-true", s(y), "--y-pred",
        s(z), "--json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("xent: warning:").contains("softmax");
    assertThat(JSON.readTree(r.out()).fieldNames()).toIterable().containsExactly("loss");
  }

  @Nested
  class Errors {
    @Test
    void missingFileNamesThePath() throws IOException {
      Path p = kerasDocstringCsv()[1];
      Path missing = tmp.resolve("nope.csv");

      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(missing), "--y-pred", s(p)),
          "--y-true: file not found: " + missing);
    }

    @Test
    void unsupportedDtypeNamesTheFileAndTheSupportedTypes() throws IOException {
      Path p = kerasDocstringCsv()[1];
      Path bad = tmp.resolve("complex.npy");
      Files.write(bad, npyBytes("<c8", "(2,)", new byte[16]));

      assertUserError(CliRun.of("loss", "--loss", "sparse-categorical", "--y-true", s(bad), "--y-pred", s(p)),
          s(bad), "dtype '<c8' is not supported", "float32");
    }

    @Test
    void shapeMismatchShowsBothShapesAndBothFiles() throws IOException {
      Path t = csv("t.csv", "0,1,0\n0,0,1\n");
      Path p = csv("p.csv", "0.5,0.5\n0.2,0.8\n");

      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(t), "--y-pred", s(p)),
          "[2, 3]", "[2, 2]", "y_true: " + t + ", shape (2, 3)", "y_pred: " + p + ", shape (2, 2)");
      // No row in the message, so no note about how rows are numbered.
      assertThat(CliRun.of("loss", "--loss", "categorical", "--y-true", s(t), "--y-pred", s(p)).err())
          .doesNotContain("count from 0");
    }

    @Test
    void labelCountMismatchShowsBothFiles() throws IOException {
      Path t = csv("t.csv", "0\n1\n2\n");
      Path p = kerasDocstringCsv()[1];

      assertUserError(CliRun.of("loss", "--loss", "sparse-categorical", "--y-true", s(t), "--y-pred", s(p)),
          s(t), s(p), "3 labels", "2 rows");
    }

    @Test
    void sampleWeightCountMismatchNamesBothFiles() throws IOException {
      Path[] f = kerasDocstringCsv();
      Path w = csv("w.csv", "1\n2\n3\n");

      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]),
          "--sample-weight", s(w)), "--sample-weight " + w + " holds 3 weights", s(f[1]) + " has 2 rows");
    }

    @Test
    void classIdOutOfRangeNamesTheRowAndTheValidRange() throws IOException {
      Path t = csv("t.csv", "1\n5\n");
      Path p = kerasDocstringCsv()[1];

      assertUserError(CliRun.of("loss", "--loss", "sparse-categorical", "--y-true", s(t), "--y-pred", s(p)),
          "row 1", "class id 5", "[0, 3)", "rows and columns count from 0");
    }

    @Test
    void integerLabelsToCategoricalSuggestTheSparseLoss() throws IOException {
      Path t = npy("labels.npy", "int32", new int[] {2}, 1, 2);
      Path p = kerasDocstringCsv()[1];

      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(t), "--y-pred", s(p)),
          "integer class ids", "--loss sparse-categorical");
    }

    @Test
    void fractionalLabelsToSparseSuggestTheCategoricalLoss() throws IOException {
      Path[] f = kerasDocstringCsv();
      Path t = csv("soft.csv", "0.5\n1\n");

      assertUserError(CliRun.of("loss", "--loss", "sparse-categorical", "--y-true", s(t), "--y-pred", s(f[1])),
          "--y-true: " + t + ": row 0 holds 0.5", "--loss categorical", "count from 0");
    }

    @Test
    void probabilitiesOutsideTheUnitIntervalSuggestFromLogits() throws IOException {
      Path t = kerasDocstringCsv()[0];
      Path p = csv("logits.csv", "2.0,-1.0,0.5\n0.1,3.0,-2.0\n");

      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(t), "--y-pred", s(p)),
          "row 0, column 0 is 2.0", "outside [0, 1]", "--from-logits");
    }

    @Test
    void badCsvValueNamesLineAndColumn() throws IOException {
      Path t = kerasDocstringCsv()[0];
      Path p = csv("bad.csv", "0.1,0.2,0.7\n0.3,abc,0.7\n");

      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(t), "--y-pred", s(p)),
          "--y-pred: " + p + " line 2, column 2: 'abc' is not a number");
    }

    @Test
    void invalidOptionValuesAreUserErrors() throws IOException {
      Path[] f = kerasDocstringCsv();
      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]),
          "--reduction", "avg"), "--reduction: Invalid reduction 'avg'", "mean_with_sample_weight");
      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]),
          "--label-smoothing", "1.5"), "label smoothing must be between 0.0 and 1.0");
      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(f[0]), "--y-pred", s(f[1]),
          "--class-weight", "1,2"), "class weights have 2 entries", "3 classes");
    }

    @Test
    void unknownExtensionSaysWhichFormatsWork() throws IOException {
      Path[] f = kerasDocstringCsv();
      Path j = csv("y.json", "[[0,1,0]]");

      assertUserError(CliRun.of("loss", "--loss", "categorical", "--y-true", s(j), "--y-pred", s(f[1])),
          "unknown file type", ".npy", ".csv");
    }

    /** A .npy file with the given header fields, as numpy writes version 1.0. */
    private static byte[] npyBytes(String descr, String shape, byte[] data) {
      String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
      int pad = 64 - (10 + dict.length() + 1) % 64;
      String header = dict + " ".repeat(pad % 64) + "\n";
      ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
      b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
      b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
      return b.array();
    }
  }
}
