package io.driftway.schemaevolution.infer;

import java.util.Objects;
import java.util.Set;

/**
 * How CSV text is split and typed. The first row of a file is the header.
 *
 * @param delimiter the cell separator (default {@code ,})
 * @param quote the quote character (default {@code "}); a doubled quote inside quotes is one quote
 * @param nullTokens cell texts that mean null (default: the empty cell only), compared exactly
 * @param inferTypes type each cell (int, long, double, decimal, boolean, date, timestamp,
 *     timestamptz, string); when false every cell is a string
 */
public record CsvOptions(char delimiter, char quote, Set<String> nullTokens, boolean inferTypes) {

  private static final CsvOptions DEFAULTS = new CsvOptions(',', '"', Set.of(""), true);

  /** Validates the parts. */
  public CsvOptions {
    nullTokens = Set.copyOf(Objects.requireNonNull(nullTokens, "nullTokens"));
    if (delimiter == quote || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException(
          "Cannot set CSV options: the delimiter must differ from the quote and line ends: '"
              + delimiter
              + "'");
    }
  }

  /** Comma, double quote, empty cells are null, cells typed. */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /** These options with another delimiter. */
  public CsvOptions withDelimiter(char newDelimiter) {
    return new CsvOptions(newDelimiter, quote, nullTokens, inferTypes);
  }

  /** These options with another quote character. */
  public CsvOptions withQuote(char newQuote) {
    return new CsvOptions(delimiter, newQuote, nullTokens, inferTypes);
  }

  /** These options with other null tokens. */
  public CsvOptions withNullTokens(Set<String> tokens) {
    return new CsvOptions(delimiter, quote, tokens, inferTypes);
  }

  /** These options with typing on or off. */
  public CsvOptions withInferTypes(boolean enabled) {
    return new CsvOptions(delimiter, quote, nullTokens, enabled);
  }
}
