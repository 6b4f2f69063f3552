package dev.xent.train;

/** Hooks into a training run; every method defaults to doing nothing. */
public interface Callback {
  /**
   * The instance a training run uses: a fresh one holding per-run state for stateful callbacks (so one
   * configured callback can serve several runs), {@code this} for stateless ones.
   */
  default Callback forRun() {
    return this;
  }

  /** Before the first epoch; {@code hasValidation} says whether val_* quantities will exist. */
  default void onTrainBegin(TrainingContext context, boolean hasValidation) {}

  /** After each mini-batch with its loss (before the running mean). */
  default void onBatchEnd(int step, double batchLoss, TrainingContext context) {}

  /** After each epoch, validation included. */
  default void onEpochEnd(EpochLogs logs, TrainingContext context) {}

  /** After the last epoch (also after an early stop). */
  default void onTrainEnd(TrainingContext context) {}
}
