package dev.xent.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory in the MNIST layout: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each optionally {@code .gz}-compressed.
 * The variant names with a dot ({@code train-images.idx3-ubyte}), used by some mirrors, are accepted too.
 *
 * <p>Images become float features in [0, 1] (pixel / 255), one row of {@code height * width} values per image;
 * labels are the class ids 0..9 and the class names are {@code "0"} .. {@code "9"}.
 */
public final class IdxDirectory {
  /** The two splits of an MNIST-style directory. */
  public enum Split {
    /** The {@code train-*} files. */
    TRAIN("train"),
    /** The {@code t10k-*} files. */
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }
  }

  // MNIST and Fashion-MNIST both have ten classes; the class names are their ids as text.
  private static final int CLASSES = 10;
  // Pixels are unsigned bytes; dividing by 255 maps them onto [0, 1] exactly as torchvision's ToTensor does.
  private static final float PIXEL_SCALE = 1f / 255f;

  private IdxDirectory() {}

  /** Whether {@code dir} is a directory holding at least the training images of an MNIST-style layout. */
  public static boolean looksLike(Path dir) {
    return Files.isDirectory(dir) && find(dir, "train", "images", 3) != null;
  }

  /** Reads one split of the directory. */
  public static LabeledFeatures load(Path dir, Split split) {
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException(dir, "not a directory",
          "Pass a directory holding train-images-idx3-ubyte[.gz] and the other MNIST files");
    }
    Path images = require(dir, split.prefix, "images", 3);
    Path labels = require(dir, split.prefix, "labels", 1);
    IdxArray img = IdxReader.readImages(images);
    IdxArray lab = IdxReader.readLabels(labels);
    if (img.count() != lab.count()) {
      throw new DataFormatException(images + " holds " + img.count() + " images but " + labels + " holds "
          + lab.count() + " labels. The two files must come from the same dataset and split; download them again");
    }
    int n = img.count();
    int d = img.itemSize();
    byte[] px = img.data();
    float[] features = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      features[i] = (px[i] & 0xFF) * PIXEL_SCALE;
    }
    byte[] lb = lab.data();
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = lb[i] & 0xFF;
      if (ids[i] >= CLASSES) {
        throw new DataFormatException(labels, "label " + ids[i] + " at index " + i + " is not a class 0..9",
            "MNIST-style labels must be 0..9; the file is corrupt or not an MNIST labels file");
      }
    }
    List<String> names = new ArrayList<>(CLASSES);
    for (int c = 0; c < CLASSES; c++) {
      names.add(Integer.toString(c));
    }
    return LabeledFeatures.withLabels(features, n, d, ids, names, "idx",
        dir + " (" + split.name().toLowerCase(java.util.Locale.ROOT) + " split)");
  }

  private static Path require(Path dir, String prefix, String kind, int dims) {
    Path p = find(dir, prefix, kind, dims);
    if (p == null) {
      throw new DataFormatException(dir, "no " + prefix + "-" + kind + "-idx" + dims + "-ubyte[.gz] file",
          "An IDX dataset directory needs train-images-idx3-ubyte, train-labels-idx1-ubyte, "
              + "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz)");
    }
    return p;
  }

  private static Path find(Path dir, String prefix, String kind, int dims) {
    String[] stems = {prefix + "-" + kind + "-idx" + dims + "-ubyte", prefix + "-" + kind + ".idx" + dims + "-ubyte"};
    for (String stem : stems) {
      for (String suffix : new String[] {"", ".gz"}) {
        Path p = dir.resolve(stem + suffix);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    return null;
  }
}
