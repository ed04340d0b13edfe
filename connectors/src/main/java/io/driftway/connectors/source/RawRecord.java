package io.driftway.connectors.source;

import io.driftway.schemaevolution.record.SourceCoordinates;
import java.util.Arrays;
import java.util.Objects;

/**
 * One input record as a source delivers it: the bytes, an optional key, where it came from, and its
 * source timestamp. Decoding turns it into a dynamic record or a quarantine row; nothing is dropped
 * on the way.
 *
 * <pre>{@code
 * RawRecord raw = RawRecord.of(bytes, SourceCoordinates.kafka("orders", 0, 42L), timestampMillis);
 * }</pre>
 */
public final class RawRecord {

  private final byte[] value;
  private final byte[] key;
  private final SourceCoordinates coordinates;
  private final long timestampMillis;

  private RawRecord(byte[] value, byte[] key, SourceCoordinates coordinates, long timestampMillis) {
    this.value = value;
    this.key = key;
    this.coordinates = Objects.requireNonNull(coordinates, "coordinates");
    this.timestampMillis = timestampMillis;
  }

  /** A record without a key. The array is not copied: sources hand over fresh arrays. */
  public static RawRecord of(byte[] value, SourceCoordinates coordinates, long timestampMillis) {
    return new RawRecord(value, null, coordinates, timestampMillis);
  }

  /** A record with a key (Kafka record key, Kinesis partition key). */
  public static RawRecord of(
      byte[] value, byte[] key, SourceCoordinates coordinates, long timestampMillis) {
    return new RawRecord(value, key, coordinates, timestampMillis);
  }

  /** The payload; {@code null} for a Kafka tombstone. Callers must not modify it. */
  public byte[] value() {
    return value;
  }

  /** The key, or {@code null}. Callers must not modify it. */
  public byte[] key() {
    return key;
  }

  public SourceCoordinates coordinates() {
    return coordinates;
  }

  /** The source's timestamp: Kafka record time, Kinesis approximate arrival time. */
  public long timestampMillis() {
    return timestampMillis;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawRecord that
        && timestampMillis == that.timestampMillis
        && Arrays.equals(value, that.value)
        && Arrays.equals(key, that.key)
        && coordinates.equals(that.coordinates);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(value), Arrays.hashCode(key), coordinates, timestampMillis);
  }

  @Override
  public String toString() {
    return "RawRecord{"
        + coordinates.describe()
        + ", "
        + (value == null ? 0 : value.length)
        + " bytes}";
  }
}
