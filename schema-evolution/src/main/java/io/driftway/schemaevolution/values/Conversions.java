package io.driftway.schemaevolution.values;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.TypeKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/**
 * Turns a record value (the types listed on {@link io.driftway.schemaevolution.record.StructValue})
 * into a row value of a primitive column type (the representations listed on {@link
 * io.driftway.schemaevolution.row.Row}).
 *
 * <p>Two strengths. {@link #fit} accepts a value when it is already of the column's type, of a type
 * the column legally widens from, or in the usual text or number encoding of it — an ISO-8601
 * string for a date, time, timestamp or uuid, a JSON integer for a float, double or decimal column
 * when the number is exact there. {@link #cast} (for {@code cast}, {@code match_catalog}) also
 * converts between text, numbers and booleans. Neither ever rounds or truncates: a value that does
 * not convert exactly answers {@link #NO_FIT}, and the caller rescues it.
 */
public final class Conversions {

  /** The answer for a value that does not convert. */
  public static final Object NO_FIT = new Object();

  private Conversions() {}

  /**
   * True when values of type {@code value} may fit a column of type {@code column} without a schema
   * change: equal types, a legal widening, an exact numeric conversion ({@code long} into {@code
   * double} or {@code decimal}, {@code decimal(P,S)} into a decimal with room for its integer
   * digits and at least its scale), or text that may encode the column's type (ISO-8601 dates and
   * times, uuids). Whether a given value fits is decided by {@link #fit}.
   */
  public static boolean fits(DataType value, DataType column) {
    if (value.equals(column) || value.kind() == TypeKind.NULL) {
      return true;
    }
    return switch (column.kind()) {
      case LONG -> value.kind() == TypeKind.INT;
      case DOUBLE ->
          value.kind() == TypeKind.FLOAT
              || value.kind() == TypeKind.INT
              || value.kind() == TypeKind.LONG;
      case FLOAT -> value.kind() == TypeKind.INT || value.kind() == TypeKind.LONG;
      case DECIMAL -> {
        DecimalType to = (DecimalType) column;
        yield switch (value.kind()) {
          case INT, LONG, FLOAT, DOUBLE -> true;
          case DECIMAL -> {
            DecimalType from = (DecimalType) value;
            yield to.scale() >= from.scale()
                && to.precision() - to.scale() >= from.precision() - from.scale();
          }
          default -> false;
        };
      }
      case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, UUID -> value.kind() == TypeKind.STRING;
      default -> false;
    };
  }

  /**
   * The row value of {@code value} in a column of {@code column} type, or {@link #NO_FIT}. Null
   * stays null.
   */
  public static Object fit(Object value, DataType column) {
    if (value == null) {
      return null;
    }
    return switch (column.kind()) {
      case STRING -> value instanceof String ? value : NO_FIT;
      case LONG ->
          value instanceof Long
              ? value
              : value instanceof Integer i ? (Object) i.longValue() : NO_FIT;
      case INT -> value instanceof Integer ? value : NO_FIT;
      case DOUBLE -> fitDouble(value);
      case FLOAT -> fitFloat(value);
      case BOOLEAN -> value instanceof Boolean ? value : NO_FIT;
      case DECIMAL -> toDecimal(value, (DecimalType) column);
      case DATE -> fitDate(value);
      case TIME -> fitTime(value);
      case TIMESTAMP -> fitTimestamp(value);
      case TIMESTAMPTZ -> fitTimestamptz(value);
      case UUID ->
          value instanceof UUID ? value : value instanceof String t ? parseUuid(t) : NO_FIT;
      case BINARY -> value instanceof byte[] ? value : NO_FIT;
      default -> NO_FIT;
    };
  }

  private static Object fitDouble(Object value) {
    if (value instanceof Double) {
      return value;
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Long || value instanceof Integer) {
      long l = ((Number) value).longValue();
      return Math.abs(l) <= (1L << 53) ? (Object) (double) l : NO_FIT;
    }
    return NO_FIT;
  }

  private static Object fitFloat(Object value) {
    if (value instanceof Float) {
      return value;
    }
    if (value instanceof Long || value instanceof Integer) {
      long l = ((Number) value).longValue();
      return Math.abs(l) <= (1L << 24) ? (Object) (float) l : NO_FIT;
    }
    return NO_FIT;
  }

