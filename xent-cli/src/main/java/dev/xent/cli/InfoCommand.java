package dev.xent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code xent info}: versions, the JDK, and the kernel provider this JVM runs. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = "Show the xent version, the JDK, and the active kernel provider (vector or scalar).",
    footerHeading = "%nExamples:%n",
    footer = {"  xent info", "  xent info --json"})
public final class InfoCommand extends BaseCommand {
  @Mixin JsonOutput json;

  @Override
  protected int execute() {
    ObjectNode o = JsonOutput.object();
    o.put("xent_version", XentVersion.version());
    o.put("java_version", System.getProperty("java.version"));
    o.put("java_vendor", System.getProperty("java.vendor"));
    o.put("java_home", System.getProperty("java.home"));
    o.put("kernel_provider", Kernels.providerName());
    o.put("vector_bit_size", Kernels.vectorBitSize());
    boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    o.put("vector_module", vectorModule);
    o.put("available_processors", Runtime.getRuntime().availableProcessors());
    if (json.enabled()) {
      JsonOutput.print(out(), o);
    } else {
      out().printf("xent %s%n", o.get("xent_version").asText());
      out().printf("JDK          %s (%s)%n", o.get("java_version").asText(), o.get("java_vendor").asText());
      out().printf("java.home    %s%n", o.get("java_home").asText());
      int bits = Kernels.vectorBitSize();
      out().printf("kernels      %s%s%n", Kernels.providerName(), bits > 0 ? " (" + bits + "-bit SIMD)"
          : vectorModule ? " (no SIMD: jdk.incubator.vector is enabled but the vector kernels are not available)"
          : " (no SIMD: run java with --add-modules jdk.incubator.vector, as ./xent does)");
      out().printf("processors   %d%n", Runtime.getRuntime().availableProcessors());
    }
    return ExitCode.OK;
  }
}
