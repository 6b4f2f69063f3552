package dev.xent.io.csv;

/**
 * Picks the field delimiter of a CSV file among comma, semicolon and tab from its first lines.
 *
 * <p>Each candidate is counted per line outside double quotes. A candidate wins when it occurs at least once
 * and equally often on every complete line looked at; among winners the one with the most occurrences per
 * line wins, ties going to comma, then semicolon, then tab. When no candidate is consistent (a ragged file),
 * the one with the most occurrences overall is used; with none at all, comma.
 */
final class DelimiterDetector {
  static final char[] CANDIDATES = {',', ';', '\t'};
  /** Enough lines to see a pattern; few enough that detection is instant on any file. */
  static final int MAX_LINES = 20;

  private DelimiterDetector() {}

  /**
   * Detects the delimiter from the start of a file.
   *
   * @param head the first characters of the file (a BOM, if any, already removed); may end mid-line
   * @param complete true when {@code head} is the whole file, so its last line is complete
   */
  static char detect(String head, boolean complete) {
    int[][] counts = new int[MAX_LINES][CANDIDATES.length];
    int lines = 0;
    boolean inQuotes = false;
    boolean lineHasContent = false;
    int[] current = new int[CANDIDATES.length];
    for (int i = 0; i < head.length() && lines < MAX_LINES; i++) {
      char ch = head.charAt(i);
      if (ch == '"') {
        inQuotes = !inQuotes; // a doubled quote "" toggles twice: no net change, as it should
        lineHasContent = true;
      } else if (!inQuotes && (ch == '\n' || ch == '\r')) {
        if (lineHasContent) {
          counts[lines++] = current;
          current = new int[CANDIDATES.length];
        }
        lineHasContent = false;
      } else {
        lineHasContent = true;
        if (!inQuotes) {
          for (int c = 0; c < CANDIDATES.length; c++) {
            if (ch == CANDIDATES[c]) {
              current[c]++;
            }
          }
        }
      }
    }
    if (complete && lineHasContent && lines < MAX_LINES) {
      counts[lines++] = current;
    }
    if (lines == 0) {
      return ',';
    }
    int best = -1;
    int bestPerLine = 0;
    int bestTotal = -1;
    int bestTotalCount = 0;
    for (int c = 0; c < CANDIDATES.length; c++) {
      int first = counts[0][c];
      boolean consistent = first > 0;
      int total = 0;
      for (int l = 0; l < lines; l++) {
        total += counts[l][c];
        consistent &= counts[l][c] == first;
      }
      if (consistent && first > bestPerLine) {
        best = c;
        bestPerLine = first;
      }
      if (total > bestTotalCount) {
        bestTotal = c;
        bestTotalCount = total;
      }
    }
    if (best >= 0) {
      return CANDIDATES[best];
    }
    return bestTotal >= 0 ? CANDIDATES[bestTotal] : ',';
  }
}
