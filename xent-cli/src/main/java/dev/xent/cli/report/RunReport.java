package dev.xent.cli.report;

import dev.xent.data.LabelEncoding;
import dev.xent.eval.Calibration;
import dev.xent.eval.Evaluation;
import dev.xent.io.csv.ColumnInfo;
import dev.xent.io.csv.FeatureSchema;
import dev.xent.train.EpochLogs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Builds {@link ReportData} from a training run's history and an {@link Evaluation} of held-out rows. */
public final class RunReport {
  private RunReport() {}

  /**
   * The report of a run.
   *
   * @param schema the data's columns, or an empty list (image data)
   * @param classCounts [classes] training examples per class
   * @param history the training epochs, or null for an evaluation-only report
   * @param eval the held-out evaluation
   * @param split what {@code eval} was computed on, e.g. "test split (360 rows)"
   */
  public static ReportData of(String title, List<ReportData.SchemaRow> schema, LabelEncoding classes,
      long[] classCounts, List<EpochLogs> history, Evaluation eval, String split, List<ReportData.Entry> configuration,
      List<ReportData.Entry> provenance) {
    List<ReportData.EpochRow> rows = new ArrayList<>();
    if (history != null) {
      for (EpochLogs e : history) {
        rows.add(new ReportData.EpochRow(e.epoch(), e.loss(), e.accuracy(), e.valLoss(), e.valAccuracy()));
      }
    }
    Calibration cal = eval.calibration();
    List<ReportData.ReliabilityBin> bins = new ArrayList<>();
    for (int b = 0; b < cal.bins(); b++) {
      bins.add(new ReportData.ReliabilityBin((double) b / cal.bins(), cal.upperEdge(b), cal.count()[b],
          cal.meanConfidence()[b], cal.accuracy()[b]));
    }
    ReportData.Evaluation ev = new ReportData.Evaluation(split, eval.logLoss(), eval.accuracy(),
        eval.confusion().toArray(), bins, cal.ece());
    return new ReportData(title, schema, classes.names(), classCounts, rows, ev, configuration, provenance);
  }

  /** The schema summary rows of a CSV dataset. */
  public static List<ReportData.SchemaRow> schemaRows(FeatureSchema schema) {
    List<ReportData.SchemaRow> rows = new ArrayList<>();
    for (ColumnInfo c : schema.columns()) {
      rows.add(new ReportData.SchemaRow(c.name(), c.type().name().toLowerCase(Locale.ROOT),
          c.role().name().toLowerCase(Locale.ROOT).replace('_', ' '), c.distinct(), c.missing(), c.note()));
    }
    return rows;
  }

  /** The SHA-256 of a file's bytes, in hex, for provenance. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  /** The SHA-256 of a stream's bytes, in hex. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    try (DigestInputStream d = new DigestInputStream(in, md)) {
      d.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
