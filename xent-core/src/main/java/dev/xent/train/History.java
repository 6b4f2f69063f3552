package dev.xent.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The per-epoch logs of one training run, in order, and why it stopped. */
public final class History {
  private final List<EpochLogs> epochs = new ArrayList<>();
  private final int topK;
  private String stopReason = "completed all epochs";

  History(int topK) {
    this.topK = topK;
  }

  void add(EpochLogs logs) {
    epochs.add(logs);
  }

  void stopped(String reason) {
    stopReason = reason;
  }

  /** The epochs run, in order. */
  public List<EpochLogs> epochs() {
    return Collections.unmodifiableList(epochs);
  }

  /** The k of the top-k columns. */
  public int topK() {
    return topK;
  }

  /** Why training ended, e.g. {@code completed all epochs} or an early-stopping message. */
  public String stopReason() {
    return stopReason;
  }

  /** The last epoch's logs. */
  public EpochLogs last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("no epoch has run");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** The monitored quantity per epoch. */
  public double[] values(Monitor m) {
    return epochs.stream().mapToDouble(m::value).toArray();
  }
}
