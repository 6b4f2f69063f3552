package dev.xent.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** An MNIST-layout directory ({@link IdxDirectory}); the train split for training, the test split otherwise. */
final class IdxDirectorySource implements DatasetSource {
  @Override
  public String format() {
    return "idx";
  }

  @Override
  public boolean accepts(Path data) {
    return Files.isDirectory(data) && IdxDirectory.looksLike(data);
  }

  @Override
  public LabeledFeatures load(Request request) {
    if (request.target() != null) {
      throw new DataFormatException(request.data(), "--target does not apply to an IDX directory",
          "The labels come from its *-labels-idx1-ubyte files; drop --target");
    }
    return IdxDirectory.load(request.data(),
        request.split() == Split.TEST ? IdxDirectory.Split.TEST : IdxDirectory.Split.TRAIN);
  }
}
