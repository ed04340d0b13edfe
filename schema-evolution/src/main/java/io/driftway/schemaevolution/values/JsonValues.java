package io.driftway.schemaevolution.values;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.driftway.schemaevolution.record.StructValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes record values as JSON: structs as objects (duplicate keys kept, in input order), lists as
 * arrays, maps as objects, binary as base64, temporals and uuids as ISO/canonical text, numbers as
 * numbers (non-finite doubles as text, which JSON cannot carry otherwise).
 */
public final class JsonValues {

  /**
   * One factory for the module: thread-safe, and it caches field name symbols. Doubles are parsed
   * with Jackson's fast (exact) parser: number parsing is a large share of reading a record.
   */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
          .build();

  private JsonValues() {}

  /** One value as JSON text. */
  public static String toJson(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes one value. */
  public static void write(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Long l) {
      out.writeNumber(l);
    } else if (value instanceof Integer i) {
      out.writeNumber(i);
    } else if (value instanceof Double d) {
      if (Double.isFinite(d)) {
        out.writeNumber(d);
      } else {
        out.writeString(d.toString());
      }
    } else if (value instanceof Float f) {
      if (Float.isFinite(f)) {
        out.writeNumber(f);
      } else {
        out.writeString(f.toString());
      }
    } else if (value instanceof BigDecimal d) {
      out.writeNumber(d);
    } else if (value instanceof BigInteger i) {
      out.writeNumber(i);
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof byte[] bytes) {
      out.writeString(Base64.getEncoder().encodeToString(bytes));
    } else if (value instanceof StructValue struct) {
      out.writeStartObject();
      for (int i = 0; i < struct.size(); i++) {
        out.writeFieldName(struct.name(i));
        String text = struct.text(i);
        if (text != null) {
          out.writeString(text);
        } else {
          write(out, struct.value(i));
        }
      }
      out.writeEndObject();
    } else if (value instanceof List<?> list) {
      out.writeStartArray();
      for (Object element : list) {
        write(out, element);
      }
      out.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      out.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.writeFieldName(String.valueOf(entry.getKey()));
        write(out, entry.getValue());
      }
      out.writeEndObject();
    } else {
      out.writeString(value.toString());
    }
  }
}
