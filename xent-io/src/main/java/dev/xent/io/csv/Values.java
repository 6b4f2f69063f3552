package dev.xent.io.csv;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;

/** Parsing of single field values: numbers, booleans and dates, each strict and locale-independent. */
final class Values {
  private static final DateTimeFormatter[] DATE_FORMATS = {
    DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT),
    DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT),
    DateTimeFormatter.ofPattern("dd.MM.uuuu").withResolverStyle(ResolverStyle.STRICT),
  };

  private Values() {}

  /** The number in {@code field}, or NaN when it is not a finite number (so NaN means "not a number" here). */
  static double number(String field) {
    String t = field.strip();
    if (t.isEmpty()) {
      return Double.NaN;
    }
    char c = t.charAt(t.length() - 1);
    // Double.parseDouble accepts "1d", "1f", "Infinity" and hex floats; a data file means none of those.
    if (!(Character.isDigit(c) || c == '.')) {
      return Double.NaN;
    }
    char f = t.charAt(0);
    if (!(Character.isDigit(f) || f == '-' || f == '+' || f == '.')) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(t);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** 1 for true/yes, 0 for false/no (any case), -1 for anything else. */
  static int bool(String field) {
    switch (field.strip().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
        return 1;
      case "false":
      case "no":
        return 0;
      default:
        return -1;
    }
  }

  /** The date in {@code field} in one of the accepted formats, or null. */
  static LocalDate date(String field) {
    String t = field.strip();
    if (t.length() != 10) {
      return null;
    }
    for (DateTimeFormatter f : DATE_FORMATS) {
      try {
        return LocalDate.parse(t, f);
      } catch (DateTimeParseException e) {
        // try the next format
      }
    }
    return null;
  }
}
