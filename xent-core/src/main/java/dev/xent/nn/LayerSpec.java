package dev.xent.nn;

import java.util.Locale;

/**
 * A layer's description, enough to rebuild it: the type, its input and output sizes, and the dropout rate.
 * Model files store a list of these; parameters are stored separately by name.
 *
 * @param type what kind of layer
 * @param inputSize features per input row
 * @param outputSize features per output row (equal to {@code inputSize} except for dense layers)
 * @param rate the dropout rate in [0, 1) for {@link Type#DROPOUT}, 0 otherwise
 */
public record LayerSpec(Type type, int inputSize, int outputSize, double rate) {
  /** The layer types, by the names model files use. */
  public enum Type {
    DENSE,
    RELU,
    TANH,
    SIGMOID,
    GELU,
    DROPOUT;

    /** The lower-case name model files and the command line use: {@code dense}, {@code relu}, ... */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #key()} (any case). */
    public static Type parse(String s) {
      for (Type t : values()) {
        if (t.key().equalsIgnoreCase(s.trim())) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown layer type '" + s + "'; allowed: dense, relu, tanh, sigmoid, gelu, dropout");
    }

    /** Whether this is an element-wise activation. */
    public boolean isActivation() {
      return this == RELU || this == TANH || this == SIGMOID || this == GELU;
    }
  }

  public LayerSpec {
    if (type == null) {
      throw new IllegalArgumentException("layer type is null");
    }
    if (inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException(type.key() + " layer needs sizes >= 1, got in=" + inputSize + " out=" + outputSize);
    }
    if (type != Type.DENSE && inputSize != outputSize) {
      throw new IllegalArgumentException(type.key() + " layer keeps its size, got in=" + inputSize + " out=" + outputSize);
    }
    if (type == Type.DROPOUT ? !(rate >= 0 && rate < 1) : rate != 0) {
      throw new IllegalArgumentException("dropout rate must be in [0, 1) and only set on dropout layers, got " + rate);
    }
  }

  /** A dense layer {@code in -> out}. */
  public static LayerSpec dense(int in, int out) {
    return new LayerSpec(Type.DENSE, in, out, 0);
  }

  /** An activation of the given type on {@code size} features. */
  public static LayerSpec activation(Type type, int size) {
    if (!type.isActivation()) {
      throw new IllegalArgumentException(type.key() + " is not an activation");
    }
    return new LayerSpec(type, size, size, 0);
  }

  /** A dropout layer on {@code size} features. */
  public static LayerSpec dropout(int size, double rate) {
    return new LayerSpec(Type.DROPOUT, size, size, rate);
  }
}
