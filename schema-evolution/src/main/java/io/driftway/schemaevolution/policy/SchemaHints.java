package io.driftway.schemaevolution.policy;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.TypeParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * User-declared types for paths, applied before inference: a value at a hinted path is read as the
 * hinted type ({@code "2026-01-02T03:04:05Z"} as a {@code timestamptz}, {@code 12.30} as a {@code
 * decimal(12,2)}), and a new column at a hinted path gets the hinted type. A value that does not
 * read as its hint keeps its own type, and the table's conflict action decides.
 *
 * <p>Hints are the way to settle a field whose producers disagree in a way inference cannot: a JSON
 * number written as {@code 10} in one record and {@code 10.5} in the next is a {@code long} and a
 * {@code double} (Iceberg cannot widen one into the other), but hinted as {@code double} or {@code
 * decimal(12,2)} both read as the hinted type.
 *
 * <pre>{@code
 * SchemaHints hints = SchemaHints.parse("event_time: timestamptz, amount: decimal(12,2)");
 * }</pre>
 */
public final class SchemaHints {

  private static final SchemaHints NONE = new SchemaHints(Map.of());

  private final Map<FieldPath, DataType> hints;
  private final PathTrie<DataType> trie;

  private SchemaHints(Map<FieldPath, DataType> hints) {
    this.hints = hints;
    this.trie = PathTrie.of(hints);
  }

  /** No hints. */
  public static SchemaHints none() {
    return NONE;
  }

  /** Hints from paths (JSON pointer or dotted) to types. */
  public static SchemaHints of(Map<String, DataType> hints) {
    Map<FieldPath, DataType> parsed = new LinkedHashMap<>();
    hints.forEach((path, type) -> parsed.put(FieldPath.parse(path), type));
    return new SchemaHints(Collections.unmodifiableMap(parsed));
  }

  /**
   * Reads {@code path: type} pairs separated by commas or new lines: {@code event_time:
   * timestamptz, amount: decimal(12,2), tags: array<string>}.
   */
  public static SchemaHints parse(String text) {
    Map<FieldPath, DataType> parsed = new LinkedHashMap<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ',';
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if ((c == ',' || c == '\n') && depth == 0) {
        String pair = text.substring(start, i).trim();
        start = i + 1;
        if (pair.isEmpty()) {
          continue;
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "Cannot parse schema hints: expected 'path: type': " + pair);
        }
        FieldPath path = FieldPath.parse(pair.substring(0, colon).trim());
        DataType type;
        try {
          type = TypeParser.parse(pair.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Cannot parse schema hints: " + e.getMessage() + ": " + pair, e);
        }
        if (parsed.put(path, type) != null) {
          throw new IllegalArgumentException(
              "Cannot parse schema hints: path hinted twice: " + path);
        }
      }
    }
    return new SchemaHints(Collections.unmodifiableMap(parsed));
  }

  /** The hints by path, in the order given. */
  public Map<FieldPath, DataType> asMap() {
    return hints;
  }

  /** True when there are no hints. */
  public boolean isEmpty() {
    return hints.isEmpty();
  }

  /** The hint for exactly this path, or null. */
  public DataType hint(FieldPath path) {
    return trie.exact(path);
  }

  /** A cursor for following hints while parsing, without building paths. */
  public PathTrie.Cursor<DataType> cursor() {
    return trie.cursor();
  }

  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof SchemaHints that && hints.equals(that.hints));
  }

  @Override
  public int hashCode() {
    return hints.hashCode();
  }

  @Override
  public String toString() {
    return hints.toString();
  }
}
