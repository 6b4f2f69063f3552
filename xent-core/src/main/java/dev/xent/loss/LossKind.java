package dev.xent.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The members of the cross-entropy family, by the names the command line uses. */
public enum LossKind {
  CATEGORICAL("categorical"),
  SPARSE_CATEGORICAL("sparse-categorical"),
  BINARY("binary"),
  CATEGORICAL_FOCAL("categorical-focal"),
  BINARY_FOCAL("binary-focal");

  private final String cliName;

  LossKind(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line, e.g. {@code sparse-categorical}. */
  public String cliName() {
    return cliName;
  }

  /** Whether targets are integer class ids rather than a matrix shaped like y_pred. */
  public boolean sparseTargets() {
    return this == SPARSE_CATEGORICAL;
  }

  /** Parses a command-line name ({@code sparse-categorical}, also {@code sparse_categorical}). */
  public static LossKind parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (LossKind k : values()) {
      if (k.cliName.equals(n)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown loss '" + name + "'. Allowed: "
        + Arrays.stream(values()).map(LossKind::cliName).collect(Collectors.joining(", ")));
  }
}
