package dev.xent.io.csv;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * The fitted transform of one CSV column into one or more feature values. Fitted on the training split only;
 * stored as JSON with the model so evaluation and prediction apply exactly the same transform.
 *
 * <p>Missing values are imputed (numeric: the training mean, so 0 after standardising; categorical and
 * boolean: the most frequent training value) and, when the training split had any missing value in the
 * column, flagged in one extra 0/1 indicator feature after the column's other features.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = NumericEncoder.class, name = "numeric"),
  @JsonSubTypes.Type(value = CategoricalEncoder.class, name = "categorical"),
  @JsonSubTypes.Type(value = BooleanEncoder.class, name = "boolean"),
  @JsonSubTypes.Type(value = DateEncoder.class, name = "date")
})
public sealed interface ColumnEncoder permits NumericEncoder, CategoricalEncoder, BooleanEncoder, DateEncoder {

  /** The source column's header name. */
  String column();

  /** The number of feature values this column becomes. */
  int width();

  /** A name for each feature value, e.g. {@code colour=red}, {@code age_missing}. */
  List<String> featureNames();

  /**
   * Writes this column's features for one field.
   *
   * @param field the raw field text
   * @param out the feature row being filled
   * @param offset where this column's features start in {@code out}
   * @param file the file, for errors
   * @param line the 1-based line, for errors
   * @throws CsvDataException when the field cannot be read as this column's type
   */
  void encode(String field, float[] out, int offset, Path file, long line);

  /** Standard deviation used when a column is constant in training: leaves the centred value (0). */
  double CONSTANT_STD = 1.0;

  /** The population standard deviation guarded for constant columns. */
  static double std(double sumSq, double mean, int n) {
    double var = n == 0 ? 0 : Math.max(0, sumSq / n - mean * mean);
    // Below this the column is constant up to rounding; dividing would blow rounding noise up to O(1).
    return var <= 1e-24 ? CONSTANT_STD : Math.sqrt(var);
  }
}
