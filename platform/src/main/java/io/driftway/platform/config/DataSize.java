package io.driftway.platform.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes, written with a binary unit: {@code 512B}, {@code 64KiB}, {@code 16MiB},
 * {@code 1GiB} ({@code KB}, {@code MB}, {@code GB} mean the same binary multiples).
 *
 * <pre>{@code
 * DataSize limit = DataSize.parse("16MiB"); // limit.bytes() == 16777216
 * }</pre>
 */
public record DataSize(long bytes) {

  private static final Pattern FORMAT =
      Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?", Pattern.CASE_INSENSITIVE);

  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("Cannot make a data size: negative: " + bytes);
    }
  }

  public static DataSize ofBytes(long bytes) {
    return new DataSize(bytes);
  }

  public static DataSize ofMebibytes(long mebibytes) {
    return new DataSize(Math.multiplyExact(mebibytes, 1024L * 1024L));
  }

  /** Parses {@code <digits>[unit]}; a bare number is bytes. */
  public static DataSize parse(String text) {
    Matcher matcher = FORMAT.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "Cannot read data size: expected a number and a unit (B, KiB, MiB, GiB): " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
    long multiplier =
        switch (unit.charAt(0)) {
          case 'k' -> 1024L;
          case 'm' -> 1024L * 1024L;
          case 'g' -> 1024L * 1024L * 1024L;
          default -> 1L;
        };
    return new DataSize(Math.multiplyExact(amount, multiplier));
  }

  @Override
  public String toString() {
    long gib = 1024L * 1024L * 1024L;
    if (bytes != 0 && bytes % gib == 0) {
      return bytes / gib + "GiB";
    }
    if (bytes != 0 && bytes % (1024L * 1024L) == 0) {
      return bytes / (1024L * 1024L) + "MiB";
    }
    if (bytes != 0 && bytes % 1024L == 0) {
      return bytes / 1024L + "KiB";
    }
    return bytes + "B";
  }
}
