package io.driftway.streamjobs.backfill;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * How far a backfill got, as positions by key: the last offset read of each Kafka partition ({@code
 * kafka:<topic>/<partition>}), the last sequence number of each Kinesis shard ({@code
 * kinesis:<stream>/<shard>}), the last record of each file version ({@code file:<path>@<version>}),
 * or {@link #DONE} for a file read to its end. Positions only grow, so two progress values merge by
 * taking the larger position per key.
 *
 * <pre>{@code
 * Progress p = Progress.empty().with("kafka:orders/0", "41");
 * p.covers("kafka:orders/0", "17"); // true
 * }</pre>
 */
public final class Progress implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The position of a file read to its end. */
  public static final String DONE = "done";

  private static final Progress EMPTY = new Progress(new TreeMap<>());

  // A sorted map keeps files and logs in a stable order; declared as Map for Error Prone's taste.
  private final Map<String, String> positions;

  private Progress(Map<String, String> positions) {
    this.positions = positions;
  }

  public static Progress empty() {
    return EMPTY;
  }

  public static Progress of(Map<String, String> positions) {
    return EMPTY.mergeAll(positions);
  }

  /** This progress with {@code key} at least at {@code position}. */
  public Progress with(String key, String position) {
    String current = positions.get(key);
    if (current != null && compare(current, position) >= 0) {
      return this;
    }
    TreeMap<String, String> copy = new TreeMap<>(positions);
    copy.put(key, position);
    return new Progress(copy);
  }

  /** The larger position of each key of both. */
  public Progress merge(Progress other) {
    return mergeAll(other.positions);
  }

  private Progress mergeAll(Map<String, String> more) {
    if (more.isEmpty()) {
      return this;
    }
    TreeMap<String, String> copy = new TreeMap<>(positions);
    for (Map.Entry<String, String> e : more.entrySet()) {
      copy.merge(e.getKey(), e.getValue(), (a, b) -> compare(a, b) >= 0 ? a : b);
    }
    return new Progress(copy);
  }

  /** Whether a record at {@code position} of {@code key} is already part of this progress. */
  public boolean covers(String key, String position) {
    String current = positions.get(key);
    return current != null && compare(current, position) >= 0;
  }

  /** The position of {@code key}, or null. */
  public String position(String key) {
    return positions.get(key);
  }

  public Map<String, String> positions() {
    return java.util.Collections.unmodifiableMap(positions);
  }

  public boolean isEmpty() {
    return positions.isEmpty();
  }

  /** Positions are whole numbers (offsets, sequence numbers, record counts) or {@link #DONE}. */
  static int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.equals(DONE)) {
      return 1;
    }
    if (b.equals(DONE)) {
      return -1;
    }
    return new BigInteger(a).compareTo(new BigInteger(b));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Progress that && positions.equals(that.positions);
  }

  @Override
  public int hashCode() {
    return positions.hashCode();
  }

  @Override
  public String toString() {
    return "Progress" + positions;
  }
}
