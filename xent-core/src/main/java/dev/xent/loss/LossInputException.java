package dev.xent.loss;

/**
 * A user's input to a loss is unusable: a shape mismatch, a class id out of range, a NaN, or a classic mistake
 * such as integer labels given to the one-hot loss. The message says where and what to do instead.
 */
public final class LossInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public LossInputException(String message) {
    super(message);
  }
}
