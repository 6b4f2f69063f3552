package dev.xent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.data.Matrix;
import dev.xent.data.UserInputException;
import dev.xent.io.ArrayFile;
import dev.xent.io.NumericArray;
import dev.xent.loss.Convention;
import dev.xent.loss.DenseTargetLoss;
import dev.xent.loss.Loss;
import dev.xent.loss.LossInputException;
import dev.xent.loss.LossKind;
import dev.xent.loss.LossOptions;
import dev.xent.loss.LossResult;
import dev.xent.loss.Precision;
import dev.xent.loss.Reduction;
import dev.xent.loss.SparseCategoricalCrossentropy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code xent loss}: one cross-entropy loss (and optionally its gradient) of two array files, with Keras's or
 * PyTorch's semantics. Translates options into {@link LossOptions} and one library call; nothing more.
 */
@Command(
    name = "loss",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Compute a cross-entropy loss of y_true and y_pred files exactly as Keras or PyTorch would.",
        "FILE is NumPy .npy (float32, float64, int32, int64, uint8, bool) or headerless numeric CSV (.csv, .txt).",
        "Sparse labels are one class id per row ([N] or [N, 1]); dense targets have y_pred's shape.",
        "Warnings go to stderr. With --json, stdout holds exactly one JSON object: {\"loss\": number, or "
            + "[numbers] for --reduction none} plus \"gradient\" (y_pred's shape) with --gradient; NaN and "
            + "infinities are written \"nan\", \"inf\", \"-inf\".",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  xent loss --loss categorical --y-true y_true.csv --y-pred y_pred.csv",
        "  xent loss --loss sparse-categorical --convention torch \\",
        "      --y-true labels.npy --y-pred logits.npy --reduction none --json",
        "  xent loss --loss binary --from-logits --y-true y.npy --y-pred z.npy \\",
        "      --gradient --json"})
public final class LossCommand extends BaseCommand {
  /** Matrices up to this many rows and columns are printed in full in the readable summary. */
  private static final int PRINT_LIMIT = 10;
  /** Per-sample lists longer than this are cut in the readable summary (one screen line); --json prints them all. */
  private static final int ROW_PRINT_LIMIT = 20;
  /**
   * The library numbers rows and columns from 0, as NumPy does, while the CSV reader's messages count lines and
   * columns from 1 as an editor does; a message with a row number says which it uses.
   */
  private static final String ZERO_BASED = "rows and columns count from 0";

  private static final Pattern ROW_NUMBER = Pattern.compile("\\brow \\d");

  @Option(names = "--loss", required = true, paramLabel = "KIND", converter = LossKindConverter.class,
      completionCandidates = LossKindNames.class,
      description = "One of: ${COMPLETION-CANDIDATES}.")
  LossKind kind;

  @Option(names = "--y-true", required = true, paramLabel = "FILE",
      description = "Targets: class ids [N] for sparse-categorical, else the shape of y_pred.")
  Path yTrue;

  @Option(names = "--y-pred", required = true, paramLabel = "FILE",
      description = "Predictions [N, C] (or [N] for binary): probabilities or logits.")
  Path yPred;

  @Option(names = "--from-logits", negatable = true,
      description = {"y_pred holds logits (--from-logits) or probabilities (--no-from-logits, or its alias "
          + "--from-probabilities).", "Default: the convention's (keras: probabilities, torch: logits)."})
  Boolean fromLogits;

  @Option(names = "--from-probabilities", description = "Same as --no-from-logits.")
  boolean fromProbabilities;

  @Option(names = "--convention", paramLabel = "keras|torch", defaultValue = "keras",
      converter = ConventionConverter.class,
      description = {"Whose semantics to follow where Keras and PyTorch differ (default: ${DEFAULT-VALUE}).",
          "keras computes in float32; torch in y_pred's precision (float32 .npy: float32, else float64)."})
  Convention convention;

  @Option(names = "--label-smoothing", paramLabel = "E", description = "Label smoothing in [0, 1] (default 0).")
  Double labelSmoothing;

  @Option(names = "--class-weight", paramLabel = "w0,w1,...", split = ",", hideParamSyntax = true,
      description = "One non-negative weight per class.")
  double[] classWeights;

  @Option(names = "--sample-weight", paramLabel = "FILE", description = "One non-negative weight per row ([N]).")
  Path sampleWeight;

  @Option(names = "--ignore-class", paramLabel = "K",
      description = "sparse-categorical only: class id whose rows count for nothing (default: keras none, "
          + "torch -100).")
  Integer ignoreClass;

  @Option(names = "--alpha", paramLabel = "A",
      description = "Focal losses' balancing factor (default 0.25); for binary-focal it turns on class balancing "
          + "(alpha for positives, 1 - alpha for negatives).")
  Double alpha;

