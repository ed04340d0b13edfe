package io.driftway.catalogbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages show sizes, counts, times and ages, the same way everywhere. */
public final class Format {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private Format() {}

  /** {@code 1536} → {@code 1.5 KiB}. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** {@code 1234567} → {@code 1,234,567}. */
  public static String count(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  /** {@code 2024-01-31 23:59:59 UTC}, or an empty string for null. */
  public static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** A Glue API time (epoch seconds, with a fraction) as an instant, or null when absent. */
  public static Instant glueTime(JsonNode epochSeconds) {
    return epochSeconds.isNumber()
        ? Instant.ofEpochMilli(Math.round(epochSeconds.asDouble() * 1000))
        : null;
  }

  /**
   * How long before {@code now}: {@code 42 s}, {@code 5 min}, {@code 3 h 10 min}, {@code 2 d 4 h}.
   */
  public static String age(Instant then, Instant now) {
    Duration age = Duration.between(then, now);
    if (age.isNegative()) {
      return "0 s";
    }
    long seconds = age.toSeconds();
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
    return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
  }

  /** {@code 12.3 s}, {@code 4 min 5 s}. */
  public static String duration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    return seconds / 60 + " min " + seconds % 60 + " s";
  }
}
