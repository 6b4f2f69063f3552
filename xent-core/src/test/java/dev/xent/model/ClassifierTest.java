package dev.xent.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.xent.data.LabelEncoding;
import dev.xent.data.Standardizer;
import dev.xent.nn.Initializer;
import dev.xent.nn.LayerSpec;
import dev.xent.nn.Sequential;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassifierTest {
  private static Classifier small() {
    Sequential net = Sequential.fromSpecs(Sequential.mlpSpecs(3, new int[] {5}, 4, LayerSpec.Type.TANH, 0.5));
    net.initialize(Initializer.HE_UNIFORM, new SplittableRandom(9));
    Standardizer st = new Standardizer(new float[] {1, 2, 3}, new float[] {2, 2, 2});
    return new Classifier(net, LabelEncoding.sorted(List.of("d", "c", "b", "a")), st,
        Provenance.of(9, Map.of("epochs", "1")));
  }

  @Test
  void predictProbaIsSoftmaxOfLogitsOnStandardisedInput() {
    Classifier m = small();
    float[] x = {1, 2, 3, 5, -1, 0.5f, 300, 2, 3}; // 3 rows (CHUNK covers them in one pass)
    float[] z = m.logits(x, 3);
    float[] p = m.predictProba(x, 3);
    for (int i = 0; i < 3; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < 4; j++) {
        max = Math.max(max, z[i * 4 + j]);
      }
      double sum = 0;
      for (int j = 0; j < 4; j++) {
        sum += Math.exp(z[i * 4 + j] - max);
      }
      for (int j = 0; j < 4; j++) {
        assertThat((double) p[i * 4 + j]).isCloseTo(Math.exp(z[i * 4 + j] - max) / sum, offset(1e-7));
      }
    }
    int[] top = m.topK(x, 3, 4);
    int[] pred = m.predict(x, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(top[i * 4]).isEqualTo(pred[i]);
      for (int r = 1; r < 4; r++) {
        assertThat(p[i * 4 + top[i * 4 + r]]).isLessThanOrEqualTo(p[i * 4 + top[i * 4 + r - 1]]);
      }
    }
  }

  @Test
  void rebuildsFromSpecsAndNamedArrays() {
    Classifier m = small();
    Map<String, float[]> arrays = new HashMap<>();
    for (NamedArray a : m.parameters()) {
      arrays.put(a.name(), a.values().clone());
    }
    assertThat(m.parameters()).extracting(NamedArray::name)
        .containsExactly("layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias");
    assertThat(m.parameters().get(0).shape()).containsExactly(5, 3);
    Classifier back = Classifier.rebuild(m.layerSpecs(), arrays, m.encoding(), m.standardizer(), m.provenance());
    float[] x = {0.5f, -2, 7, 1, 1, 1};
    assertThat(back.predictProba(x, 2)).containsExactly(m.predictProba(x, 2));
    assertThat(back.encoding().names()).containsExactly("a", "b", "c", "d");
    arrays.remove("layers.3.bias");
    assertThatThrownBy(() -> Classifier.rebuild(m.layerSpecs(), arrays, m.encoding(), null, m.provenance()))
        .hasMessageContaining("lacks parameter 'layers.3.bias'");
  }
}