  @Option(names = "--gamma", paramLabel = "G", description = "Focal losses' focusing exponent >= 0 (default 2).")
  Double gamma;

  @Option(names = "--reduction", paramLabel = "NAME",
      description = {"none, sum, sum_over_batch_size, mean or mean_with_sample_weight (default: mean).",
          "mean is the convention's: keras sum_over_batch_size, torch the weighted mean."})
  String reduction;

  @Option(names = "--gradient", description = "Also compute the gradient with respect to y_pred.")
  boolean gradient;

  @Mixin JsonOutput json;

  @Override
  protected int execute() throws IOException {
    options(null); // validates the flags before any file is read
    NumericArray pred = read("--y-pred", yPred);
    NumericArray target = read("--y-true", yTrue);
    double[] weights = sampleWeight == null ? null : sampleWeights(read("--sample-weight", sampleWeight), pred);
    LossOptions opts = options(pred);
    Loss loss = Loss.create(kind, opts);
    LossResult r;
    try {
      r = loss instanceof SparseCategoricalCrossentropy sparse
          ? sparse.compute(labels(target, pred), pred.asMatrix(), weights, gradient)
          : ((DenseTargetLoss) loss).compute(target.asMatrix(), pred.asMatrix(), weights, gradient);
    } catch (LossInputException e) {
      String note = namesARow(e.getMessage()) ? ZERO_BASED + "; " : "";
      throw new LossInputException(e.getMessage() + " (" + note + "y_true: " + yTrue + ", shape "
          + target.shapeText() + "; y_pred: " + yPred + ", shape " + pred.shapeText() + ")");
    }
    for (String w : r.warnings()) {
      err().println("xent: warning: " + w);
    }
    if (json.enabled()) {
      JsonOutput.print(out(), toJson(r, opts, pred));
    } else {
      printSummary(out(), r, opts, pred);
    }
    return ExitCode.OK;
  }

  /** The loss options from the flags; with {@code pred} known, the precision follows it under torch. */
  LossOptions options(NumericArray pred) {
    if (fromProbabilities && Boolean.TRUE.equals(fromLogits)) {
      throw new IllegalArgumentException("--from-logits and --from-probabilities contradict each other; give one");
    }
    boolean focal = kind == LossKind.CATEGORICAL_FOCAL || kind == LossKind.BINARY_FOCAL;
    if (!focal && (alpha != null || gamma != null)) {
      throw new IllegalArgumentException("--alpha and --gamma apply only to categorical-focal and binary-focal, not "
          + kind.cliName());
    }
    if (ignoreClass != null && !kind.sparseTargets()) {
      // Neither Keras nor PyTorch has an ignore class for dense targets; accepting the flag would change nothing.
      throw new IllegalArgumentException("--ignore-class applies only to sparse-categorical (class-id targets), not "
          + kind.cliName() + "; to leave rows out, give them weight 0 with --sample-weight");
    }
    LossOptions o = LossOptions.of(convention);
    if (fromProbabilities) {
      o = o.withFromLogits(false);
    } else if (fromLogits != null) {
      o = o.withFromLogits(fromLogits);
    }
    if (labelSmoothing != null) {
      o = o.withLabelSmoothing(labelSmoothing);
    }
    if (classWeights != null) {
      o = o.withClassWeights(classWeights);
    }
    if (ignoreClass != null) {
      o = o.withIgnoreClass(ignoreClass);
    }
    if (alpha != null) {
      o = o.withAlpha(alpha).withClassBalancing(kind == LossKind.BINARY_FOCAL);
    }
    if (gamma != null) {
      o = o.withGamma(gamma);
    }
    if (reduction != null) {
      try {
        o = o.withReduction(Reduction.parse(reduction, convention));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--reduction: " + e.getMessage(), e);
      }
    }
    if (convention == Convention.TORCH && pred != null) {
      // PyTorch computes in its input's precision: a float32 array stays float32, everything else is float64.
      o = o.withPrecision(pred.isFloat32() ? Precision.FLOAT32 : Precision.FLOAT64);
    }
    return o;
  }

  private static NumericArray read(String option, Path file) throws IOException {
    try {
      return ArrayFile.read(file);
    } catch (UserInputException e) {
      throw new UserInputException(e.file(), option + ": " + e.getMessage(), e);
    }
  }

  private int[] labels(NumericArray target, NumericArray pred) {
    if (pred.ndim() != 2) {
      throw new UserInputException(yPred, "--y-pred " + yPred + " has shape " + pred.shapeText()
          + "; sparse-categorical needs y_pred of shape (N, classes)");
    }
    int[] ids;
    try {
      ids = target.asClassIds(yTrue.toString());
    } catch (UserInputException e) {
      throw new UserInputException(yTrue, "--y-true: " + e.getMessage()
          + (namesARow(e.getMessage()) ? " (rows count from 0)" : ""), e);
    }
    if (ids.length != pred.rows()) {
      throw new UserInputException(yTrue, "--y-true " + yTrue + " holds " + ids.length + " labels (shape "
          + target.shapeText() + ") but --y-pred " + yPred + " has " + pred.rows() + " rows (shape "
          + pred.shapeText() + "); give one class id per row of y_pred");
    }
    return ids;
  }

