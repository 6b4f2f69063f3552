package dev.xent.kernel.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One {@link SkinnyKernel} per float species: {@link SimdSkinny} itself for the preferred species, a hidden copy
 * of it with the species as class data for each other width (see {@link SimdSkinny}), each made on first use.
 */
final class SkinnyKernels {
  private static volatile SkinnyKernel k128;
  private static volatile SkinnyKernel k256;
  private static volatile SkinnyKernel k512;

  private SkinnyKernels() {}

  /** The kernel for {@code species}, one of the 128-, 256- and 512-bit float species. */
  static SkinnyKernel of(VectorSpecies<Float> species) {
    if (species == FloatVector.SPECIES_256) {
      SkinnyKernel k = k256;
      return k != null ? k : (k256 = make(species));
    }
    if (species == FloatVector.SPECIES_128) {
      SkinnyKernel k = k128;
      return k != null ? k : (k128 = make(species));
    }
    if (species == FloatVector.SPECIES_512) {
      SkinnyKernel k = k512;
      return k != null ? k : (k512 = make(species));
    }
    throw new IllegalArgumentException("unsupported float species: " + species);
  }

  private static SkinnyKernel make(VectorSpecies<Float> species) {
    return SpeciesCopies.instance(SimdSkinny.class, SkinnyKernel.class, species, SimdSkinny::new);
  }
}
