package io.driftway.catalogbridge.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** The partition key types Glue allows in an expression, and how their values compare. */
enum KeyType {
  STRING {
    @Override
    Object parse(String text) {
      return text;
    }

    @Override
    int compare(Object left, Object right) {
      return ((String) left).compareTo((String) right);
    }
  },
  INTEGER {
    @Override
    Object parse(String text) {
      return new BigInteger(text.trim());
    }

    @Override
    int compare(Object left, Object right) {
      return ((BigInteger) left).compareTo((BigInteger) right);
    }
  },
  DECIMAL {
    @Override
    Object parse(String text) {
      return new BigDecimal(text.trim());
    }

    @Override
    int compare(Object left, Object right) {
      return ((BigDecimal) left).compareTo((BigDecimal) right);
    }
  },
  DATE {
    @Override
    Object parse(String text) {
      return LocalDate.parse(text.trim());
    }

    @Override
    int compare(Object left, Object right) {
      return ((LocalDate) left).compareTo((LocalDate) right);
    }
  },
  TIMESTAMP {
    @Override
    Object parse(String text) {
      return LocalDateTime.parse(text.trim().replace('T', ' '), TIMESTAMP_FORMAT);
    }

    @Override
    int compare(Object left, Object right) {
      return ((LocalDateTime) left).compareTo((LocalDateTime) right);
    }
  };

  /** Hive's {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}, seconds and fraction optional. */
  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /**
   * Parses a value of this type.
   *
   * @throws NumberFormatException or {@link DateTimeParseException} when the text is not one
   */
  abstract Object parse(String text);

  /** Compares two values this type parsed. */
  abstract int compare(Object left, Object right);

  /** The type for a Glue column type string, or null when expressions cannot use it. */
  static KeyType of(String glueType) {
    if (glueType == null) {
      return null;
    }
    String base = glueType.trim().toLowerCase(Locale.ROOT);
    int paren = base.indexOf('(');
    if (paren >= 0) {
      base = base.substring(0, paren).trim();
    }
    return switch (base) {
      case "string", "char", "varchar" -> STRING;
      case "int", "integer", "bigint", "long", "tinyint", "smallint" -> INTEGER;
      case "decimal" -> DECIMAL;
      case "date" -> DATE;
      case "timestamp" -> TIMESTAMP;
      default -> null;
    };
  }
}
