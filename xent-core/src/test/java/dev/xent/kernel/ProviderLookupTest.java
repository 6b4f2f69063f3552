package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderLookupTest {
  private final Logger log = Logger.getLogger(ProviderLookupTest.class.getName());
  private final List<String> warnings = new ArrayList<>();

  {
    log.setUseParentHandlers(false);
    log.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        warnings.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  @AfterEach
  void clearProperty() {
    System.clearProperty(ProviderLookup.BIT_SIZE_PROPERTY);
  }

  @Test
  void zeroBitsSelectsTheScalarKernels() {
    System.setProperty(ProviderLookup.BIT_SIZE_PROPERTY, "0");
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("scalar");
    assertThat(p.vectorBitSize()).isZero();
  }

  @Test
  void aForcedWidthSelectsThatSpecies() {
    System.setProperty(ProviderLookup.BIT_SIZE_PROPERTY, "128");
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("vector");
    assertThat(p.vectorBitSize()).isEqualTo(128);
  }

  @Test
  void byDefaultTheVectorKernelsAreChosenWhenTheModuleIsPresent() {
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("vector"); // surefire runs with --add-modules jdk.incubator.vector
    assertThat(warnings).isEmpty();
  }

  @Test
  void anUnsupportedWidthFallsBackToScalarWithAWarning() {
    System.setProperty(ProviderLookup.BIT_SIZE_PROPERTY, "96");
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("scalar");
    assertThat(warnings).singleElement().asString().contains("128, 256 or 512, got 96");
  }
}
