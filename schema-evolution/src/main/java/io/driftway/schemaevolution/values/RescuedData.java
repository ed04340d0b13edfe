package io.driftway.schemaevolution.values;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The values of one record that did not fit its table, as the JSON object stored in the
 * rescued-data column: keys are JSON pointers into the record (list positions included, {@code
 * /items/2/qty}), values are the values as they came: strings, objects and arrays as they were, CSV
 * cells as their original text, JSON numbers as their value ({@code 1.50} is written {@code 1.5};
 * integers beyond a long keep every digit).
 *
 * <pre>{@code
 * {"/price":"12,50","/extra":{"a":1}}
 * }</pre>
 *
 * <p>Not thread-safe: one per record.
 */
public final class RescuedData {

  private final List<String> paths = new ArrayList<>(2);
  private final List<Object> values = new ArrayList<>(2);

  /** Adds a value at a record pointer; {@code text} (the original text) wins when not null. */
  public void add(String pointer, Object value, String text) {
    paths.add(pointer);
    values.add(text != null ? text : value);
  }

  /** True when nothing was rescued. */
  public boolean isEmpty() {
    return paths.isEmpty();
  }

  /** The number of rescued values. */
  public int size() {
    return paths.size();
  }

  /** The rescued pointers, in the order they were added. */
  public List<String> paths() {
    return List.copyOf(paths);
  }

  /**
   * The JSON object, or null when nothing was rescued. When the record itself carried a field named
   * like the rescued-data column, it is rescued like any other value under its own pointer.
   */
  public String toJson() {
    if (paths.isEmpty()) {
      return null;
    }
    StringWriter out = new StringWriter(64);
    try (JsonGenerator generator = JsonValues.FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      for (int i = 0; i < paths.size(); i++) {
        generator.writeFieldName(paths.get(i));
        JsonValues.write(generator, values.get(i));
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
