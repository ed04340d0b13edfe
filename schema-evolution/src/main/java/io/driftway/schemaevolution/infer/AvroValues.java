package io.driftway.schemaevolution.infer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.util.Utf8;

/**
 * How one Avro scalar becomes a record value: the single definition shared by Avro inference and
 * the Avro fast path. Strings and enums become {@code String}, bytes and fixed {@code byte[]},
 * logical types their {@code java.time}, {@code BigDecimal} or {@code UUID} value (values already
 * converted by a reader's logical-type conversions pass through).
 */
public final class AvroValues {

  private AvroValues() {}

  /**
   * {@code text} (an Avro string or map key) as a string, or null when its bytes are not UTF-8.
   * Avro's reader keeps a string's bytes as they came, and Java would replace invalid ones with
   * U+FFFD: a value the producer never sent, so such a record is refused.
   */
  public static String text(Object text) {
    String string = text.toString();
    if (text instanceof Utf8 utf8 && string.indexOf('\uFFFD') >= 0 && !isUtf8(utf8)) {
      return null;
    }
    return string;
  }

  /** Whether the bytes of {@code utf8} are well-formed UTF-8 (Avro's reader does not check). */
  public static boolean isWellFormed(Utf8 utf8) {
    byte[] bytes = utf8.getBytes();
    int length = utf8.getByteLength();
    for (int i = 0; i < length; i++) {
      if (bytes[i] < 0) {
        // Not ASCII from here: decode the whole text strictly.
        return isUtf8(utf8);
      }
    }
    return true;
  }

  private static boolean isUtf8(Utf8 utf8) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8.getBytes(), 0, utf8.getByteLength()));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The schema of the union branch a value took, or the schema itself. */
  public static Schema branch(Schema schema, Object value) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().get(GenericData.get().resolveUnion(schema, value));
  }

  /** The record value of a non-null scalar of a non-union schema. */
  public static Object scalar(Object value, Schema schema) {
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case STRING -> {
        if (value instanceof UUID) {
          yield value;
        }
        yield logical != null && logical.getName().equals("uuid")
            ? UUID.fromString(value.toString())
            : value.toString();
      }
      case ENUM -> value.toString();
      case BYTES, FIXED -> bytesValue(value, logical);
      case INT -> {
        if (logical instanceof LogicalTypes.Date) {
          yield value instanceof LocalDate ? value : LocalDate.ofEpochDay((Integer) value);
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
          yield value instanceof LocalTime
              ? value
              : LocalTime.ofNanoOfDay((Integer) value * 1_000_000L);
        }
        yield value;
      }
      case LONG -> logical == null ? value : longValue(value, logical.getName());
      default -> value;
    };
  }

  static Object bytesValue(Object value, LogicalType logical) {
    if (value instanceof BigDecimal || value instanceof UUID) {
      return value;
    }
    byte[] bytes;
    if (value instanceof ByteBuffer buffer) {
      bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
    } else {
      bytes = ((GenericFixed) value).bytes().clone();
    }
    if (logical instanceof LogicalTypes.Decimal decimal) {
      return new BigDecimal(new BigInteger(bytes), decimal.getScale());
    }
    if (logical != null && logical.getName().equals("uuid") && bytes.length == 16) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new UUID(buffer.getLong(), buffer.getLong());
    }
    return bytes;
  }

  static Object longValue(Object value, String logical) {
    if (!(value instanceof Long l)) {
      // Already converted by a logical-type conversion on the reader.
      if (value instanceof Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
      }
      return value;
    }
    return switch (logical) {
      case "time-micros" -> LocalTime.ofNanoOfDay(l * 1000);
      case "timestamp-millis" -> OffsetDateTime.ofInstant(Instant.ofEpochMilli(l), ZoneOffset.UTC);
      case "timestamp-micros" ->
          OffsetDateTime.ofInstant(
              Instant.ofEpochSecond(
                  Math.floorDiv(l, 1_000_000L), Math.floorMod(l, 1_000_000L) * 1000),
              ZoneOffset.UTC);
      case "timestamp-nanos" ->
          OffsetDateTime.ofInstant(
              Instant.ofEpochSecond(
                  Math.floorDiv(l, 1_000_000_000L), Math.floorMod(l, 1_000_000_000L)),
              ZoneOffset.UTC);
      case "local-timestamp-millis" ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(l, 1000L), (int) Math.floorMod(l, 1000L) * 1_000_000, ZoneOffset.UTC);
      case "local-timestamp-micros" ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(l, 1_000_000L),
              (int) Math.floorMod(l, 1_000_000L) * 1000,
              ZoneOffset.UTC);
      case "local-timestamp-nanos" ->
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(l, 1_000_000_000L),
              (int) Math.floorMod(l, 1_000_000_000L),
              ZoneOffset.UTC);
      default -> l;
    };
  }
}
