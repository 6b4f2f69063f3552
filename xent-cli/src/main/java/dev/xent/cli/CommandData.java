package dev.xent.cli;

import dev.xent.data.Dataset;
import dev.xent.data.LabelEncoding;
import dev.xent.data.UserInputException;
import dev.xent.io.DatasetSource;
import dev.xent.io.DatasetSources;
import dev.xent.io.LabeledFeatures;
import dev.xent.model.Classifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** How the train, evaluate and predict commands read DATA and line it up with a model. */
final class CommandData {
  private CommandData() {}

  /** Reads DATA (any format {@link DatasetSources} knows). */
  static LabeledFeatures read(Path data, String target, DatasetSource.Split split, boolean targetRequired)
      throws IOException {
    return DatasetSources.resolve(data).load(new DatasetSource.Request(data, target, split, targetRequired));
  }

  /** The data as a training dataset, with its own class names. */
  static Dataset forTraining(LabeledFeatures f) {
    LabelEncoding enc = LabelEncoding.frozen(f.classNames());
    return f.labels() != null
        ? Dataset.ofLabels(f.features(), f.rows(), f.cols(), f.labels(), enc, null)
        : Dataset.ofSoftTargets(f.features(), f.rows(), f.cols(), f.softTargets(), enc, null);
  }

  /** Checks that the data has as many features as the model reads. */
  static void checkFeatures(Classifier model, LabeledFeatures f, Path modelDir) {
    if (f.cols() != model.numFeatures()) {
      throw new UserInputException(f.source() + " has " + f.cols() + " features per row but the model in "
          + modelDir + " reads " + model.numFeatures() + ". Use data with the same columns as the training data");
    }
  }

  /**
   * The data's targets as a dataset in the model's class order: class names are matched by name, so a data
   * file whose classes are a subset of the model's, or in another order, lines up.
   */
  static Dataset forModel(Classifier model, LabeledFeatures f, Path modelDir) {
    checkFeatures(model, f, modelDir);
    LabelEncoding enc = model.encoding();
    List<String> names = f.classNames();
    if (f.labels() != null) {
      int[] map = new int[names.size()];
      for (int k = 0; k < names.size(); k++) {
        map[k] = enc.contains(names.get(k)) ? enc.id(names.get(k)) : -1;
      }
      int[] ids = new int[f.rows()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = map[f.labels()[i]];
        if (ids[i] < 0) {
          throw new UserInputException(f.source() + ": row " + i + " has class '" + names.get(f.labels()[i])
              + "', which the model does not know; it knows " + enc.names());
        }
      }
      return Dataset.ofLabels(f.features(), f.rows(), f.cols(), ids, enc, null);
    }
    if (!names.equals(enc.names())) {
      throw new UserInputException(f.source() + ": the probability targets have " + names.size()
          + " columns but the model has classes " + enc.names() + "; the columns must be the model's classes in order");
    }
    return Dataset.ofSoftTargets(f.features(), f.rows(), f.cols(), f.softTargets(), enc, null);
  }
}
