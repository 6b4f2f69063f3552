package dev.xent.kernel.vector;

import java.io.IOException;
import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Hidden copies of a kernel class whose {@code static final} species comes from its class data: C2 emits SIMD
 * only for a constant species, so each width gets its own copy of the class (see {@link SimdSkinny}).
 */
final class SpeciesCopies {
  private SpeciesCopies() {}

  /**
   * The kernel for {@code species}: {@code loaded} (an instance of {@code template} as loaded, which computes with
   * the preferred species) when that is the one asked for, else a hidden copy ({@link #define}).
   */
  static <T> T instance(Class<? extends T> template, Class<T> type, VectorSpecies<Float> species,
      Supplier<? extends T> loaded) {
    return species == FloatVector.SPECIES_PREFERRED ? loaded.get() : define(template, type, species);
  }

  /**
   * A new instance of a hidden copy of {@code template} (which has a no-argument constructor and reads its
   * species with {@code MethodHandles.classData}) whose class data is {@code species}.
   */
  static <T> T define(Class<? extends T> template, Class<T> type, VectorSpecies<Float> species) {
    String resource = template.getSimpleName() + ".class";
    try (InputStream in = template.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not readable as a resource");
      }
      MethodHandles.Lookup copy =
          MethodHandles.lookup().defineHiddenClassWithClassData(in.readAllBytes(), species, true);
      return type.cast(copy.findConstructor(copy.lookupClass(), MethodType.methodType(void.class)).invoke());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot define the " + species + " copy of " + template.getSimpleName(), e);
    }
  }

  /**
   * The species of the class whose own lookup this is: its class data in a hidden copy made by {@link #define}, the
   * preferred species in the class as loaded.
   */
  static VectorSpecies<Float> speciesOf(MethodHandles.Lookup own) {
    try {
      @SuppressWarnings("unchecked")
      VectorSpecies<Float> given = MethodHandles.classData(own, ConstantDescs.DEFAULT_NAME, VectorSpecies.class);
      return given != null ? given : FloatVector.SPECIES_PREFERRED;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the vector species of " + own.lookupClass(), e);
    }
  }
}
