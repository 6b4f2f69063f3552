package dev.xent.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

  /** Whether this JVM runs with --add-modules jdk.incubator.vector (the default test run does; the scalar one not). */
  private static boolean vectorModule() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
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
    assumeTrue(vectorModule());
    System.setProperty(ProviderLookup.BIT_SIZE_PROPERTY, "128");
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("vector");
    assertThat(p.vectorBitSize()).isEqualTo(128);
  }

  @Test
  void byDefaultTheVectorKernelsAreChosenWhenTheModuleIsPresent() {
    assumeTrue(vectorModule());
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("vector"); // surefire runs with --add-modules jdk.incubator.vector
    assertThat(warnings).isEmpty();
  }

  @Test
  void anUnsupportedWidthFallsBackToScalarWithAWarning() {
    assumeTrue(vectorModule());
    System.setProperty(ProviderLookup.BIT_SIZE_PROPERTY, "96");
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("scalar");
    assertThat(warnings).singleElement().asString().contains("128, 256 or 512, got 96");
  }

  @Test
  void withoutTheModuleTheScalarKernelsAreChosenAndTheFlagIsNamed() {
    assumeFalse(vectorModule());
    KernelProvider p = ProviderLookup.select(log);
    assertThat(p.name()).isEqualTo("scalar");
    assertThat(warnings).singleElement().asString().contains("--add-modules jdk.incubator.vector");
  }
}
