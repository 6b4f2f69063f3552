package dev.xent.io.csv;

/**
 * What a column holds, as inferred by {@link SchemaInference} (or forced with an override). The first four are
 * used as features; the last three are left out, with a note in the schema summary saying why.
 */
public enum ColumnType {
  /** Every present value is a finite number: standardised with training mean and standard deviation. */
  NUMERIC(true),
  /** Text with few distinct values: one-hot over the training categories plus an "unknown" slot. */
  CATEGORICAL(true),
  /** Only true/false or yes/no (any case): one 0/1 feature. 0/1 columns stay numeric (same encoding). */
  BOOLEAN(true),
  /** Dates (yyyy-mm-dd, yyyy/mm/dd, dd.mm.yyyy): days since 1970-01-01, month and ISO day of week. */
  DATE(true),
  /** One distinct value per row (names, keys, row numbers): carries no pattern to learn; left out. */
  IDENTIFIER(false),
  /** Free text with too many distinct values for one-hot; left out (force with --categorical). */
  TEXT(false),
  /** Every value is missing; left out. */
  EMPTY(false);

  private final boolean usable;

  ColumnType(boolean usable) {
    this.usable = usable;
  }

  /** True when a column of this type can be encoded as features. */
  public boolean usable() {
    return usable;
  }
}
