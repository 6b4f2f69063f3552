package dev.xent.cli;

import dev.xent.train.EpochLogs;
import dev.xent.train.ProgressListener;
import java.util.LinkedHashMap;
import java.util.Map;

/** Feeds a {@link KerasProgressBar} from a trainer: running accuracy and loss per step, validation per epoch. */
final class ProgressBarListener implements ProgressListener {
  private final KerasProgressBar bar;
  private final int topK;

  ProgressBarListener(KerasProgressBar bar, int topK) {
    this.bar = bar;
    this.topK = topK;
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int steps) {
    bar.startEpoch(epoch, epochs, steps);
  }

  @Override
  public void onBatchEnd(int step, double runningLoss, double runningAccuracy) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", runningAccuracy);
    m.put("loss", runningLoss);
    bar.step(step, m);
  }

  @Override
  public void onEpochEnd(int epoch, EpochLogs logs) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", logs.accuracy());
    m.put("loss", logs.loss());
    if (logs.hasValidation()) {
      m.put("val_accuracy", logs.valAccuracy());
      m.put("val_loss", logs.valLoss());
    }
    bar.endEpoch(m);
  }
}
