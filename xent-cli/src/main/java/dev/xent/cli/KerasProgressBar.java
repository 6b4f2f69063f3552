package dev.xent.cli;

import dev.xent.train.EpochLogs;
import dev.xent.train.ProgressListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Training progress on stderr in Keras's format:
 *
 * <pre>
 * Epoch 3/10
 * 412/469 ━━━━━━━━━━━━━━━━━━━━ 2s 4ms/step - accuracy: 0.9127 - loss: 0.2974
 * </pre>
 *
 * <p>closed at the end of the epoch by the full bar, the elapsed time and the validation metrics
 * ({@code - val_accuracy: ... - val_loss: ...}). On a terminal the step line is redrawn in place with
 * {@code \r}; otherwise (a file, a pipe, CI logs) only the closing line is printed, once per epoch, as Keras does
 * when its output is not interactive. Colour (bold counts, green bar) only on a terminal without {@code NO_COLOR}.
 */
final class KerasProgressBar implements ProgressListener {
  /** Environment variable that forces the mode: {@code plain} (one line per epoch) or {@code tty} (redraw). */
  static final String MODE_ENV = "XENT_PROGRESS";
  // Keras's Progbar default width.
  private static final int WIDTH = 20;
  // Keras redraws at most every 0.05 s; a redraw costs a write to the terminal, so we keep the same bound.
  private static final long REDRAW_NANOS = 50_000_000L;
  private static final String BAR = "━";

  private final PrintWriter err;
  private final boolean tty;
  private final boolean color;
  private final LongSupplier clock;
  private int steps;
  private long epochStart;
  private long lastDraw;
  private int lastLineLength;

  KerasProgressBar(PrintWriter err, boolean tty, boolean color, LongSupplier nanoClock) {
    this.err = err;
    this.tty = tty;
    this.color = color;
    this.clock = nanoClock;
  }

  /** A progress bar for this process's stderr: mode from {@code XENT_PROGRESS}, else whether there is a console. */
  static KerasProgressBar forStderr(PrintWriter err) {
    String mode = System.getenv(MODE_ENV);
    boolean tty = mode != null ? mode.equalsIgnoreCase("tty") : System.console() != null;
    boolean color = tty && System.getenv("NO_COLOR") == null && mode == null;
    return new KerasProgressBar(err, tty, color, System::nanoTime);
  }

  /** Prints {@code Epoch e/E} and starts the epoch's clock. */
  void startEpoch(int epoch, int epochs, int stepsPerEpoch) {
    this.steps = stepsPerEpoch;
    err.println("Epoch " + epoch + "/" + epochs);
    err.flush();
    epochStart = clock.getAsLong();
    lastDraw = Long.MIN_VALUE;
    lastLineLength = 0;
  }

  /** After batch {@code step} (1-based) with the running metrics; redraws on a terminal only. */
  void step(int step, Map<String, Double> metrics) {
    if (!tty) {
      return;
    }
    long now = clock.getAsLong();
    if (step < steps && lastDraw != Long.MIN_VALUE && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    String line = line(step, now, false, metrics);
    int pad = Math.max(0, lastLineLength - line.length());
    err.print("\r" + line + " ".repeat(pad));
    err.flush();
    lastLineLength = line.length();
  }

  /** Closes the epoch with the full bar, elapsed time and the final metrics (training then validation). */
  void endEpoch(Map<String, Double> metrics) {
    String line = line(steps, clock.getAsLong(), true, metrics);
    if (tty) {
      err.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
      err.println();
    } else {
      err.println(line);
    }
    err.flush();
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int stepsPerEpoch) {
    startEpoch(epoch, epochs, stepsPerEpoch);
  }

  @Override
  public void onBatchEnd(int step, double runningLoss, double runningAccuracy) {
    if (tty) {
      step(step, metrics(runningAccuracy, runningLoss));
    }
  }

  @Override
  public void onEpochEnd(int epoch, EpochLogs logs) {
    Map<String, Double> m = metrics(logs.accuracy(), logs.loss());
    if (logs.hasValidation()) {
      m.put("val_accuracy", logs.valAccuracy());
      m.put("val_loss", logs.valLoss());
    }
    endEpoch(m);
  }

  /** Keras lists compiled metrics alphabetically: accuracy before loss. */
  private static Map<String, Double> metrics(double accuracy, double loss) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy);
    m.put("loss", loss);
    return m;
  }

  String line(int current, long now, boolean finished, Map<String, Double> metrics) {
    StringBuilder sb = new StringBuilder();
    int digits = Integer.toString(Math.max(1, steps)).length();
    sb.append(bold(String.format(Locale.ROOT, "%" + digits + "d/%d", current, steps))).append(' ');
    int done = steps == 0 ? WIDTH : (int) ((long) WIDTH * current / steps);
    sb.append(color ? "\u001b[32m" : "").append(BAR.repeat(done)).append(color ? "\u001b[0m" : "");
    sb.append(color ? "\u001b[37m" : "").append(BAR.repeat(WIDTH - done)).append(color ? "\u001b[0m" : "");
    double elapsed = (now - epochStart) / 1e9;
    double perStep = current == 0 ? 0 : elapsed / current;
    if (finished) {
      sb.append(' ').append(bold(String.format(Locale.ROOT, "%.0fs", elapsed)));
    } else {
      sb.append(' ').append(bold(eta(perStep * (steps - current))));
    }
    sb.append(perStepText(perStep));
    for (Map.Entry<String, Double> m : metrics.entrySet()) {
      sb.append(" - ").append(m.getKey()).append(": ").append(value(m.getValue()));
    }
    return sb.toString();
  }

  private String bold(String s) {
    return color ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  /** Keras's ETA: {@code h:mm:ss} above an hour, {@code m:ss} above a minute, else whole seconds. */
  static String eta(double seconds) {
    long s = (long) seconds;
    if (seconds > 3600) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }
    if (seconds > 60) {
      return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
    return s + "s";
  }

  /** Keras's time per step: whole seconds at or above 1 s, else milliseconds, else microseconds. */
  static String perStepText(double seconds) {
    if (seconds >= 1 || seconds == 0) {
      return String.format(Locale.ROOT, " %.0fs/step", seconds);
    }
    if (seconds >= 1e-3) {
      return String.format(Locale.ROOT, " %.0fms/step", seconds * 1e3);
    }
    return String.format(Locale.ROOT, " %.0fus/step", seconds * 1e6);
  }

  /** Keras's metric value: 4 decimals, or scientific notation when the magnitude is at most 1e-3. */
  static String value(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    return Math.abs(v) > 1e-3 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v);
  }
}
