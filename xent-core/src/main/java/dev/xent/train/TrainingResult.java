package dev.xent.train;

import dev.xent.model.Classifier;

/**
 * What a training run produced.
 *
 * @param classifier the trained model (with the best weights when early stopping restored them)
 * @param history per-epoch logs and the stop reason
 */
public record TrainingResult(Classifier classifier, History history) {}
