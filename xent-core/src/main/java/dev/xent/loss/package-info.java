/**
 * The public cross-entropy loss family: {@link dev.xent.loss.CategoricalCrossentropy},
 * {@link dev.xent.loss.SparseCategoricalCrossentropy}, {@link dev.xent.loss.BinaryCrossentropy}, the focal
 * variants, {@link dev.xent.loss.Reduction}, {@link dev.xent.loss.Convention} (Keras and PyTorch presets) and
 * {@link dev.xent.loss.LossResult} (value, per-sample values, gradient).
 */
package dev.xent.loss;
