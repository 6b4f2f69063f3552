package dev.xent.train;

/** Stops training as soon as a mini-batch loss is NaN or infinite (Keras's {@code TerminateOnNaN}). */
public record TerminateOnNaN() implements Callback {
  @Override
  public void onBatchEnd(int step, double batchLoss, TrainingContext context) {
    if (!Double.isFinite(batchLoss)) {
      context.stopTraining("loss became " + batchLoss + " at step " + step
          + "; lower the learning rate or check the inputs for NaN/huge values");
    }
  }
}
