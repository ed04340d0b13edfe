package io.driftway.connectors.kinesis.split;

import java.time.Instant;
import java.util.Objects;

/**
 * Where reading a shard starts: its oldest record, the first record at or after a time, or the
 * record right after a given sequence number (the checkpointed case). Immutable.
 *
 * <p>There is deliberately no "latest" here: a split starting at "latest" cannot be checkpointed
 * before its first record without losing what arrives until a restore, so the enumerator turns the
 * user's {@code LATEST} into {@link #atTimestamp} of the moment it first listed the shards.
 *
 * <pre>{@code
 * ShardPosition resume = ShardPosition.afterSequenceNumber(lastEmitted);
 * }</pre>
 */
public final class ShardPosition {

  /** The kinds of position, as Kinesis' {@code ShardIteratorType} names them. */
  public enum Kind {
    TRIM_HORIZON,
    AT_TIMESTAMP,
    AFTER_SEQUENCE_NUMBER
  }

  private static final ShardPosition TRIM_HORIZON =
      new ShardPosition(Kind.TRIM_HORIZON, null, null);

  private final Kind kind;
  private final Instant timestamp;
  private final String sequenceNumber;

  private ShardPosition(Kind kind, Instant timestamp, String sequenceNumber) {
    this.kind = kind;
    this.timestamp = timestamp;
    this.sequenceNumber = sequenceNumber;
  }

  /** The oldest record still retained in the shard. */
  public static ShardPosition trimHorizon() {
    return TRIM_HORIZON;
  }

  /** The first record whose approximate arrival time is at or after {@code timestamp}. */
  public static ShardPosition atTimestamp(Instant timestamp) {
    return new ShardPosition(
        Kind.AT_TIMESTAMP, Objects.requireNonNull(timestamp, "timestamp"), null);
  }

  /** The record right after {@code sequenceNumber}: where a checkpointed split resumes. */
  public static ShardPosition afterSequenceNumber(String sequenceNumber) {
    if (sequenceNumber == null || sequenceNumber.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot resume a shard: empty sequence number: " + sequenceNumber);
    }
    return new ShardPosition(Kind.AFTER_SEQUENCE_NUMBER, null, sequenceNumber);
  }

  public Kind kind() {
    return kind;
  }

  /** The timestamp of an {@link Kind#AT_TIMESTAMP} position. */
  public Instant timestamp() {
    if (kind != Kind.AT_TIMESTAMP) {
      throw new IllegalStateException("Cannot read timestamp: position is " + kind + ": " + this);
    }
    return timestamp;
  }

  /** The sequence number of an {@link Kind#AFTER_SEQUENCE_NUMBER} position. */
  public String sequenceNumber() {
    if (kind != Kind.AFTER_SEQUENCE_NUMBER) {
      throw new IllegalStateException(
          "Cannot read sequence number: position is " + kind + ": " + this);
    }
    return sequenceNumber;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPosition other
        && kind == other.kind
        && Objects.equals(timestamp, other.timestamp)
        && Objects.equals(sequenceNumber, other.sequenceNumber);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, timestamp, sequenceNumber);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case TRIM_HORIZON -> "TRIM_HORIZON";
      case AT_TIMESTAMP -> "AT_TIMESTAMP(" + timestamp + ")";
      case AFTER_SEQUENCE_NUMBER -> "AFTER_SEQUENCE_NUMBER(" + sequenceNumber + ")";
    };
  }
}
