package dev.xent.optim;

import java.util.Locale;

/** A validated optimizer configuration; {@link #create()} builds a fresh optimizer with empty state. */
public sealed interface OptimizerConfig permits SgdConfig, AdamConfig, AdamWConfig {
  /** The base learning rate. */
  double learningRate();

  /** A fresh optimizer. */
  Optimizer create();

  /** The name the command line and model provenance use: {@code sgd}, {@code adam}, {@code adamw}. */
  String name();

  /** The same configuration with another base learning rate. */
  OptimizerConfig withLearningRate(double lr);

  /** The defaults of the optimizer named {@code name} ({@code sgd}, {@code adam}, {@code adamw}). */
  static OptimizerConfig defaults(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "sgd" -> SgdConfig.DEFAULTS;
      case "adam" -> AdamConfig.DEFAULTS;
      case "adamw" -> AdamWConfig.DEFAULTS;
      default -> throw new IllegalArgumentException("unknown optimizer '" + name + "'; allowed: sgd, adam, adamw");
    };
  }

  /** Throws unless {@code v} is finite and > 0. */
  static void positive(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number > 0, got " + v);
    }
  }

  /** Throws unless {@code v} is in [0, 1). */
  static void fraction(String what, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
    }
  }

  /** Throws unless {@code v} is finite and ≥ 0. */
  static void nonNegative(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
  }
}
