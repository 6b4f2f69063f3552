package dev.xent.io.csv;

/**
 * One column of a CSV file as the schema summary shows it.
 *
 * @param name the header name
 * @param type the inferred (or forced) type
 * @param role feature, target, or left out
 * @param distinct number of distinct present values
 * @param missing number of missing values
 * @param note why a column is left out or how it was decided; empty when there is nothing to say
 */
public record ColumnInfo(String name, ColumnType type, Role role, int distinct, int missing, String note) {

  /** What a column is used for. */
  public enum Role {
    /** Encoded as model input. */
    FEATURE,
    /** The class label (or one of the soft-target columns). */
    TARGET,
    /** Not used; the note says why. */
    LEFT_OUT
  }
}
