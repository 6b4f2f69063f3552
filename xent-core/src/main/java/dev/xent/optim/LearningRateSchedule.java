package dev.xent.optim;

import java.util.Locale;

/**
 * The learning rate as a function of the global step (0-based, one step per mini-batch), the total number of
 * steps and the steps per epoch. Schedules are pure functions; the trainer sets the optimizer's rate before
 * every step.
 */
public sealed interface LearningRateSchedule {
  /** The rate for {@code step} given the base rate. */
  double rate(double base, long step, long totalSteps, int stepsPerEpoch);

  /** The schedule as {@link #parse} reads it, e.g. {@code cosine} or {@code step:5:0.5}. */
  String spec();

  /** The base rate throughout. */
  record Constant() implements LearningRateSchedule {
    @Override
    public double rate(double base, long step, long totalSteps, int stepsPerEpoch) {
      return base;
    }

    @Override
    public String spec() {
      return "constant";
    }
  }

  /**
   * {@code base·gamma^⌊epoch/everyEpochs⌋} (PyTorch {@code StepLR} stepped per epoch).
   *
   * @param everyEpochs epochs between decays, ≥ 1
   * @param gamma the factor in (0, 1]
   */
  record StepDecay(int everyEpochs, double gamma) implements LearningRateSchedule {
    public StepDecay {
      if (everyEpochs < 1 || !(gamma > 0 && gamma <= 1)) {
        throw new IllegalArgumentException("step decay needs everyEpochs >= 1 and gamma in (0, 1], got "
            + everyEpochs + ", " + gamma);
      }
    }

    @Override
    public double rate(double base, long step, long totalSteps, int stepsPerEpoch) {
      long epoch = step / Math.max(1, stepsPerEpoch);
      return base * Math.pow(gamma, epoch / everyEpochs);
    }

    @Override
    public String spec() {
      return "step:" + everyEpochs + ":" + gamma;
    }
  }

  /**
   * Cosine annealing from base to {@code base·minFraction} over all steps (PyTorch {@code CosineAnnealingLR}
   * with {@code T_max} = total steps, {@code eta_min = base·minFraction}).
   *
   * @param minFraction the final rate as a fraction of the base, in [0, 1]
   */
  record Cosine(double minFraction) implements LearningRateSchedule {
    public Cosine {
      if (!(minFraction >= 0 && minFraction <= 1)) {
        throw new IllegalArgumentException("cosine minimum fraction must be in [0, 1], got " + minFraction);
      }
    }

    @Override
    public double rate(double base, long step, long totalSteps, int stepsPerEpoch) {
      double progress = totalSteps <= 1 ? 0 : Math.min(1.0, (double) step / (totalSteps - 1));
      double min = base * minFraction;
      return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    @Override
    public String spec() {
      return minFraction == 0 ? "cosine" : "cosine:" + minFraction;
    }
  }

  /**
   * Linear warm-up {@code base·(step+1)/warmupSteps} for the first steps, then {@code then} on the remaining
   * steps (counted from 0 again).
   */
  record Warmup(long warmupSteps, LearningRateSchedule then) implements LearningRateSchedule {
    public Warmup {
      if (warmupSteps < 1 || then == null) {
        throw new IllegalArgumentException("warm-up needs >= 1 steps and a following schedule");
      }
    }

    @Override
    public double rate(double base, long step, long totalSteps, int stepsPerEpoch) {
      if (step < warmupSteps) {
        return base * (step + 1) / warmupSteps;
      }
      return then.rate(base, step - warmupSteps, Math.max(1, totalSteps - warmupSteps), stepsPerEpoch);
    }

    @Override
    public String spec() {
      return "warmup:" + warmupSteps + ":" + then.spec();
    }
  }

  /** The constant schedule. */
  LearningRateSchedule CONSTANT = new Constant();

  /** Cosine annealing from the base rate to 0 over all steps. */
  LearningRateSchedule COSINE = new Cosine(0.0);

  /**
   * Parses {@code constant}, {@code step:<epochs>:<gamma>}, {@code cosine[:<minFraction>]} and
   * {@code warmup:<steps>:<schedule>}, e.g. {@code warmup:500:cosine}.
   */
  static LearningRateSchedule parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    String[] p = s.split(":", 3);
    try {
      return switch (p[0]) {
        case "constant" -> CONSTANT;
        case "step" -> new StepDecay(Integer.parseInt(p[1]), Double.parseDouble(p[2]));
        case "cosine" -> new Cosine(p.length > 1 ? Double.parseDouble(p[1]) : 0.0);
        case "warmup" -> new Warmup(Long.parseLong(p[1]), parse(p[2]));
        default -> throw new IllegalArgumentException("unknown schedule");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot read schedule '" + text + "': use constant, step:<epochs>:<gamma>, "
          + "cosine[:<minFraction>] or warmup:<steps>:<schedule>", e);
    }
  }
}
