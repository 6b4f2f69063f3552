package dev.xent.train;

import dev.xent.model.Classifier;

/** What a callback may see and do while training runs. */
public interface TrainingContext {
  /** The model being trained (its parameters are live). */
  Classifier model();

  /** Asks the trainer to stop after the current epoch (or batch), recording {@code reason} in the history. */
  void stopTraining(String reason);

  /** A copy of all parameter values, in {@link Classifier#parameters()} order. */
  float[][] snapshotWeights();

  /** Restores parameter values from {@link #snapshotWeights()}. */
  void restoreWeights(float[][] snapshot);
}
