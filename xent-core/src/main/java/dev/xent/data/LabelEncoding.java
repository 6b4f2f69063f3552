package dev.xent.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The frozen map between class names and class ids {@code 0..C-1}.
 *
 * <p>{@link #sorted} orders names once (numerically when every name is an integer, else by {@link String}
 * order, so "10" follows "9" for digit labels) and the order then travels with the model: {@link #frozen}
 * restores a stored order as it is. Never hash order.
 */
public final class LabelEncoding {
  private final List<String> names;
  private final Map<String, Integer> index;

  private LabelEncoding(List<String> names) {
    this.names = List.copyOf(names);
    this.index = new HashMap<>(names.size() * 2);
    for (int i = 0; i < names.size(); i++) {
      if (index.put(names.get(i), i) != null) {
        throw new IllegalArgumentException("class name '" + names.get(i) + "' appears twice in the label encoding");
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a label encoding needs at least one class");
    }
  }

  /** The distinct names in sorted order (numeric when all are integers, else lexicographic). */
  public static LabelEncoding sorted(Collection<String> names) {
    boolean numeric = !names.isEmpty() && names.stream().allMatch(LabelEncoding::isInteger);
    TreeSet<String> set = numeric
        ? new TreeSet<>((a, b) -> new java.math.BigInteger(a.trim()).compareTo(new java.math.BigInteger(b.trim())))
        : new TreeSet<>();
    set.addAll(names);
    return new LabelEncoding(new ArrayList<>(set));
  }

  /** A stored order, restored exactly (for loading models); names must be distinct. */
  public static LabelEncoding frozen(List<String> names) {
    return new LabelEncoding(names);
  }

  /** Classes named {@code "0", "1", ..., "C-1"} (integer labels such as IDX files hold). */
  public static LabelEncoding ofIndices(int classes) {
    List<String> n = new ArrayList<>(classes);
    for (int i = 0; i < classes; i++) {
      n.add(Integer.toString(i));
    }
    return new LabelEncoding(n);
  }

  /** The number of classes. */
  public int size() {
    return names.size();
  }

  /** The class names in id order. */
  public List<String> names() {
    return names;
  }

  /** The name of class id {@code id}. */
  public String name(int id) {
    return names.get(id);
  }

  /**
   * The id of {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown label and the known ones
   */
  public int id(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("unknown class label '" + name + "'; this model knows " + names);
    }
    return i;
  }

  /** Whether {@code name} is a known class. */
  public boolean contains(String name) {
    return index.containsKey(name);
  }

  private static boolean isInteger(String s) {
    String t = s.trim();
    return t.matches("[-+]?\\d{1,30}");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelEncoding e && e.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return "LabelEncoding" + names;
  }
}
