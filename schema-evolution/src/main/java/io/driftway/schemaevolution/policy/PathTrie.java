package io.driftway.schemaevolution.policy;

import io.driftway.schemaevolution.types.FieldNames;
import io.driftway.schemaevolution.types.FieldPath;
import java.util.HashMap;
import java.util.Map;

/**
 * Values by field path, matched ignoring case; the collection segments {@code []} (list element),
 * {@code {key}} and {@code {}} (map key and value) may be left out of a configured path ({@code
 * items.price} matches {@code /items/[]/price}). Where a record path has a collection segment, a
 * configured {@code element}, {@code key} or {@code value} there is read as that segment (the
 * deprecated spelling); everywhere else those are field names like any other. Immutable once built.
 */
public final class PathTrie<T> {

  private final Node<T> root;

  private PathTrie(Node<T> root) {
    this.root = root;
  }

  /** Builds a trie from configured paths. */
  public static <T> PathTrie<T> of(Map<FieldPath, T> values) {
    Node<T> root = new Node<>();
    for (Map.Entry<FieldPath, T> entry : values.entrySet()) {
      Node<T> node = root;
      for (String segment : entry.getKey().segments()) {
        node = node.children.computeIfAbsent(FieldNames.key(segment), k -> new Node<>());
      }
      node.value = entry.getValue();
    }
    return new PathTrie<>(root);
  }

  /** True when nothing is configured. */
  public boolean isEmpty() {
    return root.children.isEmpty() && root.value == null;
  }

  /** The value configured for exactly this path, or null. */
  public T exact(FieldPath path) {
    Node<T> node = walk(path);
    return node == null ? null : node.value;
  }

  /** The value of the longest configured prefix of this path, or {@code fallback}. */
  public T nearest(FieldPath path, T fallback) {
    return nearest(path, fallback, value -> true);
  }

  /**
   * The value configured for this path, else the value of the longest configured proper prefix that
   * is {@code inheritable}, else {@code fallback}.
   */
  public T nearest(FieldPath path, T fallback, java.util.function.Predicate<T> inheritable) {
    T exact = exact(path);
    if (exact != null) {
      return exact;
    }
    T found = root.value != null && inheritable.test(root.value) ? root.value : fallback;
    Node<T> node = root;
    for (String segment : path.segments()) {
      Node<T> next = node.child(segment);
      if (next == null) {
        if (isCollectionSegment(segment)) {
          continue;
        }
        return found;
      }
      node = next;
      if (node.value != null && inheritable.test(node.value)) {
        found = node.value;
      }
    }
    return found;
  }

  private Node<T> walk(FieldPath path) {
    Node<T> node = root;
    for (String segment : path.segments()) {
      Node<T> next = node.child(segment);
      if (next == null) {
        if (isCollectionSegment(segment)) {
          continue;
        }
        return null;
      }
      node = next;
    }
    return node;
  }

  /** The root cursor, for walking the trie alongside a record. */
  public Cursor<T> cursor() {
    return root;
  }

  /**
   * True for the segments of a list element, map key or map value ({@code []}, {@code {key}},
   * {@code {}}).
   */
  public static boolean isCollectionSegment(String segment) {
    return segment.equals(FieldPath.ELEMENT)
        || segment.equals(FieldPath.VALUE)
        || segment.equals(FieldPath.KEY);
  }

  /** The deprecated spelling of a collection segment in configured paths. */
  private static String legacy(String segment) {
    return switch (segment) {
      case FieldPath.ELEMENT -> "element";
      case FieldPath.KEY -> "key";
      case FieldPath.VALUE -> "value";
      default -> null;
    };
  }

  /** A position in the trie, so a parser can follow hints without building paths. */
  public interface Cursor<T> {
    /** The child for a field name (case-insensitive), or null. */
    Cursor<T> field(String name);

    /**
     * The child for a list element or a map value: the configured {@code element}/{@code value}
     * child, else a view of this node's children without its value.
     */
    Cursor<T> element();

    /** The value configured here, or null. */
    T value();
  }

  /** A collection segment left out of the configured paths: the node's children, no value. */
  private record Skipped<T>(Node<T> node) implements Cursor<T> {
    @Override
    public Cursor<T> field(String name) {
      return node.field(name);
    }

    @Override
    public Cursor<T> element() {
      return node.element();
    }

    @Override
    public T value() {
      return null;
    }
  }

  private static final class Node<T> implements Cursor<T> {
    private final Map<String, Node<T>> children = new HashMap<>();
    private T value;

    @Override
    public Cursor<T> field(String name) {
      Node<T> child = children.get(name);
      return child != null ? child : children.get(FieldNames.key(name));
    }

    /** The child for a record path's segment: by name, or a collection segment's old spelling. */
    Node<T> child(String segment) {
      Node<T> child = children.get(FieldNames.key(segment));
      if (child == null && isCollectionSegment(segment)) {
        child = children.get(legacy(segment));
      }
      return child;
    }

    @Override
    public Cursor<T> element() {
      Node<T> child = child(FieldPath.ELEMENT);
      if (child == null) {
        child = child(FieldPath.VALUE);
      }
      // Paths may leave the collection segment out: the same children, but not this value.
      return child != null ? child : new Skipped<>(this);
    }

    @Override
    public T value() {
      return value;
    }
  }
}
