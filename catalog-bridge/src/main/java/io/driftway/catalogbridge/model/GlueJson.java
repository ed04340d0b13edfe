package io.driftway.catalogbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * The AWS JSON 1.1 form of the Glue shapes: members in PascalCase, absent members left out,
 * timestamps as epoch seconds (a JSON number with up to millisecond fraction).
 *
 * <pre>{@code
 * Table table = GlueJson.read(bytes, Table.class);
 * byte[] json = GlueJson.write(table);
 * }</pre>
 */
public final class GlueJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          // Newer SDKs send members this bridge does not model yet; Glue itself ignores what it
          // does not know for the same reason, so a new client keeps working.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .addModule(
              new SimpleModule("glue-timestamps")
                  .addSerializer(Instant.class, new EpochSecondsSerializer())
                  .addDeserializer(Instant.class, new EpochSecondsDeserializer()))
          .build();

  /**
   * A reader per shape: an {@link ObjectReader} finds its root deserializer once, where {@code
   * MAPPER.readValue} resolves the type and looks the deserializer up again on every request.
   */
  private static final ClassValue<ObjectReader> READERS =
      new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
          return MAPPER.readerFor(type);
        }
      };

  private GlueJson() {}

  /**
   * Reads a shape; a malformed body or a member of the wrong JSON type is a SerializationException.
   */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return READERS.get(type).readValue(json);
    } catch (IOException e) {
      throw GlueException.of(
          GlueErrorType.SERIALIZATION,
          "Cannot read request: not a valid " + type.getSimpleName() + ": " + firstLine(e),
          e);
    }
  }

  /**
   * The members of a flat request, when that is all it is: an object whose members are among {@code
   * names} (each at most once) with string or null values. Returns the values in the order of
   * {@code names} (null for an absent or null member), or null when the body holds anything else
   * (another member, another kind of value, malformed JSON) for the caller to {@link #read} it
   * instead, which gives the same values for what this accepts and its errors for the rest. About a
   * fifth of {@link #read}'s cost for the two strings of a GetTable.
   */
  public static String[] readFlatStrings(byte[] json, List<String> names) {
    String[] values = new String[names.size()];
    boolean[] seen = new boolean[names.size()];
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        int index = names.indexOf(parser.currentName());
        if (index < 0 || seen[index]) {
          return null;
        }
        seen[index] = true;
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          values[index] = parser.getText();
        } else if (value != JsonToken.VALUE_NULL) {
          return null;
        }
      }
      return token == JsonToken.END_OBJECT ? values : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads a shape from a JSON string (stored documents). */
  public static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "Cannot read stored document: not a valid " + type.getSimpleName(), e);
    }
  }

  /** Converts a tree (for example a client's {@code ViewDefinition}) to a shape. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write JSON: " + value.getClass().getSimpleName(), e);
    }
  }

  public static String writeString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write JSON: " + value.getClass().getSimpleName(), e);
    }
  }

  /** A value as a JSON tree, named as on the wire. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Parses any JSON text into a tree. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot parse JSON: " + firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Epoch seconds with a millisecond fraction, written as a plain decimal number. */
  private static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      long millis = value.toEpochMilli();
      gen.writeNumber(BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString());
    }
  }

  /** Epoch seconds as a number (what every SDK sends), or an ISO-8601 string. */
  private static final class EpochSecondsDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return fromSeconds(p.getDecimalValue());
      }
      if (token == JsonToken.VALUE_STRING) {
        String text = p.getText().trim();
        try {
          return fromSeconds(new BigDecimal(text));
        } catch (NumberFormatException notNumber) {
          try {
            return Instant.parse(text);
          } catch (DateTimeException e) {
            return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not a timestamp");
          }
        }
      }
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }

    private static Instant fromSeconds(BigDecimal seconds) {
      long millis = seconds.movePointRight(3).longValue();
      return Instant.ofEpochMilli(millis);
    }
  }
}
