package dev.xent.cli.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A small SVG writer: elements appended to one buffer, every coordinate printed with {@link #num} so the output
 * is byte-for-byte the same on every machine and locale (golden-file tests rely on it).
 */
final class Svg {
  private final StringBuilder sb = new StringBuilder();

  /**
   * Starts an SVG that scales to its container's width, keeping its aspect ratio.
   *
   * @param width viewBox width, also the largest width it is drawn at
   * @param label the accessible name, read by screen readers
   */
  Svg(int width, int height, String label) {
    this(width, height, width, label);
  }

  /**
   * Starts an SVG drawn at most {@code maxWidth} px wide (more than {@code width} enlarges a small chart).
   */
  Svg(int width, int height, int maxWidth, String label) {
    sb.append("<svg class=\"chart\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" style=\"max-width:").append(maxWidth).append("px\" role=\"img\" aria-label=\"")
        .append(Html.escape(label)).append("\">\n");
  }

  /**
   * A number with at most two decimals, trailing zeros removed, no exponent, "-0" written "0": enough for
   * pixel coordinates (1/100 px) and stable across JVMs because it rounds the decimal expansion.
   */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("SVG coordinate is not finite: " + v);
    }
    BigDecimal d = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    if (d.signum() == 0) {
      return "0";
    }
    return d.toPlainString();
  }

  Svg line(double x1, double y1, double x2, double y2, String cls) {
    sb.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"")
        .append(num(x2)).append("\" y2=\"").append(num(y2)).append("\" class=\"").append(cls).append("\"/>\n");
    return this;
  }

  Svg rect(double x, double y, double w, double h, String cls, String fill, String title) {
    sb.append("<rect x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" width=\"")
        .append(num(w)).append("\" height=\"").append(num(h)).append('"');
    if (cls != null) {
      sb.append(" class=\"").append(cls).append('"');
    }
    if (fill != null) {
      sb.append(" fill=\"").append(fill).append('"');
    }
    if (title != null) {
      sb.append("><title>").append(Html.escape(title)).append("</title></rect>\n");
    } else {
      sb.append("/>\n");
    }
    return this;
  }

  Svg circle(double cx, double cy, double r, String cls, String title) {
    sb.append("<circle cx=\"").append(num(cx)).append("\" cy=\"").append(num(cy)).append("\" r=\"")
        .append(num(r)).append("\" class=\"").append(cls).append("\"><title>").append(Html.escape(title))
        .append("</title></circle>\n");
    return this;
  }

  /** A polyline through the points; {@code xs} and {@code ys} are parallel. */
  Svg polyline(double[] xs, double[] ys, String cls) {
    sb.append("<polyline class=\"").append(cls).append("\" points=\"");
    for (int i = 0; i < xs.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(num(xs[i])).append(',').append(num(ys[i]));
    }
    sb.append("\"/>\n");
    return this;
  }

  /**
   * Text at (x, y).
   *
   * @param anchor start, middle or end
   */
  Svg text(double x, double y, String anchor, String cls, String text) {
    sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" text-anchor=\"")
        .append(anchor).append('"');
    if (cls != null) {
      sb.append(" class=\"").append(cls).append('"');
    }
    sb.append('>').append(Html.escape(text)).append("</text>\n");
    return this;
  }

  /** Text rotated -90 degrees about (x, y), for a vertical axis title. */
  Svg verticalText(double x, double y, String cls, String text) {
    sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y))
        .append("\" text-anchor=\"middle\" class=\"").append(cls).append("\" transform=\"rotate(-90 ")
        .append(num(x)).append(' ').append(num(y)).append(")\">").append(Html.escape(text)).append("</text>\n");
    return this;
  }

  /** Text starting at (x, y), rotated by {@code degrees} about that point (negative: counter-clockwise). */
  Svg rotatedText(double x, double y, double degrees, String cls, String text) {
    sb.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" class=\"").append(cls)
        .append("\" transform=\"rotate(").append(num(degrees)).append(' ').append(num(x)).append(' ').append(num(y))
        .append(")\">").append(Html.escape(text)).append("</text>\n");
    return this;
  }

  /** Closes the SVG and returns it. */
  String end() {
    return sb.append("</svg>\n").toString();
  }
}
