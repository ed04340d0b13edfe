package io.driftway.schemaevolution.values;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 text to Iceberg's internal temporal values, without {@code DateTimeFormatter} (this is
 * on the per-record path). Accepted forms:
 *
 * <ul>
 *   <li>date: {@code 2026-01-31}
 *   <li>time: {@code 13:45}, {@code 13:45:30}, {@code 13:45:30.123456}
 *   <li>timestamp: a date, {@code T} or a space, a time
 *   <li>timestamptz: a timestamp followed by {@code Z} or an offset {@code +02:00}, {@code +0200},
 *       {@code +02}
 * </ul>
 *
 * Fractions beyond microseconds are refused rather than rounded, so nothing is silently lost. Parse
 * methods return a sentinel ({@link #NO_DATE}, {@link #NO_MICROS}) instead of throwing, because
 * text that is not a timestamp is an everyday outcome, not an error.
 */
public final class Temporals {

  /** Returned by {@link #parseDateDays} for text that is not a date. */
  public static final int NO_DATE = Integer.MIN_VALUE;

  /** Returned by the microsecond parsers for text that is not of the form. */
  public static final long NO_MICROS = Long.MIN_VALUE;

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  private Temporals() {}

  /** Days since 1970-01-01 of {@code yyyy-MM-dd}, or {@link #NO_DATE}. */
  public static int parseDateDays(CharSequence text) {
    if (text.length() != 10) {
      return NO_DATE;
    }
    long days = dateDays(text, 0);
    return days == NO_MICROS ? NO_DATE : (int) days;
  }

  /** Microseconds of the day of {@code HH:mm[:ss[.ffffff]]}, or {@link #NO_MICROS}. */
  public static long parseTimeMicros(CharSequence text) {
    return timeMicros(text, 0, text.length());
  }

  /**
   * Microseconds since the epoch of a timestamp: with {@code zoned} the text must end in a zone and
   * the result is UTC; without, it must not, and the result is the wall-clock time. {@link
   * #NO_MICROS} when the text is not of the form.
   */
  public static long parseTimestampMicros(CharSequence text, boolean zoned) {
    int length = text.length();
    if (length < 16) {
      return NO_MICROS;
    }
    long days = dateDays(text, 0);
    char separator = text.charAt(10);
    if (days == NO_MICROS || (separator != 'T' && separator != ' ' && separator != 't')) {
      return NO_MICROS;
    }
    int zoneStart = zoneStart(text);
    if ((zoneStart < length) != zoned) {
      return NO_MICROS;
    }
    long time = timeMicros(text, 11, zoneStart);
    if (time == NO_MICROS) {
      return NO_MICROS;
    }
    long offsetSeconds = 0;
    if (zoned) {
      offsetSeconds = offsetSeconds(text, zoneStart);
      if (offsetSeconds == NO_MICROS) {
        return NO_MICROS;
      }
    }
    return days * MICROS_PER_DAY + time - offsetSeconds * MICROS_PER_SECOND;
  }

  /** Which temporal type the text is in, for inference: a date, timestamp, timestamptz or none. */
  public static io.driftway.schemaevolution.types.PrimitiveType detect(CharSequence text) {
    int length = text.length();
    if (length < 10 || length > 40 || !isDigit(text.charAt(0)) || text.charAt(4) != '-') {
      return null;
    }
    if (length == 10) {
      return parseDateDays(text) != NO_DATE
          ? io.driftway.schemaevolution.types.PrimitiveType.DATE
          : null;
    }
    if (parseTimestampMicros(text, true) != NO_MICROS) {
      return io.driftway.schemaevolution.types.PrimitiveType.TIMESTAMPTZ;
    }
    if (parseTimestampMicros(text, false) != NO_MICROS) {
      return io.driftway.schemaevolution.types.PrimitiveType.TIMESTAMP;
    }
    return null;
  }

  /** The record value ({@link OffsetDateTime} in UTC) for microseconds of a timestamptz. */
  public static OffsetDateTime instantOf(long micros) {
    return OffsetDateTime.of(localDateTimeOf(micros), ZoneOffset.UTC);
  }

  /** The record value for microseconds of a timestamp. */
  public static LocalDateTime localDateTimeOf(long micros) {
    long days = Math.floorDiv(micros, MICROS_PER_DAY);
    long ofDay = Math.floorMod(micros, MICROS_PER_DAY);
    return LocalDateTime.of(LocalDate.ofEpochDay(days), LocalTime.ofNanoOfDay(ofDay * 1000));
  }

  /** Microseconds since the epoch of a timestamptz value. */
  public static long micros(OffsetDateTime value) {
    return value.toEpochSecond() * MICROS_PER_SECOND + value.getNano() / 1000;
  }

  /** Microseconds since the epoch (wall clock) of a timestamp value. */
  public static long micros(LocalDateTime value) {
    return value.toLocalDate().toEpochDay() * MICROS_PER_DAY
        + value.toLocalTime().toNanoOfDay() / 1000;
  }

  /** Microseconds of the day of a time value. */
  public static long micros(LocalTime value) {
    return value.toNanoOfDay() / 1000;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(CharSequence text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static long dateDays(CharSequence text, int at) {
    if (text.length() < at + 10 || text.charAt(at + 4) != '-' || text.charAt(at + 7) != '-') {
      return NO_MICROS;
    }
    int year = digits(text, at, 4);
    int month = digits(text, at + 5, 2);
    int day = digits(text, at + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
      return NO_MICROS;
    }
    return epochDay(year, month, day);
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  // Days from civil: the proleptic Gregorian day count that LocalDate.toEpochDay also uses.
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static long timeMicros(CharSequence text, int start, int end) {
    int length = end - start;
    if (length < 5 || text.charAt(start + 2) != ':') {
      return NO_MICROS;
    }
    int hour = digits(text, start, 2);
    int minute = digits(text, start + 3, 2);
    int second = 0;
    long fraction = 0;
    if (length > 5) {
      if (length < 8 || text.charAt(start + 5) != ':') {
        return NO_MICROS;
      }
      second = digits(text, start + 6, 2);
      if (length > 8) {
        if (text.charAt(start + 8) != '.' || length == 9 || length > 15) {
          return NO_MICROS;
        }
        int fractionDigits = length - 9;
        int parsed = digits(text, start + 9, fractionDigits);
        if (parsed < 0) {
          return NO_MICROS;
        }
        fraction = parsed;
        for (int i = fractionDigits; i < 6; i++) {
          fraction *= 10;
        }
      }
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return NO_MICROS;
    }
    return (hour * 3600L + minute * 60L + second) * MICROS_PER_SECOND + fraction;
  }

  private static int zoneStart(CharSequence text) {
    int length = text.length();
    char last = text.charAt(length - 1);
    if (last == 'Z' || last == 'z') {
      return length - 1;
    }
    // An offset starts with the last '+' or '-' after the time's first digits.
    for (int i = length - 1; i > 16; i--) {
      char c = text.charAt(i);
      if (c == '+' || c == '-') {
        return i;
      }
    }
    return length;
  }

  private static long offsetSeconds(CharSequence text, int at) {
    int length = text.length();
    char sign = text.charAt(at);
    if (sign == 'Z' || sign == 'z') {
      return at == length - 1 ? 0 : NO_MICROS;
    }
    int rest = length - at - 1;
    int hours;
    int minutes = 0;
    if (rest == 2) {
      hours = digits(text, at + 1, 2);
    } else if (rest == 4) {
      hours = digits(text, at + 1, 2);
      minutes = digits(text, at + 3, 2);
    } else if (rest == 5 && text.charAt(at + 3) == ':') {
      hours = digits(text, at + 1, 2);
      minutes = digits(text, at + 4, 2);
    } else {
      return NO_MICROS;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return NO_MICROS;
    }
    long seconds = hours * 3600L + minutes * 60L;
    return sign == '-' ? -seconds : seconds;
  }
}
