package dev.xent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xent.bench.LossBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code xent bench loss}: times the fused softmax cross-entropy forward, and forward plus backward. */
@Command(
    name = "loss",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Time sparse softmax cross-entropy from logits on random N x C float32 logits: forward alone, "
            + "forward + backward (gradient into its own array), and forward + backward with the gradient "
            + "written over the logits (in place). Reports the best of many repetitions after warm-up, in ns per "
            + "logit element and Gelem/s.",
        "Timing is only meaningful on a quiet machine."},
    footerHeading = "%nExamples:%n",
    footer = {"  xent bench loss --rows 4096 --classes 1000",
        "  xent bench loss --rows 65536 --classes 10 --threads 1 --json"})
public final class BenchLossCommand extends BaseCommand {
  @Option(names = "--rows", paramLabel = "N", required = true, description = "Rows (samples) of the logit matrix.")
  int rows;

  @Option(names = "--classes", paramLabel = "C", required = true,
      description = "Columns (classes) of the logit matrix.")
  int classes;

  @Mixin ThreadsMixin threads;
  @Mixin JsonOutput json;

  @Override
  protected int execute() {
    if (rows < 1 || classes < 1) {
      throw new IllegalArgumentException("--rows and --classes must be >= 1, got rows=" + rows + " classes=" + classes);
    }
    if ((long) rows * classes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("rows x classes = " + (long) rows * classes
          + " is more than one Java array holds; use fewer rows");
    }
    int t = threads.threads();
    err().printf("xent: benchmarking %d x %d logits on %d thread(s)...%n", rows, classes, t);
    err().flush();
    LossBenchmark.Result r = LossBenchmark.run(rows, classes, t);
    if (json.enabled()) {
      ObjectNode o = JsonOutput.object();
      o.put("rows", r.rows());
      o.put("classes", r.cols());
      o.set("fwd_ns_per_elem", JsonOutput.number(r.fwdNsPerElem()));
      o.set("fwd_bwd_ns_per_elem", JsonOutput.number(r.fwdBwdNsPerElem()));
      o.set("fwd_bwd_in_place_ns_per_elem", JsonOutput.number(r.fwdBwdInPlaceNsPerElem()));
      o.set("copy_ns_per_elem", JsonOutput.number(r.copyNsPerElem()));
      o.put("provider", r.provider());
      o.put("vector_bit_size", r.vectorBitSize());
      o.put("threads", r.threads());
      JsonOutput.print(out(), o);
    } else {
      out().printf("sparse softmax cross-entropy, %d x %d float32 logits, provider %s%s, %d thread(s)%n",
          r.rows(), r.cols(), r.provider(), r.vectorBitSize() > 0 ? " (" + r.vectorBitSize() + "-bit)" : "",
          r.threads());
      out().printf("forward            %8.3f ns/elem  %7.3f Gelem/s%n", r.fwdNsPerElem(), 1 / r.fwdNsPerElem());
      out().printf("forward+backward   %8.3f ns/elem  %7.3f Gelem/s%n", r.fwdBwdNsPerElem(), 1 / r.fwdBwdNsPerElem());
      out().printf("  gradient in place %7.3f ns/elem  %7.3f Gelem/s  (written over the logits)%n",
          r.fwdBwdInPlaceNsPerElem(), 1 / r.fwdBwdInPlaceNsPerElem());
      out().printf("read+write floor   %8.3f ns/elem  %7.3f Gelem/s  (read the logits, write the gradient, nothing"
          + " else)%n", r.copyNsPerElem(), 1 / r.copyNsPerElem());
    }
    return ExitCode.OK;
  }
}
