package dev.xent.kernel;

import dev.xent.kernel.scalar.ScalarKernels;
import java.lang.reflect.InvocationTargetException;
import java.util.logging.Logger;

/** Chooses the kernel provider once, logging every fallback with its reason. */
final class ProviderLookup {
  /** System property forcing a SIMD width in bits; 0 forces the scalar provider. */
  static final String BIT_SIZE_PROPERTY = "xent.vectorBitSize";

  private static final String VECTOR_CLASS = "dev.xent.kernel.vector.VectorKernels";

  private ProviderLookup() {}

  static KernelProvider select(Logger log) {
    int forced = Integer.getInteger(BIT_SIZE_PROPERTY, -1);
    if (forced == 0) {
      return new ScalarKernels();
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      log.warning("Vector API not enabled; using the scalar kernels. Run java with "
          + "--add-modules jdk.incubator.vector for SIMD.");
      return new ScalarKernels();
    }
    try {
      Class<?> cls = Class.forName(VECTOR_CLASS);
      return (KernelProvider) cls.getConstructor(int.class).newInstance(forced);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // a constructor's own complaint (e.g. an unsupported width) is the reason worth showing
      Throwable reason = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
      log.warning("Vector kernels unavailable (" + reason + "); using the scalar kernels.");
      return new ScalarKernels();
    }
  }
}