  private static Object fitDate(Object value) {
    if (value instanceof LocalDate date) {
      return (int) date.toEpochDay();
    }
    if (value instanceof String text) {
      int days = Temporals.parseDateDays(text);
      return days == Temporals.NO_DATE ? NO_FIT : (Object) days;
    }
    return NO_FIT;
  }

  private static Object fitTime(Object value) {
    if (value instanceof LocalTime time) {
      return time.toNanoOfDay() % 1000 == 0 ? (Object) Temporals.micros(time) : NO_FIT;
    }
    if (value instanceof String text) {
      return micros(Temporals.parseTimeMicros(text));
    }
    return NO_FIT;
  }

  private static Object fitTimestamp(Object value) {
    if (value instanceof LocalDateTime timestamp) {
      return timestamp.toLocalTime().toNanoOfDay() % 1000 == 0
          ? (Object) Temporals.micros(timestamp)
          : NO_FIT;
    }
    if (value instanceof String text) {
      return micros(Temporals.parseTimestampMicros(text, false));
    }
    return NO_FIT;
  }

  private static Object fitTimestamptz(Object value) {
    if (value instanceof OffsetDateTime timestamp) {
      return timestamp.toLocalTime().toNanoOfDay() % 1000 == 0
          ? (Object) Temporals.micros(timestamp)
          : NO_FIT;
    }
    if (value instanceof String text) {
      return micros(Temporals.parseTimestampMicros(text, true));
    }
    return NO_FIT;
  }

  /**
   * Like {@link #fit}, and also converts between text, numbers and booleans when nothing is lost:
   * {@code "12"} into a long, {@code 12} into a string, {@code 12.0} into an int, {@code "true"}
   * into a boolean, base64 text into binary.
   */
  public static Object cast(Object value, DataType column) {
    Object fitted = fit(value, column);
    if (fitted != NO_FIT || value == null) {
      return fitted;
    }
    if (value instanceof String text) {
      return fromText(text, column);
    }
    return switch (column.kind()) {
      case STRING -> text(value);
      case INT, LONG -> castIntegral(value, column.kind() == TypeKind.INT);
      case DOUBLE -> {
        BigDecimal exact = exactNumber(value);
        if (exact == null) {
          yield NO_FIT;
        }
        double d = exact.doubleValue();
        yield new BigDecimal(d).compareTo(exact) == 0 ? (Object) d : NO_FIT;
      }
      case FLOAT -> {
        BigDecimal exact = exactNumber(value);
        if (exact == null) {
          yield NO_FIT;
        }
        float f = exact.floatValue();
        yield new BigDecimal(f).compareTo(exact) == 0 ? (Object) f : NO_FIT;
      }
      default -> NO_FIT;
    };
  }

  private static Object castIntegral(Object value, boolean toInt) {
    BigDecimal exact = exactNumber(value);
    if (exact == null) {
      return NO_FIT;
    }
    try {
      long l = exact.longValueExact();
      if (toInt) {
        return l == (int) l ? (Object) (int) l : NO_FIT;
      }
      return l;
    } catch (ArithmeticException e) {
      return NO_FIT;
    }
  }

