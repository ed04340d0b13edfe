package io.driftway.connectors.source;

import io.driftway.schemaevolution.record.SourceCoordinates;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One input record as a source delivers it: the bytes, an optional key, where it came from, and its
 * source timestamp. Decoding turns it into a dynamic record or a quarantine row; nothing is dropped
 * on the way.
 *
 * <p>A record read from a file also carries its {@link Encoding} (files of one backfill may hold
 * different formats) and the Hive-style partition values of its file's path.
 *
 * <pre>{@code
 * RawRecord raw = RawRecord.of(bytes, SourceCoordinates.kafka("orders", 0, 42L), timestampMillis);
 * RawRecord line = RawRecord.ofFile(bytes, Encoding.json(), Map.of("dt", "2026-01-01"),
 *     SourceCoordinates.file("s3://bucket/events/dt=2026-01-01/part-0.json", 7), -1);
 * }</pre>
 */
public final class RawRecord {

  private static final Map<String, String> NO_PARTITIONS = Collections.emptyMap();

  private final byte[] value;
  private final byte[] key;
  private final SourceCoordinates coordinates;
  private final long timestampMillis;
  private final Encoding encoding;

  // A LinkedHashMap (not an unmodifiable wrapper) so that Flink's Kryo fallback can copy the record
  // between chained operators; never handed out unwrapped.
  private final LinkedHashMap<String, String> partitions;

  private RawRecord(
      byte[] value,
      byte[] key,
      SourceCoordinates coordinates,
      long timestampMillis,
      Encoding encoding,
      Map<String, String> partitions) {
    this.value = value;
    this.key = key;
    this.coordinates = Objects.requireNonNull(coordinates, "coordinates");
    this.timestampMillis = timestampMillis;
    this.encoding = encoding;
    this.partitions = partitions == null ? null : new LinkedHashMap<>(partitions);
  }

  private RawRecord(byte[] value, byte[] key, SourceCoordinates coordinates, long timestampMillis) {
    this(value, key, coordinates, timestampMillis, null, null);
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

  /**
   * A record read from a file: its bytes in {@code encoding}, and the partition values of its
   * file's path (in path order; a value may be null for Hive's default partition). The map is
   * copied.
   */
  public static RawRecord ofFile(
      byte[] value,
      Encoding encoding,
      Map<String, String> partitions,
      SourceCoordinates coordinates,
      long timestampMillis) {
    Objects.requireNonNull(encoding, "encoding");
    return new RawRecord(
        value,
        null,
        coordinates,
        timestampMillis,
        encoding,
        partitions.isEmpty() ? null : partitions);
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

  /** How a file record is encoded; {@code null} for stream records (the pipeline's format). */
  public Encoding encoding() {
    return encoding;
  }

  /** The Hive-style partition values of a file record's path, in path order; else empty. */
  public Map<String, String> partitions() {
    return partitions == null ? NO_PARTITIONS : Collections.unmodifiableMap(partitions);
  }

  /** Whether {@link #partitions()} is not empty, without allocating. */
  public boolean hasPartitions() {
    return partitions != null && !partitions.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawRecord that
        && timestampMillis == that.timestampMillis
        && Arrays.equals(value, that.value)
        && Arrays.equals(key, that.key)
        && coordinates.equals(that.coordinates)
        && Objects.equals(encoding, that.encoding)
        && partitions().equals(that.partitions());
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(value),
        Arrays.hashCode(key),
        coordinates,
        timestampMillis,
        encoding,
        partitions());
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
