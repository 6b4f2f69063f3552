package dev.xent.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from: the seed, the whole training configuration as sorted key/value text, and the
 * library version. Stored with every model file.
 *
 * @param seed the seed that drove initialisation, shuffling, dropout and splits
 * @param config the training configuration, key → value text, sorted by key
 * @param libraryVersion the xent version that trained it
 */
public record Provenance(long seed, Map<String, String> config, String libraryVersion) {
  /** This library's version, from the jar manifest when packaged, else the build's version. */
  public static final String LIBRARY_VERSION = libraryVersionOrDefault();

  public Provenance {
    config = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(config));
    if (libraryVersion == null || libraryVersion.isBlank()) {
      throw new IllegalArgumentException("provenance needs a library version");
    }
  }

  /** Provenance for a model trained now by this library. */
  public static Provenance of(long seed, Map<String, String> config) {
    return new Provenance(seed, config, LIBRARY_VERSION);
  }

  private static String libraryVersionOrDefault() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }
}
