package dev.xent.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The charts' SVG is compared byte for byte with files in src/test/resources/report/. After a deliberate
 * change to a chart, regenerate them with {@code -Dxent.updateGolden=true} (the test then writes the files
 * into the source tree and fails, so an update is never silent) and look at them before committing.
 */
class SvgGoldenTest {

  private static void assertGolden(String name, String svg) throws IOException {
    if (Boolean.getBoolean("xent.updateGolden")) {
      Path p = Path.of("src/test/resources/report", name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, svg, StandardCharsets.UTF_8);
      throw new AssertionError("golden file " + p + " rewritten; run again without -Dxent.updateGolden");
    }
    try (InputStream in = SvgGoldenTest.class.getResourceAsStream("/report/" + name)) {
      assertThat(in).as("golden file /report/" + name).isNotNull();
      assertThat(svg).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void lossCurves() throws IOException {
    List<ReportData.EpochRow> h = ReportFixtures.history(12);
    double[] tl = h.stream().mapToDouble(ReportData.EpochRow::trainLoss).toArray();
    double[] vl = h.stream().mapToDouble(ReportData.EpochRow::validationLoss).toArray();
    assertGolden("loss.svg", LineChart.render("loss per epoch", "loss",
        List.of(new LineChart.Series("training", tl, "s1"), new LineChart.Series("validation", vl, "s2")), Double.NaN));
  }

  @Test
  void confusionHeatmapCounts() throws IOException {
    assertGolden("confusion-counts.svg", Heatmap.render("counts", ReportFixtures.CLASSES, ReportFixtures.CONFUSION, false));
  }

  @Test
  void confusionHeatmapRowShares() throws IOException {
    assertGolden("confusion-normalised.svg", Heatmap.render("normalised", ReportFixtures.CLASSES, ReportFixtures.CONFUSION, true));
  }

  @Test
  void reliabilityDiagram() throws IOException {
    assertGolden("reliability.svg", ReliabilityDiagram.render("reliability", ReportFixtures.bins()));
  }

  @Test
  void classBalance() throws IOException {
    assertGolden("balance.svg", BarChart.render("balance", ReportFixtures.CLASSES, new long[] {50, 30, 20}));
  }

  @Test
  void numbersAreLocaleFreeAndRounded() {
    assertThat(Svg.num(1.005)).isEqualTo("1"); // 1.005 is 1.00499999... in binary
    assertThat(Svg.num(12.345678)).isEqualTo("12.35");
    assertThat(Svg.num(-0.001)).isEqualTo("0");
    assertThat(Svg.num(1e-7)).isEqualTo("0");
    assertThat(Svg.num(2500000)).isEqualTo("2500000");
    assertThat(Html.fixed(0.5, 0)).isEqualTo("0");
    assertThat(Html.fixed(-0.0001, 2)).isEqualTo("0.00");
    assertThat(Html.percent(0.97261)).isEqualTo("97.3%");
    assertThatThrownBy(() -> Svg.num(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void niceScaleTicks() {
    NiceScale s = NiceScale.of(0.05, 0.93, 6);
    assertThat(s.min()).isEqualTo(0.0);
    assertThat(s.max()).isEqualTo(1.0);
    assertThat(s.step()).isEqualTo(0.2);
    assertThat(s.decimals()).isEqualTo(1);
    NiceScale flat = NiceScale.of(2, 2, 6);
    assertThat(flat.max()).isGreaterThan(2);
    assertThat(flat.min()).isLessThan(2);
  }
}
