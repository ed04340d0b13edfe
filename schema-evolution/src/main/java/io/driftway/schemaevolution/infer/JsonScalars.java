package io.driftway.schemaevolution.infer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.values.Conversions;
import io.driftway.schemaevolution.values.Temporals;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How one JSON scalar becomes a record value: the single definition shared by JSON inference and
 * the JSON fast path, so that both read every value the same way.
 *
 * <p>Integers are {@code Long} (beyond a long, a {@code BigDecimal} up to 38 digits, then the exact
 * text); other numbers {@code Double}; booleans {@code Boolean}; strings {@code String}. An {@code
 * expected} type (from a schema hint) wins when the value reads as it exactly.
 */
public final class JsonScalars {

  private JsonScalars() {}

  /** The record value of the scalar at the parser's current token. */
  public static Object read(
      JsonParser parser, JsonToken token, DataType expected, boolean inferTimestamps)
      throws IOException {
    return switch (token) {
      case VALUE_STRING -> string(parser.getText(), expected, inferTimestamps);
      case VALUE_NUMBER_INT -> integer(parser, expected);
      case VALUE_NUMBER_FLOAT -> floating(parser, expected);
      case VALUE_TRUE, VALUE_FALSE -> bool(token == JsonToken.VALUE_TRUE, expected);
      default -> null;
    };
  }

  /**
   * The record value of a JSON {@code true} or {@code false}, as {@link #read} reads it: for
   * readers that scan the bytes themselves (the JSON fast path).
   */
  public static Object bool(boolean value, DataType expected) {
    return expected != null && expected.kind() == TypeKind.STRING
        ? Boolean.toString(value)
        : (Object) value;
  }

  /**
   * The record value of a JSON integer given its text ({@code -?(0|[1-9][0-9]*)}), as {@link #read}
   * reads it: for readers that scan the bytes themselves.
   */
  public static Object integer(String literal, DataType expected) {
    if (expected != null) {
      Object hinted = hinted(literal, expected);
      if (hinted != Conversions.NO_FIT) {
        return hinted;
      }
    }
    BigInteger big = new BigInteger(literal);
    if (big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    return wide(big, literal);
  }

  /**
   * The record value of a JSON number with a fraction or an exponent given its text, as {@link
   * #read} reads it: for readers that scan the bytes themselves.
   */
  public static Object floating(String literal, DataType expected) {
    if (expected != null) {
      Object hinted = hinted(literal, expected);
      if (hinted != Conversions.NO_FIT) {
        return hinted;
      }
    }
    // Jackson's exact parser and the JDK's both give the nearest double.
    return Double.parseDouble(literal);
  }

  private static Object hinted(String literal, DataType expected) {
    return switch (expected.kind()) {
      case DECIMAL -> Conversions.toDecimal(new BigDecimal(literal), (DecimalType) expected);
      case STRING -> literal;
      case INT, LONG, FLOAT, DOUBLE -> Conversions.fromText(literal, expected);
      default -> Conversions.NO_FIT;
    };
  }

  /** An integer beyond a long: a decimal up to 38 digits, else its exact text. */
  private static Object wide(BigInteger big, String text) {
    if (big.abs().toString().length() <= DecimalType.MAX_PRECISION) {
      return new BigDecimal(big);
    }
    // Too wide for any column type: keep the exact text rather than round it.
    return text;
  }

  /**
   * The type of a record value read by {@link #read}: the expected type when the value took it,
   * else the value's own type.
   */
  public static DataType typeOf(Object value, DataType expected) {
    if (value == null) {
      return PrimitiveType.NULL;
    }
    if (expected != null && expected.isPrimitive()) {
      DataType own = Conversions.typeOf(value);
      if (own.kind() != expected.kind()) {
        return own;
      }
      // A decimal too wide for its hint keeps its own precision, so the column can widen to it.
      return own.kind() != TypeKind.DECIMAL
              || Conversions.toDecimal(value, (DecimalType) expected) != Conversions.NO_FIT
          ? expected
          : own;
    }
    return Conversions.typeOf(value);
  }

  /**
   * The record value of a JSON string, as {@link #read} reads it: for readers that scan the bytes
   * themselves.
   */
  public static Object string(String text, DataType expected, boolean inferTimestamps) {
    if (expected != null && expected.isPrimitive() && expected.kind() != TypeKind.STRING) {
      Object converted = Conversions.fromText(text, expected);
      if (converted != Conversions.NO_FIT) {
        return Conversions.recordValue(converted, expected);
      }
    } else if (inferTimestamps && expected == null) {
      PrimitiveType temporal = Temporals.detect(text);
      if (temporal != null) {
        return Conversions.recordValue(Conversions.fit(text, temporal), temporal);
      }
    }
    return text;
  }

  private static Object integer(JsonParser parser, DataType expected) throws IOException {
    if (expected != null) {
      Object hinted = hinted(parser, expected);
      if (hinted != Conversions.NO_FIT) {
        return hinted;
      }
    }
    if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return parser.getLongValue();
    }
    return wide(parser.getBigIntegerValue(), parser.getText());
  }

  private static Object floating(JsonParser parser, DataType expected) throws IOException {
    if (expected != null) {
      Object hinted = hinted(parser, expected);
      if (hinted != Conversions.NO_FIT) {
        return hinted;
      }
    }
    return parser.getDoubleValue();
  }

  private static Object hinted(JsonParser parser, DataType expected) throws IOException {
    return switch (expected.kind()) {
      case DECIMAL -> Conversions.toDecimal(parser.getDecimalValue(), (DecimalType) expected);
      case STRING -> parser.getText();
      case INT, LONG, FLOAT, DOUBLE -> Conversions.fromText(parser.getText(), expected);
      default -> Conversions.NO_FIT;
    };
  }
}
