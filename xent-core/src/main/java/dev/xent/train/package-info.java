/**
 * Training: {@link dev.xent.train.Trainer} (seeded mini-batch training with the fused loss),
 * {@link dev.xent.train.TrainerConfig}, {@link dev.xent.train.History}, callbacks (early stopping, checkpoint,
 * terminate on NaN), {@link dev.xent.train.ProgressListener}, and full-batch softmax regression with L-BFGS.
 */
package dev.xent.train;
