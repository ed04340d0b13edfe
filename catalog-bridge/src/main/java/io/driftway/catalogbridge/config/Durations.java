package io.driftway.catalogbridge.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config files: {@code 500ms}, {@code 30s}, {@code 15m}. */
public final class Durations {

  private static final Pattern FORMAT =
      Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /** Parses {@code <digits><ms|s|m|min|h|d>} or an ISO-8601 duration such as {@code PT15M}. */
  public static Duration parse(String text) {
    String trimmed = text.trim();
    Matcher matcher = FORMAT.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m", "min" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
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
