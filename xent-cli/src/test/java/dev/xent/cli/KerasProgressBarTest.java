package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KerasProgressBarTest {
  private final AtomicLong nanos = new AtomicLong();
  private final StringWriter text = new StringWriter();

  private KerasProgressBar bar(boolean tty) {
    return new KerasProgressBar(new PrintWriter(text, true), tty, false, nanos::get);
  }

  private static Map<String, Double> metrics(double acc, double loss) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", acc);
    m.put("loss", loss);
    return m;
  }

  @Test
  void stepLineMatchesKerasFormat() {
    KerasProgressBar b = bar(true);
    b.startEpoch(3, 10, 469);
    nanos.set(1_648_000_000L); // 412 steps in 1.648 s: 4 ms/step, 57 steps left -> 0.228 s ETA
    assertThat(b.line(412, nanos.get(), false, metrics(0.91274, 0.29741)))
        .isEqualTo("412/469 " + "━".repeat(20) + " 0s 4ms/step - accuracy: 0.9127 - loss: 0.2974");
  }

  @Test
  void plainModePrintsOneClosingLinePerEpoch() {
    KerasProgressBar b = bar(false);
    b.startEpoch(1, 2, 5);
    for (int s = 1; s <= 5; s++) {
      nanos.addAndGet(600_000_000L);
      b.step(s, metrics(0.5, 1.0));
    }
    Map<String, Double> m = metrics(0.5, 1.0);
    m.put("val_accuracy", 0.25);
    m.put("val_loss", 0.0001234);
    b.endEpoch(m);
    assertThat(text.toString()).isEqualTo("Epoch 1/2\n"
        + "5/5 ━━━━━━━━━━━━━━━━━━━━ 3s 600ms/step - accuracy: 0.5000 - loss: 1.0000 - val_accuracy: 0.2500"
        + " - val_loss: 1.2340e-04\n");
  }

  @Test
  void ttyModeRedrawsInPlace() {
    KerasProgressBar b = bar(true);
    b.startEpoch(1, 1, 4);
    nanos.set(100_000_000L);
    b.step(1, metrics(0.1, 2.0));
    nanos.set(110_000_000L); // within 50 ms of the last draw: skipped
    b.step(2, metrics(0.2, 2.0));
    nanos.set(400_000_000L);
    b.step(3, metrics(0.3, 2.0));
    b.endEpoch(metrics(0.4, 2.0));
    String s = text.toString();
    assertThat(s).startsWith("Epoch 1/1\n\r1/4 " + "━".repeat(20) + " 0s 100ms/step - accuracy: 0.1000");
    assertThat(s).doesNotContain("2/4");
    assertThat(s).contains("\r3/4 " + "━".repeat(20) + " 0s 133ms/step - accuracy: 0.3000").contains("\r4/4 ━━━━━━━━━━━━━━━━━━━━ 0s 100ms/step - accuracy: 0.4000");
    assertThat(s).endsWith("\n");
  }

  @Test
  void kerasTimeAndValueFormats() {
    assertThat(KerasProgressBar.eta(59.9)).isEqualTo("59s");
    assertThat(KerasProgressBar.eta(61)).isEqualTo("1:01");
    assertThat(KerasProgressBar.eta(3725)).isEqualTo("1:02:05");
    assertThat(KerasProgressBar.perStepText(2.4)).isEqualTo(" 2s/step");
    assertThat(KerasProgressBar.perStepText(0.0042)).isEqualTo(" 4ms/step");
    assertThat(KerasProgressBar.perStepText(0.00042)).isEqualTo(" 420us/step");
    assertThat(KerasProgressBar.value(0.29741)).isEqualTo("0.2974");
    assertThat(KerasProgressBar.value(-0.0005)).isEqualTo("-5.0000e-04");
    assertThat(KerasProgressBar.value(Double.NaN)).isEqualTo("nan");
  }
}
