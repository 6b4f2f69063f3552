package dev.xent.nn;

import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each feature is zeroed with probability {@code rate} and survivors are scaled by
 * {@code 1/(1-rate)}, so inference is the identity (as in PyTorch and Keras). The mask comes from a
 * {@link SplittableRandom} the trainer sets, so a seeded run replays exactly.
 */
public final class Dropout implements Layer {
  private final int size;
  private final double rate;
  private final float scale;
  private SplittableRandom random = new SplittableRandom(0);
  private float[] mask = new float[0]; // [maxBatch, size]: 0 or 1/(1-rate)
  private float[] output = new float[0];
  private float[] gradInput = new float[0];
  private int maxBatch;
  private int lastBatch;
  private boolean lastTraining;

  /** Dropout on {@code size} features with drop probability {@code rate} in [0, 1). */
  public Dropout(int size, double rate) {
    LayerSpec.dropout(size, rate); // validates
    this.size = size;
    this.rate = rate;
    this.scale = (float) (1.0 / (1.0 - rate));
  }

  /** The drop probability. */
  public double rate() {
    return rate;
  }

  /** Sets the random source for the masks (the trainer gives each dropout layer its own split). */
  public void setRandom(SplittableRandom random) {
    this.random = random;
  }

  @Override
  public LayerSpec spec() {
    return LayerSpec.dropout(size, rate);
  }

  @Override
  public int inputSize() {
    return size;
  }

  @Override
  public int outputSize() {
    return size;
  }

  @Override
  public void allocate(int maxBatch) {
    if (maxBatch > this.maxBatch) {
      mask = new float[Math.multiplyExact(maxBatch, size)];
      output = new float[mask.length];
      gradInput = new float[mask.length];
      this.maxBatch = maxBatch;
    }
  }

  @Override
  public int maxBatch() {
    return maxBatch;
  }

  @Override
  public float[] forward(float[] input, int batch, boolean training) {
    Dense.checkBatch(batch, maxBatch);
    lastBatch = batch;
    lastTraining = training && rate > 0;
    if (!lastTraining) {
      return input;
    }
    int n = batch * size;
    for (int i = 0; i < n; i++) {
      float m = random.nextDouble() < rate ? 0f : scale;
      mask[i] = m;
      output[i] = input[i] * m;
    }
    return output;
  }

  @Override
  public float[] backward(float[] gradOutput) {
    if (!lastTraining) {
      return gradOutput;
    }
    int n = lastBatch * size;
    for (int i = 0; i < n; i++) {
      gradInput[i] = gradOutput[i] * mask[i];
    }
    return gradInput;
  }
}
