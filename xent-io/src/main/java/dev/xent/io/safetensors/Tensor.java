package dev.xent.io.safetensors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a safetensors file: its dtype, its shape and its raw little-endian bytes (row-major).
 *
 * @param dtype the element type
 * @param shape the dimensions, outermost first; {@code []} is a scalar
 * @param bytes the values in row-major order, little-endian, {@code numel * dtype.bytes()} bytes
 */
public record Tensor(Dtype dtype, long[] shape, byte[] bytes) {
  public Tensor {
    if (dtype == null) {
      throw new IllegalArgumentException("dtype is null");
    }
    shape = shape.clone();
    long numel = numel(shape);
    if (numel * dtype.bytes() != bytes.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
          + numel * dtype.bytes() + " bytes, got " + bytes.length);
    }
  }

  /** A float32 tensor holding a copy of {@code values}. */
  public static Tensor ofFloats(float[] values, long... shape) {
    ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(values.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return new Tensor(Dtype.F32, shape, buf.array());
  }

  /** The number of elements: the product of the shape (1 for a scalar). */
  public long numel() {
    return numel(shape);
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The values as floats; float64 and integer tensors are converted (float64 rounds to nearest). */
  public float[] toFloats() {
    double[] d = dtype == Dtype.F32 ? null : toDoubles();
    float[] out = new float[(int) numel()];
    if (d == null) {
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    } else {
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) d[i];
      }
    }
    return out;
  }

  /** The values as doubles (exact for every dtype except 64-bit integers beyond 2^53). */
  public double[] toDoubles() {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[(int) numel()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (dtype) {
        case BOOL, U8 -> b.get(i) & 0xFF;
        case I8 -> b.get(i);
        case I16 -> b.getShort(2 * i);
        case U16 -> b.getShort(2 * i) & 0xFFFF;
        case F16 -> halfToFloat(b.getShort(2 * i));
        case BF16 -> Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
        case I32 -> b.getInt(4 * i);
        case U32 -> b.getInt(4 * i) & 0xFFFFFFFFL;
        case F32 -> b.getFloat(4 * i);
        case F64 -> b.getDouble(8 * i);
        case I64 -> b.getLong(8 * i);
        case U64 -> unsigned(b.getLong(8 * i));
      };
    }
    return out;
  }

  private static double unsigned(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
  }

  /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short h) {
    int bits = h & 0xFFFF;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1F;
    int mant = bits & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      // subnormal: mant * 2^-24
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && t.dtype == dtype && Arrays.equals(t.shape, shape) && Arrays.equals(t.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
