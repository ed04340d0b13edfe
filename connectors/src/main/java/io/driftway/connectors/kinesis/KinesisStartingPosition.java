package io.driftway.connectors.kinesis;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a fresh job (one not restored from a checkpoint) starts reading the shards that exist when
 * it starts. Shards created later by resharding are always read from their beginning, and a
 * restored job always resumes from its checkpoint. Immutable.
 *
 * <pre>{@code
 * KinesisStartingPosition.trimHorizon();
 * KinesisStartingPosition.atTimestamp(Instant.parse("2026-11-01T00:00:00Z"));
 * }</pre>
 */
public final class KinesisStartingPosition implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Kinesis' names for the three positions. */
  public enum Kind {
    /** Only records that arrive after the job starts. */
    LATEST,
    /** The oldest record still retained. */
    TRIM_HORIZON,
    /** The first record that arrived at or after a point in time. */
    AT_TIMESTAMP
  }

  private static final KinesisStartingPosition LATEST =
      new KinesisStartingPosition(Kind.LATEST, null);
  private static final KinesisStartingPosition TRIM_HORIZON =
      new KinesisStartingPosition(Kind.TRIM_HORIZON, null);

  private final Kind kind;
  private final Instant timestamp;

  private KinesisStartingPosition(Kind kind, Instant timestamp) {
    this.kind = kind;
    this.timestamp = timestamp;
  }

  /**
   * Records that arrive after the job first lists the shards. Implemented as "at the time of that
   * listing" so that a checkpoint taken before the first record still resumes without a gap.
   */
  public static KinesisStartingPosition latest() {
    return LATEST;
  }

  /** The oldest retained record of every shard. */
  public static KinesisStartingPosition trimHorizon() {
    return TRIM_HORIZON;
  }

  /** The first record with an approximate arrival time at or after {@code timestamp}. */
  public static KinesisStartingPosition atTimestamp(Instant timestamp) {
    return new KinesisStartingPosition(
        Kind.AT_TIMESTAMP, Objects.requireNonNull(timestamp, "timestamp"));
  }

  public Kind kind() {
    return kind;
  }

  /** The timestamp of an {@link Kind#AT_TIMESTAMP} position; empty for the other kinds. */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KinesisStartingPosition other
        && kind == other.kind
        && Objects.equals(timestamp, other.timestamp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, timestamp);
  }

  @Override
  public String toString() {
    return timestamp == null ? kind.name() : kind + "(" + timestamp + ")";
  }
}
