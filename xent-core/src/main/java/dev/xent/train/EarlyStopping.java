package dev.xent.train;

/**
 * Stops when the monitored quantity has not improved by more than {@code minDelta} for {@code patience}
 * epochs in a row, as Keras's {@code EarlyStopping}; with {@code restoreBestWeights} the model ends with the weights of
 * the best epoch (also when training runs to the end).
 *
 * @param monitor the quantity watched
 * @param patience epochs without improvement tolerated, ≥ 0
 * @param minDelta the smallest change that counts as improvement, ≥ 0
 * @param restoreBestWeights whether to restore the best epoch's weights at the end
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBestWeights)
    implements Callback {
  /** Keras's defaults but restoring the best weights: val_loss, patience 0, min_delta 0. */
  public static final EarlyStopping DEFAULTS = new EarlyStopping(Monitor.VAL_LOSS, 0, 0.0, true);

  public EarlyStopping {
    if (monitor == null || patience < 0 || !(minDelta >= 0)) {
      throw new IllegalArgumentException("early stopping needs a monitor, patience >= 0 and min_delta >= 0, got "
          + monitor + ", " + patience + ", " + minDelta);
    }
  }

  @Override
  public Callback forRun() {
    return new State(this);
  }

  /** The mutable part, one per training run. */
  static final class State implements Callback {
    private final EarlyStopping cfg;
    private double best = Double.NaN;
    private int bestEpoch;
    private int wait;
    private float[][] bestWeights;

    State(EarlyStopping cfg) {
      this.cfg = cfg;
    }

    @Override
    public void onTrainBegin(TrainingContext context, boolean hasValidation) {
      if (cfg.monitor.needsValidation() && !hasValidation) {
        throw new IllegalArgumentException("early stopping monitors " + cfg.monitor.key()
            + " but there is no validation data: set a validation split or monitor loss");
      }
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
      double v = cfg.monitor.value(logs);
      wait++;
      if (bestEpoch == 0 || cfg.monitor.improves(v, best, cfg.minDelta)) {
        best = v;
        bestEpoch = logs.epoch();
        wait = 0;
        if (cfg.restoreBestWeights) {
          bestWeights = context.snapshotWeights();
        }
        return;
      }
      // Keras counts like this: patience p stops after p epochs in a row without improvement (0 acts as 1).
      if (wait >= cfg.patience) {
        context.stopTraining("early stopping: " + cfg.monitor.key() + " did not improve for " + wait
            + " epochs; best " + best + " at epoch " + bestEpoch);
      }
    }

    @Override
    public void onTrainEnd(TrainingContext context) {
      if (cfg.restoreBestWeights && bestWeights != null) {
        context.restoreWeights(bestWeights);
      }
    }

    int bestEpoch() {
      return bestEpoch;
    }
  }
}
