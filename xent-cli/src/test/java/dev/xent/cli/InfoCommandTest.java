package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.kernel.Kernels;
import org.junit.jupiter.api.Test;

class InfoCommandTest {
  @Test
  void jsonHasEveryKeyWithTheRunningJvmsValues() throws Exception {
    CliRun r = CliRun.of("info", "--json");

    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    JsonNode o = new ObjectMapper().readTree(r.out());
    assertThat(o.fieldNames()).toIterable().containsExactlyInAnyOrder("xent_version", "java_version",
        "java_vendor", "java_home", "kernel_provider", "vector_bit_size", "vector_module", "available_processors");
    assertThat(o.get("vector_module").asBoolean())
        .isEqualTo(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    assertThat(o.get("java_version").asText()).isEqualTo(System.getProperty("java.version"));
    assertThat(o.get("java_home").asText()).isEqualTo(System.getProperty("java.home"));
    assertThat(o.get("kernel_provider").asText()).isEqualTo(Kernels.providerName());
    assertThat(o.get("vector_bit_size").asInt()).isEqualTo(Kernels.vectorBitSize());
    assertThat(o.get("available_processors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(o.get("xent_version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void readableOutputNamesTheProvider() {
    CliRun r = CliRun.of("info");

    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("kernels", Kernels.providerName(), System.getProperty("java.home"));
  }
}
