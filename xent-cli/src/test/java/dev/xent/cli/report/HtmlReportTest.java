package dev.xent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.eval.ClassificationReport;
import dev.xent.eval.ConfusionMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
  @TempDir Path dir;

  @Test
  void pageIsSelfContainedAndDeterministic() throws IOException {
    String a = HtmlReport.render(ReportFixtures.sample());
    // Kept in the build output for scripts/report_screenshot.sh.
    HtmlReport.write(ReportFixtures.sample(), Path.of("target/report-sample/report.html"));
    String b = HtmlReport.render(ReportFixtures.sample());
    assertThat(a).isEqualTo(b);
    assertThat(a).doesNotContain("http:").doesNotContain("https:").doesNotContainIgnoringCase("<script")
        .doesNotContain("@import").doesNotContain("url(").doesNotContain("<link");
    assertThat(a).startsWith("<!DOCTYPE html>").contains("<meta name=\"viewport\"");
    // User text is escaped, never interpreted.
    assertThat(a).contains("iris &lt;test&gt; &amp; friends").doesNotContain("<test>");
  }

  @Test
  void showsEverySection() {
    String h = HtmlReport.render(ReportFixtures.sample());
    assertThat(h).contains("<h2>Data</h2>", "<h2>Training</h2>", "<h2>Where the model is wrong</h2>",
        "<h2>Can its confidence be trusted?</h2>", "<h2>Run</h2>");
    assertThat(h).contains("aria-label=\"loss per epoch\"", "aria-label=\"accuracy per epoch\"",
        "aria-label=\"confusion matrix, counts\"", "aria-label=\"confusion matrix, row-normalised\"",
        "aria-label=\"reliability diagram\"", "aria-label=\"training examples per class\"");
    // Accuracy 27/30 = 90.0%.
    assertThat(h).contains("<div class=\"card-value\">90.0%</div>");
    assertThat(h).contains("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    // versicolor -> virginica (2) is the top confusion, then virginica -> versicolor (1).
    int first = h.indexOf("<tr><td>versicolor</td><td>virginica</td><td class=\"num\">2</td><td class=\"num\">20.0%</td></tr>");
    int second = h.indexOf("<tr><td>virginica</td><td>versicolor</td><td class=\"num\">1</td><td class=\"num\">10.0%</td></tr>");
    assertThat(first).isPositive();
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void evaluationOnlyReportHasNoTrainingSection() {
    ReportData s = ReportFixtures.sample();
    ReportData d = new ReportData(s.title(), s.schema(), s.classNames(), s.classCounts(), List.of(), s.evaluation(),
        s.configuration(), s.provenance());
    assertThat(HtmlReport.render(d)).doesNotContain("<h2>Training</h2>").contains("<h2>Run</h2>");
  }

  @Test
  void perClassMetricsMatchClosedForm() {
    ClassificationReport m = ConfusionMatrix.ofCounts(ReportFixtures.CONFUSION).report();
    // versicolor: TP 8, predicted 9, support 10 -> P 8/9, R 0.8, F1 2PR/(P+R) = 16/19.
    assertThat(m.precision()[1]).isCloseTo(8.0 / 9, within(1e-15));
    assertThat(m.recall()[1]).isCloseTo(0.8, within(1e-15));
    assertThat(m.f1()[1]).isCloseTo(16.0 / 19, within(1e-15));
    assertThat(m.support()[1]).isEqualTo(10);
    String h = HtmlReport.render(ReportFixtures.sample());
    assertThat(h).contains("<tr><td>versicolor</td><td class=\"num\">0.889</td><td class=\"num\">0.800</td>"
        + "<td class=\"num\">0.842</td><td class=\"num\">10</td></tr>");
    // An empty class gives 0, not NaN.
    ClassificationReport z = ConfusionMatrix.ofCounts(new long[][] {{2, 0}, {0, 0}}).report();
    assertThat(z.precision()[1]).isZero();
    assertThat(z.f1()[1]).isZero();
  }

  @Test
  void verdictNamesOverAndUnderConfidence() {
    assertThat(HtmlReport.verdict(0.90, 0.99, 0.09)).startsWith("Overconfident").contains("90.0%").contains("99.0%");
    assertThat(HtmlReport.verdict(0.95, 0.80, 0.15)).startsWith("Underconfident");
    assertThat(HtmlReport.verdict(0.95, 0.955, 0.01)).startsWith("Calibrated");
  }

  @Test
  void writeReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
    Path out = dir.resolve("sub/report.html");
    HtmlReport.write(ReportFixtures.sample(), out);
    HtmlReport.write(ReportFixtures.sample(), out);
    assertThat(Files.readString(out)).isEqualTo(HtmlReport.render(ReportFixtures.sample()));
    try (var files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }
}
