package io.driftway.platform.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written in Driftway's files (the bridge config and pipeline files):
 * {@code 500ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}, the long units ({@code 10
 * seconds}, {@code 5 minutes}, {@code 1 hour}, {@code 3 days}, {@code 250 millis}), or ISO-8601
 * ({@code PT15M}). Any caller may use it; it keeps no state.
 *
 * <pre>{@code
 * Duration grace = Durations.parse("10s"); // Durations.format(grace) is "10s"
 * }</pre>
 */
public final class Durations {

  // The union of what the bridge config and the pipeline loader accepted before they shared this.
  private static final Pattern FORMAT =
      Pattern.compile(
          "(\\d+)\\s*(ms|millis|s|seconds?|m|min|minutes?|h|hours?|d|days?)",
          Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses {@code <digits>[ ]<unit>} or an ISO-8601 duration such as {@code PT15M}.
   *
   * @throws IllegalArgumentException {@code Cannot read duration: ...} naming the text
   */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    Matcher matcher = FORMAT.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
        case "ms", "millis" -> Duration.ofMillis(amount);
        case "s", "second", "seconds" -> Duration.ofSeconds(amount);
        case "m", "min", "minute", "minutes" -> Duration.ofMinutes(amount);
        case "h", "hour", "hours" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount); // d, day, days: nothing else passes the pattern
      };
    }
    try {
      return Duration.parse(trimmed);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Cannot read duration: expected e.g. 500ms, 30s, 15m, 2h or PT15M: " + text, e);
    }
  }

  /** The shortest exact form {@link #parse} reads back. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 86_400_000L == 0) {
      return millis / 86_400_000L + "d";
    }
    if (millis != 0 && millis % 3_600_000L == 0) {
      return millis / 3_600_000L + "h";
    }
    if (millis != 0 && millis % 60_000L == 0) {
      return millis / 60_000L + "m";
    }
    if (millis % 1000L == 0) {
      return millis / 1000L + "s";
    }
    return millis + "ms";
  }
}
