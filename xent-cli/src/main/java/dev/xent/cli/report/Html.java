package dev.xent.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Escaping and number formatting for the report page; locale-independent. */
final class Html {
  private Html() {}

  /** Text escaped for HTML element content and attribute values. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** {@code v} with exactly {@code decimals} decimals, half-even, "-0.00" written "0.00"; "–" for NaN. */
  static String fixed(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "\u2013";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "\u221e" : "-\u221e";
    }
    BigDecimal d = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN);
    if (d.signum() == 0) {
      d = d.abs();
    }
    return d.toPlainString();
  }

  /** A share in [0, 1] as a percentage with one decimal, e.g. "97.2%". */
  static String percent(double share) {
    return Double.isNaN(share) ? "\u2013" : fixed(100 * share, 1) + "%";
  }
}
