package io.driftway.schemaevolution.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A position in a schema, written as a JSON pointer (RFC 6901): {@code /payload/items/[]/price}. A
 * list element is the segment {@code []}, a map key {@code {key}} and a map value {@code {}}, so a
 * field may be called {@code element}, {@code key} or {@code value} like any other.
 *
 * <p>Policies also accept a dotted path ({@code payload.items.price}); {@link #parse} reads both.
 * Configured paths may leave the collection segments out, and may still spell them the old way
 * ({@code element}, {@code key}, {@code value}) where the record has a list or map there (a
 * deprecated alias: see {@code PathTrie}).
 *
 * <pre>{@code
 * FieldPath price = FieldPath.parse("/payload/items/[]/price");
 * price.parent().toString(); // "/payload/items/[]"
 * }</pre>
 */
public final class FieldPath implements Comparable<FieldPath> {

  /** The segment for a list element. */
  public static final String ELEMENT = "[]";

  /** The segment for a map key. */
  public static final String KEY = "{key}";

  /** The segment for a map value. */
  public static final String VALUE = "{}";

  private static final FieldPath ROOT = new FieldPath(List.of());

  private final List<String> segments;
  private String pointer;

  private FieldPath(List<String> segments) {
    this.segments = segments;
  }

  /** The root: the record itself, pointer {@code ""}. */
  public static FieldPath root() {
    return ROOT;
  }

  /** A path of the given segments. */
  public static FieldPath of(String... segments) {
    return new FieldPath(List.of(segments));
  }

  /** A path of the given segments. */
  public static FieldPath of(List<String> segments) {
    return segments.isEmpty() ? ROOT : new FieldPath(List.copyOf(segments));
  }

  /**
   * Reads a JSON pointer ({@code /a/b~1c}) or a dotted path ({@code a.b}). An empty string is the
   * root.
   */
  public static FieldPath parse(String text) {
    if (text.isEmpty() || text.equals("/")) {
      return ROOT;
    }
    List<String> segments = new ArrayList<>();
    if (text.charAt(0) == '/') {
      int start = 1;
      while (start <= text.length()) {
        int end = text.indexOf('/', start);
        if (end < 0) {
          end = text.length();
        }
        segments.add(unescape(text.substring(start, end)));
        start = end + 1;
      }
    } else {
      int start = 0;
      while (start <= text.length()) {
        int end = text.indexOf('.', start);
        if (end < 0) {
          end = text.length();
        }
        segments.add(text.substring(start, end));
        start = end + 1;
      }
    }
    for (String segment : segments) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException("Cannot parse field path: empty segment: " + text);
      }
    }
    return new FieldPath(Collections.unmodifiableList(segments));
  }

  private static String unescape(String segment) {
    return segment.indexOf('~') < 0 ? segment : segment.replace("~1", "/").replace("~0", "~");
  }

  /** Escapes one segment for a JSON pointer. */
  public static String escape(String segment) {
    if (segment.indexOf('~') < 0 && segment.indexOf('/') < 0) {
      return segment;
    }
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** This path extended by one segment. */
  public FieldPath child(String segment) {
    List<String> longer = new ArrayList<>(segments.size() + 1);
    longer.addAll(segments);
    longer.add(segment);
    return new FieldPath(Collections.unmodifiableList(longer));
  }

  /** The path of this list's element. */
  public FieldPath element() {
    return child(ELEMENT);
  }

  /** The path of this map's value. */
  public FieldPath value() {
    return child(VALUE);
  }

  /** The enclosing path; the root's parent is the root. */
  public FieldPath parent() {
    return segments.isEmpty() ? ROOT : of(segments.subList(0, segments.size() - 1));
  }

  /** The segments, outermost first. */
  public List<String> segments() {
    return segments;
  }

  /** The last segment, or {@code ""} for the root. */
  public String name() {
    return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
  }

  /** True for the root path. */
  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** This path as a JSON pointer. */
  public String pointer() {
    String p = pointer;
    if (p == null) {
      StringBuilder out = new StringBuilder();
      for (String segment : segments) {
        out.append('/').append(escape(segment));
      }
      p = out.toString();
      pointer = p;
    }
    return p;
  }

  /** The same path with names compared ignoring case; used as a map key. */
  public String key() {
    return FieldNames.key(pointer());
  }

  @Override
  public int compareTo(FieldPath other) {
    return pointer().compareTo(other.pointer());
  }

  @Override
  public boolean equals(Object other) {
    return this == other || (other instanceof FieldPath that && segments.equals(that.segments));
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
  }

  @Override
  public String toString() {
    return pointer();
  }
}
