package dev.xent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xent.io.IdxWriter;
import dev.xent.io.Npy;
import dev.xent.io.NumericArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through {@link Main#commandLine()} on a tiny IDX directory: 4x4 images of three classes, class k
 * lighting up row k of the image (plus noise), so a small network separates them in a few epochs.
 */
class TrainEvaluatePredictTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRAIN = 90;
  private static final int TEST = 30;

  @TempDir Path tmp;
  private Path data;

  @BeforeEach
  void writeData() {
    data = tmp.resolve("idx");
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    writeSplit("train", TRAIN, 1);
    writeSplit("t10k", TEST, 2);
  }

  private void writeSplit(String prefix, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] px = new byte[n * 16];
    byte[] lb = new byte[n];
    for (int i = 0; i < n; i++) {
      int k = i % 3;
      lb[i] = (byte) k;
      for (int p = 0; p < 16; p++) {
        px[i * 16 + p] = (byte) (p / 4 == k ? 200 + r.nextInt(56) : r.nextInt(60));
      }
    }
    IdxWriter.write(data.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, 4, 4}, px);
    IdxWriter.write(data.resolve(prefix + "-labels-idx1-ubyte"), new int[] {n}, lb);
  }

  private static JsonNode json(CliRun r) throws IOException {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    return JSON.readTree(r.out());
  }

  @Test
  void trainEvaluatePredictOnAnIdxDirectory() throws IOException {
    Path model = tmp.resolve("model");
    CliRun train = CliRun.of("train", data.toString(), "--hidden", "8", "--epochs", "2", "--batch-size", "8",
        "--lr", "0.02", "--threads", "1", "--out", model.toString(), "--json");
    JsonNode t = json(train);
    assertThat(t.get("history")).hasSize(2);
    JsonNode e1 = t.get("history").get(0);
    assertThat(e1.get("epoch").asInt()).isEqualTo(1);
    for (String key : List.of("seconds", "loss", "accuracy", "val_loss", "val_accuracy")) {
      assertThat(e1.get(key).isNumber()).as(key).isTrue();
    }
    assertThat(t.get("samples_per_second").asDouble()).isPositive();
    assertThat(t.get("train_rows").asInt()).isEqualTo(81); // 10% stratified: 3 of each class's 30 held out
    assertThat(t.get("validation_rows").asInt()).isEqualTo(9);
    assertThat(t.get("history").get(1).get("loss").asDouble()).isLessThan(e1.get("loss").asDouble());
    assertThat(train.err()).contains("Epoch 1/2").contains("Epoch 2/2").contains("11/11 ━━━━━━━━━━━━━━━━━━━━")
        .contains("- val_accuracy: ").doesNotContain("\r");
    assertThat(model.resolve("config.json")).exists();
    assertThat(model.resolve("model.safetensors")).exists();
    assertThat(JSON.readTree(model.resolve("history.json").toFile()).get("history")).hasSize(2);
    JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
    assertThat(config.get("architecture").get("hidden").toString()).isEqualTo("[8]");
    assertThat(config.get("class_names")).hasSize(10);
    assertThat(config.get("seed").asLong()).isEqualTo(0L);

    JsonNode ev = json(CliRun.of("evaluate", model.toString(), data.toString(), "--json"));
    assertThat(ev.get("rows").asInt()).isEqualTo(TEST);
    for (String key : List.of("loss", "accuracy", "top_k_accuracy", "per_class", "confusion_matrix")) {
      assertThat(ev.has(key)).as(key).isTrue();
    }
    double accuracy = ev.get("accuracy").asDouble();
    assertThat(accuracy).isGreaterThanOrEqualTo(0.9); // the classes are separable by one row's brightness
    JsonNode per = ev.get("per_class");
    assertThat(per).hasSize(10);
    assertThat(per.get(0).get("support").asInt()).isEqualTo(10);
    assertThat(per.get(5).get("support").asInt()).isZero();
    long diagonal = 0;
    long total = 0;
    JsonNode m = ev.get("confusion_matrix").get("matrix");
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        total += m.get(i).get(j).asLong();
        diagonal += i == j ? m.get(i).get(j).asLong() : 0;
      }
    }
    assertThat(total).isEqualTo(TEST);
    assertThat((double) diagonal / TEST).isEqualTo(accuracy);

    CliRun predict = CliRun.of("predict", model.toString(), data.toString());
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    List<String> lines = predict.out().lines().toList();
    assertThat(lines).hasSize(TEST + 1);
    assertThat(lines.get(0)).isEqualTo("row,predicted,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9");
    long hits = 0;
    for (int i = 1; i <= TEST; i++) {
      String[] f = lines.get(i).split(",");
      assertThat(f[0]).isEqualTo(Integer.toString(i - 1));
      double sum = Arrays.stream(f, 2, 12).mapToDouble(Double::parseDouble).sum();
      assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
      hits += f[1].equals(Integer.toString((i - 1) % 3)) ? 1 : 0;
    }
    assertThat((double) hits / TEST).isEqualTo(accuracy); // predict and evaluate agree

    Path csv = tmp.resolve("top.csv");
    CliRun top = CliRun.of("predict", model.toString(), data.toString(), "--top", "2", "--output", csv.toString());
    assertThat(top.exitCode()).as(top.err()).isZero();
    List<String> topLines = Files.readAllLines(csv);
    assertThat(topLines.get(0)).isEqualTo("row,class_1,p_1,class_2,p_2");
    assertThat(topLines).hasSize(TEST + 1);
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("idx", "model", "top.csv");
    }
  }

  @Test
  void softmaxRegressionWithLbfgs() throws IOException {
    Path model = tmp.resolve("softmax");
    JsonNode t = json(CliRun.of("train", data.toString(), "--hidden", "0", "--optimizer", "lbfgs",
        "--validation-split", "0", "--out", model.toString(), "--json"));
    assertThat(t.get("history")).hasSize(1);
    assertThat(t.get("stop_reason").asText()).startsWith("L-BFGS: ");
    JsonNode one = json(CliRun.of("train", data.toString(), "--hidden", "", "--optimizer", "lbfgs", "--max-iter", "1",
        "--validation-split", "0", "--json"));
    assertThat(one.get("history").get(0).get("loss").asDouble())
        .isGreaterThan(t.get("history").get(0).get("loss").asDouble()); // one iteration is far from the optimum
    assertThat(t.get("history").get(0).get("accuracy").asDouble()).isEqualTo(1.0);
    assertThat(t.get("history").get(0).has("val_loss")).isFalse();
    JsonNode config = JSON.readTree(model.resolve("config.json").toFile());
    assertThat(config.get("architecture").get("layers")).hasSize(1);
    assertThat(config.get("architecture").get("hidden")).isEmpty();
    JsonNode ev = json(CliRun.of("evaluate", model.toString(), data.toString(), "--json"));
    assertThat(ev.get("accuracy").asDouble()).isEqualTo(1.0);
  }

  @Test
  void npyFeaturesWithTargetFile() throws IOException {
    // two Gaussian blobs in 2-D: class = sign of the first coordinate
    SplittableRandom r = new SplittableRandom(5);
    int n = 60;
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      x[2 * i] = (i % 2 == 0 ? -2 : 2) + r.nextGaussian() * 0.5;
      x[2 * i + 1] = r.nextGaussian();
    }
    Path xf = tmp.resolve("x.npy");
    Path yf = tmp.resolve("y.npy");
    Npy.write(xf, new NumericArray(x, new int[] {n, 2}, "float32"));
    Npy.write(yf, new NumericArray(y, new int[] {n}, "int64"));
    Path model = tmp.resolve("m");
    JsonNode t = json(CliRun.of("train", xf.toString(), "--target", yf.toString(), "--hidden", "4", "--epochs", "2",
        "--batch-size", "4", "--lr", "0.05", "--validation-split", "0", "--out", model.toString(), "--json"));
    assertThat(t.get("validation_rows").asInt()).isZero();
    assertThat(t.get("train_rows").asInt()).isEqualTo(n);
    assertThat(t.get("history").get(0).has("val_loss")).isFalse();
    JsonNode ev = json(CliRun.of("evaluate", model.toString(), xf.toString(), "--target", yf.toString(), "--json"));
    assertThat(ev.get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(ev.get("per_class")).hasSize(2);
    CliRun p = CliRun.of("predict", model.toString(), xf.toString());
    assertThat(p.exitCode()).as(p.err()).isZero();
    assertThat(p.out().lines().count()).isEqualTo(n + 1);
  }

  @Test
  void earlyStoppingMonitorsValidationLossOrTrainingLoss() throws IOException {
    JsonNode t = json(CliRun.of("train", data.toString(), "--hidden", "4", "--epochs", "2", "--early-stopping", "1",
        "--json"));
    assertThat(t.get("validation_rows").asInt()).isEqualTo(9);
    assertThat(t.get("history").get(0).has("val_loss")).isTrue();
    JsonNode none = json(CliRun.of("train", data.toString(), "--hidden", "4", "--epochs", "2", "--early-stopping", "1",
        "--validation-split", "0", "--json"));
    assertThat(none.get("validation_rows").asInt()).isZero();
    assertThat(none.get("history").size()).isBetween(1, 2);
  }

  @Test
  void missingDirectoryIsAUserError() {
    Path out = tmp.resolve("never");
    CliRun r = CliRun.of("train", tmp.resolve("nope").toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("nope: no such file or directory").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void truncatedFileIsAUserErrorAndLeavesNoModel() throws IOException {
    Path labels = data.resolve("train-labels-idx1-ubyte");
    byte[] b = Files.readAllBytes(labels);
    Files.write(labels, Arrays.copyOf(b, b.length - 10));
    Path out = tmp.resolve("model");
    CliRun r = CliRun.of("train", data.toString(), "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("train-labels-idx1-ubyte: truncated").contains("Download the file again");
    assertThat(out).doesNotExist();
  }

  @Test
  void csvTrainEvaluatePredictAndReport() throws IOException {
    // Two well separated classes in x, plus a categorical column and a row-id column the schema leaves out.
    StringBuilder sb = new StringBuilder("id,x,colour,label\n");
    for (int i = 0; i < 80; i++) {
      boolean pos = i % 2 == 0;
      sb.append(i + 1).append(',').append(pos ? 3 + 0.01 * i : -3 - 0.01 * i).append(',')
          .append(i % 3 == 0 ? "red" : "blue").append(',').append(pos ? "yes" : "no").append('\n');
    }
    Path csv = tmp.resolve("train.csv");
    Files.writeString(csv, sb.toString());
    Path model = tmp.resolve("csv-model");
    Path report = tmp.resolve("report.html");
    CliRun r = CliRun.of("train", csv.toString(), "--target", "label", "--hidden", "8", "--epochs", "40",
        "--batch-size", "16", "--lr", "0.01", "--out", model.toString(), "--report", report.toString());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.err()).contains("row numbers; left out").contains("colour");
    assertThat(model.resolve("preprocessing.json")).exists();
    assertThat(Files.readString(report)).contains("<h2>Training</h2>").contains("train.csv");

    Path test = tmp.resolve("test.csv");
    Files.writeString(test, "label,colour,x,id\nyes,red,2.5,1\nno,green,-2.5,2\nmaybe,blue,1,3\n");
    CliRun e = CliRun.of("evaluate", model.toString(), test.toString(), "--json");
    assertThat(e.exitCode()).as(e.err()).isEqualTo(ExitCode.OK);
    assertThat(e.err()).contains("1 row(s)").contains("line 4");
    assertThat(e.out()).contains("\"rows\":2").contains("\"accuracy\":1.0");

    Path report2 = tmp.resolve("report2.html");
    CliRun rep = CliRun.of("report", model.toString(), test.toString(), "--out", report2.toString());
    assertThat(rep.exitCode()).as(rep.err()).isEqualTo(ExitCode.OK);
    // Curves come from the model's history.json; the evaluation from the 2 known rows of test.csv.
    assertThat(Files.readString(report2)).contains("<h2>Training</h2>").contains("test.csv (2 rows)")
        .contains("<h2>Can its confidence be trusted?</h2>");

    Path unlabeled = tmp.resolve("new.csv");
    Files.writeString(unlabeled, "x,colour,id\n4,red,1\n-4,blue,2\n");
    CliRun p = CliRun.of("predict", model.toString(), unlabeled.toString());
    assertThat(p.exitCode()).as(p.err()).isEqualTo(ExitCode.OK);
    assertThat(p.out()).contains("yes").contains("no");

    // More rows than one streamed batch: numbering continues across batches.
    StringBuilder big = new StringBuilder("x,colour,id\n");
    for (int i = 0; i < PredictCommand.CSV_BATCH + 5; i++) {
      big.append(i % 2 == 0 ? 4 : -4).append(",red,").append(i).append('\n');
    }
    Path bigCsv = tmp.resolve("big.csv");
    Files.writeString(bigCsv, big.toString());
    Path preds = tmp.resolve("preds.csv");
    CliRun pb = CliRun.of("predict", model.toString(), bigCsv.toString(), "--output", preds.toString());
    assertThat(pb.exitCode()).as(pb.err()).isEqualTo(ExitCode.OK);
    List<String> lines = Files.readAllLines(preds);
    assertThat(lines).hasSize(PredictCommand.CSV_BATCH + 6);
    assertThat(lines.get(lines.size() - 1)).startsWith((PredictCommand.CSV_BATCH + 4) + ",yes,");
    assertThat(lines.get(1)).startsWith("0,yes,");
    assertThat(lines.get(2)).startsWith("1,no,");

    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "x,colour,id\n4,red,1\nfour,blue,2\n");
    CliRun b = CliRun.of("predict", model.toString(), bad.toString());
    assertThat(b.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(b.err()).contains("bad.csv, line 3, column 'x': 'four' is not a number");
  }

  @Test
  void autoTrainsANetworkOnImagesAndSoftmaxRegressionOnACsvAndReportsTheResolvedChoice() throws IOException {
    JsonNode idx = json(CliRun.of("train", data.toString(), "--epochs", "1", "--threads", "1", "--json"));
    JsonNode s = idx.get("settings");
    assertThat(s.get("hidden").asText()).isEqualTo("256,128");
    assertThat(s.get("optimizer").asText()).isEqualTo("adam");
    assertThat(s.get("schedule").asText()).isEqualTo("cosine");
    assertThat(s.get("batch_size").asInt()).isEqualTo(128);
    assertThat(idx.get("stop_reason").asText()).doesNotStartWith("L-BFGS");

    StringBuilder sb = new StringBuilder("x,y,label\n");
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 90; i++) {
      int k = i % 3;
      sb.append(k * 2 + r.nextDouble()).append(',').append(r.nextDouble()).append(',').append("c" + k).append('\n');
    }
    Path csv = Files.writeString(tmp.resolve("t.csv"), sb.toString());
    Path model = tmp.resolve("auto-model");
    CliRun run = CliRun.of("train", csv.toString(), "--target", "label", "--out", model.toString(), "--json");
    JsonNode tab = json(run);
    assertThat(run.err()).contains("model: softmax regression, optimizer lbfgs (auto for this data)");
    assertThat(tab.get("settings").get("hidden").asText()).isEqualTo("0");
    assertThat(tab.get("settings").get("optimizer").asText()).isEqualTo("lbfgs");
    assertThat(tab.get("stop_reason").asText()).startsWith("L-BFGS: ");
    assertThat(tab.get("validation_rows").asInt()).isZero(); // L-BFGS fits all rows unless a split is asked for
    assertThat(tab.get("train_rows").asInt()).isEqualTo(90);
    assertThat(JSON.readTree(model.resolve("history.json").toFile()).get("settings").get("optimizer").asText())
        .isEqualTo("lbfgs");
    // An explicit network wins over auto, and its optimizer is then Adam.
    JsonNode net = json(CliRun.of("train", csv.toString(), "--target", "label", "--hidden", "8", "--epochs", "1",
        "--json"));
    assertThat(net.get("settings").get("hidden").asText()).isEqualTo("8");
    assertThat(net.get("settings").get("optimizer").asText()).isEqualTo("adam");
    assertThat(net.get("validation_rows").asInt()).isEqualTo(9); // mini-batch training: the default 0.1 of 90
    JsonNode split = json(CliRun.of("train", csv.toString(), "--target", "label", "--validation-split", "0.2",
        "--json"));
    assertThat(split.get("settings").get("optimizer").asText()).isEqualTo("lbfgs");
    assertThat(split.get("validation_rows").asInt()).isEqualTo(18);
  }

  @Test
  void lbfgsWithHiddenLayersIsAUserError() {
    CliRun r = CliRun.of("train", data.toString(), "--hidden", "16", "--optimizer", "lbfgs");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("--optimizer lbfgs fits softmax regression only").contains("--hidden 0");
  }

  @Test
  void badOptionValuesAreUserErrors() {
    assertThat(CliRun.of("train", data.toString(), "--hidden", "12,x").err()).contains("--hidden must be");
    assertThat(CliRun.of("train", data.toString(), "--loss", "binary").exitCode()).isEqualTo(ExitCode.USER_ERROR);
    CliRun weights = CliRun.of("train", data.toString(), "--class-weight", "1,2");
    assertThat(weights.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(weights.err()).contains("--class-weight has 2 weights but the data has 10 classes");
    CliRun schedule = CliRun.of("train", data.toString(), "--schedule", "linear");
    assertThat(schedule.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(schedule.err()).contains("--schedule: cannot read schedule 'linear'").doesNotContain("\tat ");
    CliRun maxIter = CliRun.of("train", data.toString(), "--max-iter", "5");
    assertThat(maxIter.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(maxIter.err()).contains("--max-iter applies to --optimizer lbfgs only");
  }

  @Test
  void evaluateWithoutAModelIsAUserError() {
    CliRun r = CliRun.of("evaluate", tmp.resolve("nomodel").toString(), data.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.USER_ERROR);
    assertThat(r.err()).contains("model directory not found");
  }
}
