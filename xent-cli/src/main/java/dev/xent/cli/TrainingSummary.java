package dev.xent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.train.EpochLogs;
import java.util.List;

/**
 * What {@code xent train} reports: the per-epoch history and the throughput.
 *
 * @param epochs the per-epoch logs, in order
 * @param trainRows rows trained on per epoch (after the validation split)
 * @param validationRows rows held out for validation (0 for none)
 * @param stopReason why training ended
 */
record TrainingSummary(List<EpochLogs> epochs, int trainRows, int validationRows, String stopReason) {

  /** Seconds of all epochs together. */
  double totalSeconds() {
    return epochs.stream().mapToDouble(EpochLogs::seconds).sum();
  }

  /**
   * Training rows per second over the steady-state epochs: all but the first, whose time includes JIT
   * compilation and buffer allocation; the first alone when it is the only one. Epoch time includes validation.
   */
  double samplesPerSecond() {
    List<EpochLogs> steady = epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
    double seconds = steady.stream().mapToDouble(EpochLogs::seconds).sum();
    return seconds > 0 ? (double) trainRows * steady.size() / seconds : Double.NaN;
  }

  /** The JSON object printed by {@code --json} and written to history.json. */
  ObjectNode toJson() {
    ObjectNode o = JsonOutput.object();
    ArrayNode h = o.putArray("history");
    for (EpochLogs e : epochs) {
      ObjectNode row = h.addObject();
      row.put("epoch", e.epoch());
      row.set("seconds", JsonOutput.number(e.seconds()));
      row.set("loss", JsonOutput.number(e.loss()));
      row.set("accuracy", JsonOutput.number(e.accuracy()));
      if (e.hasValidation()) {
        row.set("val_loss", JsonOutput.number(e.valLoss()));
        row.set("val_accuracy", JsonOutput.number(e.valAccuracy()));
      }
    }
    o.set("samples_per_second", JsonOutput.number(samplesPerSecond()));
    o.set("training_seconds", JsonOutput.number(totalSeconds()));
    o.put("train_rows", trainRows);
    o.put("validation_rows", validationRows);
    o.put("epochs_run", epochs.size());
    o.put("stop_reason", stopReason);
    return o;
  }
}
