package dev.xent.train;

import java.util.Locale;

/** A per-epoch quantity that callbacks watch, with the direction that counts as better. */
public enum Monitor {
  LOSS("loss", false, false),
  ACCURACY("accuracy", true, false),
  VAL_LOSS("val_loss", false, true),
  VAL_ACCURACY("val_accuracy", true, true);

  private final String key;
  private final boolean higherIsBetter;
  private final boolean needsValidation;

  Monitor(String key, boolean higherIsBetter, boolean needsValidation) {
    this.key = key;
    this.higherIsBetter = higherIsBetter;
    this.needsValidation = needsValidation;
  }

  /** The Keras name: {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}. */
  public String key() {
    return key;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  public boolean needsValidation() {
    return needsValidation;
  }

  /** This quantity in {@code logs}. */
  public double value(EpochLogs logs) {
    return switch (this) {
      case LOSS -> logs.loss();
      case ACCURACY -> logs.accuracy();
      case VAL_LOSS -> logs.valLoss();
      case VAL_ACCURACY -> logs.valAccuracy();
    };
  }

  /** Whether {@code current} beats {@code best} by more than {@code minDelta}. */
  public boolean improves(double current, double best, double minDelta) {
    if (Double.isNaN(current)) {
      return false;
    }
    if (Double.isNaN(best)) {
      return true;
    }
    return higherIsBetter ? current - minDelta > best : current + minDelta < best;
  }

  /** Parses a Keras name such as {@code val_loss}. */
  public static Monitor parse(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Monitor m : values()) {
      if (m.key.equals(k)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown monitor '" + s + "'; allowed: loss, accuracy, val_loss, val_accuracy");
  }
}
