package dev.xent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static Dataset labelled(int n, int[] y, int classes) {
    float[] x = new float[n * 2];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
    }
    return Dataset.ofLabels(x, n, 2, y, LabelEncoding.ofIndices(classes), null);
  }

  @Test
  void labelEncodingSortsOnceAndFreezes() {
    assertThat(LabelEncoding.sorted(List.of("cat", "ant", "bee", "ant")).names()).containsExactly("ant", "bee", "cat");
    assertThat(LabelEncoding.sorted(List.of("10", "9", "1")).names()).containsExactly("1", "9", "10");
    LabelEncoding frozen = LabelEncoding.frozen(List.of("z", "a"));
    assertThat(frozen.id("z")).isZero();
    assertThat(frozen.name(1)).isEqualTo("a");
    assertThatThrownBy(() -> frozen.id("q")).hasMessageContaining("unknown class label 'q'");
    assertThatThrownBy(() -> LabelEncoding.frozen(List.of("a", "a"))).hasMessageContaining("appears twice");
  }

  @Test
  void stratifiedSplitKeepsClassProportionsAndReplaysWithTheSeed() {
    int n = 100;
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < 70 ? 0 : (i < 90 ? 1 : 2); // 70 / 20 / 10
    }
    Dataset d = labelled(n, y, 3);
    Dataset.Split s = d.split(0.2, true, new SplittableRandom(1));
    assertThat(s.validation().classCounts()).containsExactly(14, 4, 2);
    assertThat(s.train().classCounts()).containsExactly(56, 16, 8);
    Dataset.Split again = d.split(0.2, true, new SplittableRandom(1));
    assertThat(again.validation().features()).containsExactly(s.validation().features());
    Dataset.Split plain = d.split(0.25, false, new SplittableRandom(1));
    assertThat(plain.validation().size()).isEqualTo(25);
    assertThatThrownBy(() -> d.split(1.0, true, new SplittableRandom(1))).hasMessageContaining("(0, 1)");
  }

  @Test
  void rejectsBadTargetsWithTheRow() {
    assertThatThrownBy(() -> labelled(3, new int[] {0, 5, 1}, 3)).hasMessageContaining("row 1: class id 5");
    assertThatThrownBy(() -> Dataset.ofLabels(new float[5], 3, 2, new int[3], LabelEncoding.ofIndices(2), null))
        .hasMessageContaining("n=3 × d=2");
  }

  @Test
  void softTargetsUseTheirArgmaxForCounts() {
    float[] soft = {0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f};
    Dataset d = Dataset.ofSoftTargets(new float[3], 3, 1, soft, LabelEncoding.ofIndices(2), null);
    assertThat(d.classCounts()).containsExactly(1, 2);
  }

  @Test
  void standardizerUsesPopulationStdAndLeavesConstantColumnsUnscaled() {
    float[] x = {1, 5, 3, 5, 5, 5}; // column 0: 1,3,5 (mean 3, std √(8/3)); column 1 constant
    Standardizer s = Standardizer.fit(x, 3, 2);
    assertThat((double) s.mean()[0]).isCloseTo(3, offset(1e-6));
    assertThat((double) s.std()[0]).isCloseTo(Math.sqrt(8.0 / 3), offset(1e-6));
    assertThat(s.std()[1]).isEqualTo(1f);
    float[] out = new float[6];
    s.apply(x, out, 3);
    assertThat((double) out[0]).isCloseTo(-2 / Math.sqrt(8.0 / 3), offset(1e-6));
    assertThat(out[1]).isZero();
  }
}
