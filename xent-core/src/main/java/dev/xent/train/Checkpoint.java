package dev.xent.train;

import dev.xent.model.Classifier;
import java.util.function.Consumer;

/**
 * Calls {@code hook} with the model whenever the monitored quantity improves (always on the first epoch), as
 * Keras's {@code ModelCheckpoint(save_best_only=True)} would save it. Writing a file is the hook's business
 * (xent-io); the model passed is live, so the hook must write or copy it before returning.
 *
 * @param monitor the quantity watched
 * @param hook receives the model at each improvement
 */
public record Checkpoint(Monitor monitor, Consumer<Classifier> hook) implements Callback {
  public Checkpoint {
    if (monitor == null || hook == null) {
      throw new IllegalArgumentException("a checkpoint needs a monitor and a hook");
    }
  }

  @Override
  public Callback forRun() {
    Checkpoint cfg = this;
    return new Callback() {
      private double best = Double.NaN;
      private boolean any;

      @Override
      public void onTrainBegin(TrainingContext context, boolean hasValidation) {
        if (cfg.monitor.needsValidation() && !hasValidation) {
          throw new IllegalArgumentException("checkpoint monitors " + cfg.monitor.key()
              + " but there is no validation data: set a validation split or monitor loss");
        }
      }

      @Override
      public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        double v = cfg.monitor.value(logs);
        if (!any || cfg.monitor.improves(v, best, 0.0)) {
          any = true;
          best = v;
          cfg.hook.accept(context.model());
        }
      }
    };
  }
}
