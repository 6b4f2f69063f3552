package dev.xent.loss;

/**
 * A configured member of the cross-entropy family.
 *
 * <p>Dense-target losses implement {@link DenseTargetLoss}; the sparse loss takes integer class ids
 * ({@link SparseCategoricalCrossentropy#compute}).
 */
public interface Loss {
  /** Which member of the family this is. */
  LossKind kind();

  /** The options this loss was configured with. */
  LossOptions options();

  /** Creates the loss of a kind with the given options. */
  static Loss create(LossKind kind, LossOptions options) {
    return switch (kind) {
      case CATEGORICAL -> new CategoricalCrossentropy(options);
      case SPARSE_CATEGORICAL -> new SparseCategoricalCrossentropy(options);
      case BINARY -> new BinaryCrossentropy(options);
      case CATEGORICAL_FOCAL -> new CategoricalFocalCrossentropy(options);
      case BINARY_FOCAL -> new BinaryFocalCrossentropy(options);
    };
  }
}
