package dev.xent.train;

/**
 * Receives progress as training runs, e.g. to draw a Keras-style progress bar. Called on the training thread;
 * keep it cheap (the trainer calls {@link #onBatchEnd} every step).
 */
public interface ProgressListener {
  /** An epoch starts; {@code epoch} is 1-based, {@code steps} is the number of mini-batches in it. */
  default void onEpochStart(int epoch, int epochs, int steps) {}

  /** Mini-batch {@code step} (1-based) ended; running means over the epoch so far. */
  default void onBatchEnd(int step, double runningLoss, double runningAccuracy) {}

  /** An epoch ended, validation included. */
  default void onEpochEnd(int epoch, EpochLogs logs) {}

  /** Listens to nothing. */
  ProgressListener NONE = new ProgressListener() {};
}
