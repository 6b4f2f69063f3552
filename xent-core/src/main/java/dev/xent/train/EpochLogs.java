package dev.xent.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch measured, training and validation side by side. Validation fields are NaN when there is no
 * validation data. Training loss and accuracy are the running means over the epoch's mini-batches (as Keras
 * reports them), measured before each batch's update and with dropout active.
 *
 * @param epoch 1-based
 * @param seconds wall time of the epoch, validation included
 * @param loss mean training loss
 * @param accuracy training accuracy
 * @param topKAccuracy training top-k accuracy (k from the config)
 * @param valLoss validation loss, evaluated in chunks and averaged by rows: exact for Keras's
 *     sum_over_batch_size; under PyTorch's weighted mean with weights it is the row-weighted mean of the chunks'
 *     weighted means (chunks hold up to max(batch size, 256) rows)
 * @param valAccuracy validation accuracy
 * @param valTopKAccuracy validation top-k accuracy
 * @param learningRate the rate of the epoch's last step
 */
public record EpochLogs(int epoch, double seconds, double loss, double accuracy, double topKAccuracy,
    double valLoss, double valAccuracy, double valTopKAccuracy, double learningRate) {

  /** Whether validation was measured. */
  public boolean hasValidation() {
    return !Double.isNaN(valLoss);
  }

  /** The values by Keras-style key (validation keys only when present), for history.json and progress lines. */
  public Map<String, Double> asMap(int topK) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", loss);
    m.put("accuracy", accuracy);
    m.put("top_" + topK + "_accuracy", topKAccuracy);
    if (hasValidation()) {
      m.put("val_loss", valLoss);
      m.put("val_accuracy", valAccuracy);
      m.put("val_top_" + topK + "_accuracy", valTopKAccuracy);
    }
    m.put("learning_rate", learningRate);
    m.put("seconds", seconds);
    return m;
  }
}
