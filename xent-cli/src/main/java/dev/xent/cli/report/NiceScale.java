package dev.xent.cli.report;

/**
 * Axis bounds and tick step rounded to 1, 2 or 5 times a power of ten (Heckbert, "Nice numbers for graph
 * labels", Graphics Gems 1990), so tick labels read 0.2, 0.4 rather than 0.17, 0.34.
 *
 * @param min lower bound, a multiple of {@code step}
 * @param max upper bound, a multiple of {@code step}
 * @param step distance between ticks
 */
record NiceScale(double min, double max, double step) {

  /** A scale covering [lo, hi] with about {@code ticks} ticks. */
  static NiceScale of(double lo, double hi, int ticks) {
    if (!(hi > lo)) {
      // A flat series: open a window around it so the line sits mid-chart.
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double range = nice(hi - lo, false);
    double step = nice(range / (ticks - 1), true);
    double min = Math.floor(lo / step) * step;
    double max = Math.ceil(hi / step) * step;
    return new NiceScale(min, max, step);
  }

  /** Number of ticks from min to max inclusive. */
  int tickCount() {
    return (int) Math.round((max - min) / step) + 1;
  }

  /** The value of tick {@code i}, computed from the index so there is no accumulated rounding. */
  double tick(int i) {
    return min + i * step;
  }

  /** Decimals needed to print the ticks exactly. */
  int decimals() {
    return Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
  }

  private static double nice(double x, boolean round) {
    double exp = Math.floor(Math.log10(x));
    double f = x / Math.pow(10, exp);
    double nf;
    if (round) {
      nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    } else {
      nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    }
    return nf * Math.pow(10, exp);
  }
}