  /** Whether a message points at a row by number ("row 3"), so that {@link #ZERO_BASED} should follow it. */
  private static boolean namesARow(String message) {
    return ROW_NUMBER.matcher(message).find();
  }

  private double[] sampleWeights(NumericArray w, NumericArray pred) {
    if (w.ndim() == 2 && w.cols() != 1) {
      throw new UserInputException(sampleWeight, "--sample-weight " + sampleWeight + " has shape " + w.shapeText()
          + "; give one weight per row, shape (N,) or (N, 1)");
    }
    if (w.rows() != pred.rows()) {
      throw new UserInputException(sampleWeight, "--sample-weight " + sampleWeight + " holds " + w.rows()
          + " weights but --y-pred " + yPred + " has " + pred.rows() + " rows; give one weight per row");
    }
    return w.data();
  }

  private JsonNode toJson(LossResult r, LossOptions o, NumericArray pred) {
    boolean f32 = o.precision() == Precision.FLOAT32;
    ObjectNode node = JsonOutput.object();
    if (o.reduction() == Reduction.NONE) {
      node.set("loss", JsonOutput.array(r.perSample(), f32));
    } else {
      node.set("loss", f32 ? JsonOutput.number((float) r.value()) : JsonOutput.number(r.value()));
    }
    if (gradient) {
      Matrix g = r.gradient();
      node.set("gradient", pred.ndim() == 1 ? JsonOutput.array(g.data(), f32)
          : JsonOutput.matrix(g.data(), g.rows(), g.cols(), f32));
    }
    return node;
  }

  private void printSummary(PrintWriter out, LossResult r, LossOptions o, NumericArray pred) {
    boolean f32 = o.precision() == Precision.FLOAT32;
    out.printf("loss        %s (%s convention, %s, %s)%n", kind.cliName(),
        o.convention().name().toLowerCase(Locale.ROOT), o.fromLogits() ? "from logits" : "from probabilities",
        o.precision().name().toLowerCase(Locale.ROOT));
    out.printf("reduction   %s%n", o.reduction().cliName());
    out.printf("y_pred      %d x %d  (%s, %s)%n", pred.rows(), pred.cols(), yPred, pred.dtype());
    if (o.reduction() == Reduction.NONE) {
      out.printf("per sample  %s%n", row(r.perSample(), 0, r.perSample().length, f32));
      out.printf("sum         %s%n", text(r.value(), f32));
    } else {
      out.printf("value       %s%n", text(r.value(), f32));
    }
    if (gradient) {
      Matrix g = r.gradient();
      double norm = 0;
      for (double v : g.data()) {
        norm += v * v;
      }
      out.printf("gradient    %s, L2 norm %s%n", pred.shapeText(), text(Math.sqrt(norm), f32));
      if (g.rows() <= PRINT_LIMIT && g.cols() <= PRINT_LIMIT) {
        for (int i = 0; i < g.rows(); i++) {
          out.printf("            %s%n", row(g.data(), i * g.cols(), g.cols(), f32));
        }
      }
    }
  }

  private static String row(double[] v, int from, int n, boolean f32) {
    StringBuilder sb = new StringBuilder("[");
    int shown = Math.min(n, ROW_PRINT_LIMIT);
    for (int i = 0; i < shown; i++) {
      sb.append(i > 0 ? ", " : "").append(text(v[from + i], f32));
    }
    return sb.append(n > shown ? ", ... (" + n + " values; --json prints all)]" : "]").toString();
  }

  private static String text(double v, boolean f32) {
    if (!Double.isFinite(v)) {
      return JsonOutput.nonFinite(v);
    }
    return f32 ? Float.toString((float) v) : Double.toString(v);
  }

  /** Parses {@code --loss} names with {@link LossKind#parse}. */
  static final class LossKindConverter implements ITypeConverter<LossKind> {
    @Override
    public LossKind convert(String value) {
      try {
        return LossKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The {@code --loss} names for help and completion. */
  static final class LossKindNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(LossKind.values()).map(LossKind::cliName).iterator();
    }
  }

  /** Parses {@code --convention}: keras, or torch (also pytorch), in any case. */
  static final class ConventionConverter implements ITypeConverter<Convention> {
    @Override
    public Convention convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "keras" -> Convention.KERAS;
        case "torch", "pytorch" -> Convention.TORCH;
        default -> throw new TypeConversionException("'" + value + "' is not a convention; use keras or torch");
      };
    }
  }
}
