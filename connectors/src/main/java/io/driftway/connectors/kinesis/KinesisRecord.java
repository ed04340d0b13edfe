package io.driftway.connectors.kinesis;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * One Kinesis record as read: its raw bytes and its coordinates (stream, shard, sequence number),
 * partition key and approximate arrival time. Immutable: {@link #data()} hands out a copy, {@link
 * #dataView()} a read-only view without copying.
 *
 * <p>This is what a {@link KinesisRecordDeserializer} receives, and what {@link
 * KinesisRecordDeserializer#raw()} emits unchanged, so a later decode step can quarantine
 * undecodable bytes with exact coordinates. It has its own Flink serializer ({@link #TYPE_INFO}),
 * so it never falls back to Kryo.
 *
 * <pre>{@code
 * KinesisRecord record = KinesisRecord.of("orders", "shardId-000000000000",
 *     "49590338271490256608559692538361571095921575989136588898", "user-7",
 *     Instant.now(), "{\"id\":7}".getBytes(StandardCharsets.UTF_8));
 * String where = record.stream() + "/" + record.shardId() + "/" + record.sequenceNumber();
 * }</pre>
 */
public final class KinesisRecord implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Flink type information for streams of raw records. */
  public static final TypeInformation<KinesisRecord> TYPE_INFO = new KinesisRecordTypeInfo();

  private final String stream;
  private final String shardId;
  private final String sequenceNumber;
  private final String partitionKey;
  private final Instant approximateArrivalTimestamp;
  private final byte[] data;

  private KinesisRecord(
      String stream,
      String shardId,
      String sequenceNumber,
      String partitionKey,
      Instant approximateArrivalTimestamp,
      byte[] data) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.shardId = Objects.requireNonNull(shardId, "shardId");
    this.sequenceNumber = Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey");
    this.approximateArrivalTimestamp =
        Objects.requireNonNull(approximateArrivalTimestamp, "approximateArrivalTimestamp");
    this.data = Objects.requireNonNull(data, "data");
  }

  /** A record holding a copy of {@code data}. */
  public static KinesisRecord of(
      String stream,
      String shardId,
      String sequenceNumber,
      String partitionKey,
      Instant approximateArrivalTimestamp,
      byte[] data) {
    return new KinesisRecord(
        stream, shardId, sequenceNumber, partitionKey, approximateArrivalTimestamp, data.clone());
  }

  /**
   * A record that takes {@code data} over without copying. For callers that own a fresh array (the
   * source reader, a serializer) and never touch it again; anyone else uses {@link #of}.
   */
  public static KinesisRecord wrap(
      String stream,
      String shardId,
      String sequenceNumber,
      String partitionKey,
      Instant approximateArrivalTimestamp,
      byte[] data) {
    return new KinesisRecord(
        stream, shardId, sequenceNumber, partitionKey, approximateArrivalTimestamp, data);
  }

  /** The stream name. */
  public String stream() {
    return stream;
  }

  public String shardId() {
    return shardId;
  }

  /** The sequence number, unique within the shard and increasing in read order. */
  public String sequenceNumber() {
    return sequenceNumber;
  }

  public String partitionKey() {
    return partitionKey;
  }

  /** When Kinesis accepted the record; also the record's Flink event timestamp. */
  public Instant approximateArrivalTimestamp() {
    return approximateArrivalTimestamp;
  }

  /** A copy of the record's bytes. */
  public byte[] data() {
    return data.clone();
  }

  /** The record's bytes as a read-only view, without copying. */
  public ByteBuffer dataView() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** The bytes themselves, for this package's serializer, which only reads them. */
  byte[] dataArray() {
    return data;
  }

  /** The number of bytes in the record. */
  public int dataLength() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KinesisRecord other
        && stream.equals(other.stream)
        && shardId.equals(other.shardId)
        && sequenceNumber.equals(other.sequenceNumber)
        && partitionKey.equals(other.partitionKey)
        && approximateArrivalTimestamp.equals(other.approximateArrivalTimestamp)
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stream, shardId, sequenceNumber) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "KinesisRecord{"
        + stream
        + '/'
        + shardId
        + '/'
        + sequenceNumber
        + ", key="
        + partitionKey
        + ", arrived="
        + approximateArrivalTimestamp
        + ", bytes="
        + data.length
        + '}';
  }
}
