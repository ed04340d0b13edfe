package io.driftway.connectors.kinesis;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a bounded read (a backfill) stops in every shard. A source with a stop position is {@code
 * BOUNDED}: the job ends by itself once every shard reached it. Immutable.
 *
 * <pre>{@code
 * KinesisStopPosition.currentEnd();                                   // read what is there now
 * KinesisStopPosition.atTimestamp(Instant.parse("2026-11-02T00:00:00Z")); // a closed time range
 * }</pre>
 */
public final class KinesisStopPosition implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final KinesisStopPosition CURRENT_END = new KinesisStopPosition(null);

  private final Instant timestamp;

  private KinesisStopPosition(Instant timestamp) {
    this.timestamp = timestamp;
  }

  /**
   * Each shard stops once a read finds no further record (Kinesis reports the reader is at the tip
   * of the shard). Children of a shard closed before that are read too.
   */
  public static KinesisStopPosition currentEnd() {
    return CURRENT_END;
  }

  /**
   * Each shard stops before its first record that arrived after {@code timestamp}, or, when no such
   * record exists yet, once the reader is at the tip of the shard and the clock is past {@code
   * timestamp}. Records arriving exactly at {@code timestamp} are read.
   */
  public static KinesisStopPosition atTimestamp(Instant timestamp) {
    return new KinesisStopPosition(Objects.requireNonNull(timestamp, "timestamp"));
  }

  /** The stop timestamp; empty for {@link #currentEnd()}. */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KinesisStopPosition other && Objects.equals(timestamp, other.timestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(timestamp);
  }

  @Override
  public String toString() {
    return timestamp == null ? "CURRENT_END" : "AT_TIMESTAMP(" + timestamp + ")";
  }
}