  /** A text value read as a primitive type, exactly; {@link #NO_FIT} when it does not read. */
  public static Object fromText(String text, DataType column) {
    Object fitted = fit(text, column);
    if (fitted != NO_FIT) {
      return fitted;
    }
    String trimmed = text.trim();
    try {
      return switch (column.kind()) {
        case INT -> Integer.parseInt(trimmed);
        case LONG -> Long.parseLong(trimmed);
        case DOUBLE -> {
          double d = Double.parseDouble(trimmed);
          yield Double.isFinite(d) && exactlyText(d, trimmed) ? (Object) d : NO_FIT;
        }
        case FLOAT -> {
          float f = Float.parseFloat(trimmed);
          yield Float.isFinite(f) && new BigDecimal(f).compareTo(new BigDecimal(trimmed)) == 0
              ? (Object) f
              : NO_FIT;
        }
        case DECIMAL -> toDecimal(new BigDecimal(trimmed), (DecimalType) column);
        case BOOLEAN -> {
          if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            yield Boolean.valueOf(trimmed);
          }
          yield NO_FIT;
        }
        case BINARY -> Base64.getDecoder().decode(trimmed);
        default -> NO_FIT;
      };
    } catch (IllegalArgumentException | ArithmeticException e) {
      // NumberFormatException is an IllegalArgumentException: text that is not a number.
      return NO_FIT;
    }
  }

  private static boolean exactlyText(double d, String text) {
    try {
      return new BigDecimal(d).compareTo(new BigDecimal(text)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The text form of a record value, as a {@code cast} to string writes it. */
  public static String text(Object value) {
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return value.toString();
    }
    if (value instanceof Boolean
        || value instanceof Number
        || value instanceof UUID
        || value instanceof LocalDate
        || value instanceof LocalTime
        || value instanceof LocalDateTime
        || value instanceof OffsetDateTime) {
      return value.toString();
    }
    return JsonValues.toJson(value);
  }

  private static Object micros(long micros) {
    return micros == Temporals.NO_MICROS ? NO_FIT : (Object) micros;
  }

  private static Object parseUuid(String text) {
    if (text.length() != 36) {
      return NO_FIT;
    }
    try {
      UUID uuid = UUID.fromString(text);
      // UUID.fromString accepts short groups; only the canonical form is an encoding.
      return uuid.toString().equalsIgnoreCase(text) ? uuid : NO_FIT;
    } catch (IllegalArgumentException e) {
      return NO_FIT;
    }
  }

  private static BigDecimal exactNumber(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(d) : null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Boolean) {
      return null;
    }
    return null;
  }

  /**
   * A number as a decimal of the column's precision and scale, without rounding; doubles convert
   * through their shortest decimal text ({@code 0.1} is {@code 0.1}).
   */
  public static Object toDecimal(Object value, DecimalType column) {
    BigDecimal decimal;
    if (value instanceof BigDecimal d) {
      decimal = d;
    } else if (value instanceof Long || value instanceof Integer) {
      decimal = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return NO_FIT;
      }
      decimal = value instanceof Float ? new BigDecimal(value.toString()) : BigDecimal.valueOf(d);
    } else {
      return NO_FIT;
    }
    try {
      BigDecimal scaled = decimal.setScale(column.scale(), RoundingMode.UNNECESSARY);
      return scaled.precision() <= column.precision() || scaled.signum() == 0 ? scaled : NO_FIT;
    } catch (ArithmeticException e) {
      return NO_FIT;
    }
  }

  /**
   * The record value for a row value of a primitive type: the inverse of {@link #fit} for the types
   * whose row form differs (dates, times, timestamps).
   */
  public static Object recordValue(Object rowValue, DataType type) {
    if (rowValue == null) {
      return null;
    }
    return switch (type.kind()) {
      case DATE -> LocalDate.ofEpochDay((Integer) rowValue);
      case TIME -> LocalTime.ofNanoOfDay((Long) rowValue * 1000);
      case TIMESTAMP -> Temporals.localDateTimeOf((Long) rowValue);
      case TIMESTAMPTZ -> Temporals.instantOf((Long) rowValue);
      default -> rowValue;
    };
  }

  /** The record value type of a primitive record value, for values whose type is not carried. */
  public static DataType typeOf(Object value) {
    if (value == null) {
      return PrimitiveType.NULL;
    }
    if (value instanceof String) {
      return PrimitiveType.STRING;
    }
    if (value instanceof Long) {
      return PrimitiveType.LONG;
    }
    if (value instanceof Integer) {
      return PrimitiveType.INT;
    }
    if (value instanceof Double) {
      return PrimitiveType.DOUBLE;
    }
    if (value instanceof Float) {
      return PrimitiveType.FLOAT;
    }
    if (value instanceof Boolean) {
      return PrimitiveType.BOOLEAN;
    }
    if (value instanceof BigDecimal d) {
      int precision = Math.max(d.precision(), d.scale() + 1);
      return precision <= DecimalType.MAX_PRECISION && d.scale() >= 0
          ? DecimalType.of(precision, d.scale())
          : PrimitiveType.DOUBLE;
    }
    if (value instanceof byte[]) {
      return PrimitiveType.BINARY;
    }
    if (value instanceof LocalDate) {
      return PrimitiveType.DATE;
    }
    if (value instanceof LocalTime) {
      return PrimitiveType.TIME;
    }
    if (value instanceof LocalDateTime) {
      return PrimitiveType.TIMESTAMP;
    }
    if (value instanceof OffsetDateTime) {
      return PrimitiveType.TIMESTAMPTZ;
    }
    if (value instanceof UUID) {
      return PrimitiveType.UUID;
    }
    throw new IllegalArgumentException(
        "Cannot type value: not a primitive record value: " + value.getClass().getName());
  }
}
