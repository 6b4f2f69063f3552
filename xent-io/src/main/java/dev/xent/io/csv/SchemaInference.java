package dev.xent.io.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Infers each column's type from its values, in this order (the first rule that holds decides):
 *
 * <ol>
 *   <li>every value missing: {@link ColumnType#EMPTY};
 *   <li>named in {@code --categorical}: {@link ColumnType#CATEGORICAL};
 *   <li>every present value a finite number: {@link ColumnType#NUMERIC}, except integer row numbers (all
 *       distinct, consecutive, more than {@link #MIN_CATEGORIES} rows), which are {@link ColumnType#IDENTIFIER};
 *   <li>at least {@link #NUMERIC_SHARE} of present values are numbers: the column is taken as numeric and the
 *       first value that is not a number is an error naming its line (a typo must not silently turn a
 *       measurement into categories; mark the value missing, or force the column with --categorical);
 *   <li>only true/false or yes/no: {@link ColumnType#BOOLEAN};
 *   <li>only dates in an accepted format: {@link ColumnType#DATE};
 *   <li>at most max({@link #MIN_CATEGORIES}, {@link #CATEGORY_SHARE} × present values) distinct values:
 *       {@link ColumnType#CATEGORICAL};
 *   <li>one distinct value per row: {@link ColumnType#IDENTIFIER} (left out);
 *   <li>otherwise {@link ColumnType#TEXT} (left out).
 * </ol>
 *
 * <p>Types are inferred over the whole file (types are not statistics: nothing is fitted here); everything
 * fitted (means, categories) comes from the training split only, in {@link FeatureEncoder#fit}.
 */
public final class SchemaInference {
  /** A column with up to this many distinct strings is categorical whatever the row count. */
  public static final int MIN_CATEGORIES = 20;
  /** ...or up to this share of its present values: 5% keeps one-hot narrow on large files. */
  public static final double CATEGORY_SHARE = 0.05;
  /** A column this numeric is a numeric column with bad values, not a categorical one. */
  public static final double NUMERIC_SHARE = 0.9;

  private SchemaInference() {}

  /** Infers the schema of {@code table} under the overrides and target in {@code options}. */
  public static FeatureSchema infer(CsvTable table, CsvOptions options) {
    Set<String> targets = new HashSet<>();
    if (!options.targetColumns().isEmpty()) {
      targets.addAll(options.targetColumns());
    } else if (options.softTargets() == null) {
      targets.add(options.target() != null ? options.target() : table.header().get(table.header().size() - 1));
    }
    for (String name : concat(targets, options.features(), options.ignore(), options.categorical())) {
      table.column(name); // an unknown name is an error listing the columns
    }
    List<ColumnInfo> columns = new ArrayList<>();
    for (int c = 0; c < table.header().size(); c++) {
      String name = table.header().get(c);
      ColumnInfo info = inferColumn(table, c, options.categorical().contains(name));
      ColumnInfo.Role role;
      String note = info.note();
      if (targets.contains(name)) {
        role = ColumnInfo.Role.TARGET;
      } else if (options.ignore().contains(name)) {
        role = ColumnInfo.Role.LEFT_OUT;
        note = "ignored (--ignore)";
      } else if (!options.features().isEmpty() && !options.features().contains(name)) {
        role = ColumnInfo.Role.LEFT_OUT;
        note = "not in --features";
      } else if (!info.type().usable()) {
        role = ColumnInfo.Role.LEFT_OUT;
      } else {
        role = ColumnInfo.Role.FEATURE;
      }
      columns.add(new ColumnInfo(name, info.type(), role, info.distinct(), info.missing(), note));
    }
    FeatureSchema schema = new FeatureSchema(columns, table.size());
    if (schema.features().isEmpty()) {
      throw new CsvDataException(
          table.path(), 0, null, "no usable feature columns; the schema is:\n" + schema.summary());
    }
    return schema;
  }

  private static ColumnInfo inferColumn(CsvTable table, int c, boolean forceCategorical) {
    String name = table.header().get(c);
    int n = table.size();
    Set<String> distinct = new HashSet<>();
    int missing = 0;
    int numbers = 0;
    int booleans = 0;
    int dates = 0;
    int firstNonNumber = -1;
    boolean integers = true;
    for (int r = 0; r < n; r++) {
      String v = table.rows().get(r)[c];
      if (MissingValues.isMissing(v)) {
        missing++;
        continue;
      }
      String s = v.strip();
      distinct.add(s);
      double d = Values.number(s);
      if (!Double.isNaN(d)) {
        numbers++;
        integers &= d == Math.rint(d);
      } else if (firstNonNumber < 0) {
        firstNonNumber = r;
      }
      if (Values.bool(s) >= 0) {
        booleans++;
      }
      if (Values.date(s) != null) {
        dates++;
      }
    }
    int present = n - missing;
    int k = distinct.size();
    if (present == 0) {
      return new ColumnInfo(name, ColumnType.EMPTY, null, 0, missing, "every value is missing");
    }
    if (forceCategorical) {
      return new ColumnInfo(name, ColumnType.CATEGORICAL, null, k, missing, "categorical (--categorical)");
    }
    if (numbers == present) {
      if (integers && k == present && present > MIN_CATEGORIES && consecutive(table, c)) {
        return new ColumnInfo(name, ColumnType.IDENTIFIER, null, k, missing, "row numbers; left out");
      }
      return new ColumnInfo(name, ColumnType.NUMERIC, null, k, missing, "");
    }
    if (numbers >= NUMERIC_SHARE * present) {
      String bad = table.rows().get(firstNonNumber)[c];
      throw new CsvDataException(
          table.path(),
          table.lines()[firstNonNumber],
          name,
          "'" + bad + "' is not a number, but " + numbers + " of " + present + " values in this column are;"
              + " fix the value, mark it missing (empty or NA), or pass --categorical " + name);
    }
    if (booleans == present) {
      return new ColumnInfo(name, ColumnType.BOOLEAN, null, k, missing, "");
    }
    if (dates == present) {
      return new ColumnInfo(name, ColumnType.DATE, null, k, missing, "days since 1970, month, day of week");
    }
    if (k <= Math.max(MIN_CATEGORIES, CATEGORY_SHARE * present)) {
      return new ColumnInfo(name, ColumnType.CATEGORICAL, null, k, missing, "");
    }
    if (k == present) {
      return new ColumnInfo(name, ColumnType.IDENTIFIER, null, k, missing, "one distinct value per row; left out");
    }
    return new ColumnInfo(
        name, ColumnType.TEXT, null, k, missing,
        k + " distinct values, too many for one-hot; left out (--categorical " + name + " forces it)");
  }

  private static boolean consecutive(CsvTable table, int c) {
    double[] v = new double[table.size()];
    for (int r = 0; r < v.length; r++) {
      v[r] = Values.number(table.rows().get(r)[c]);
    }
    Arrays.sort(v);
    return v[v.length - 1] - v[0] == v.length - 1;
  }

  @SafeVarargs
  private static List<String> concat(java.util.Collection<String>... parts) {
    List<String> all = new ArrayList<>();
    for (java.util.Collection<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }
}
