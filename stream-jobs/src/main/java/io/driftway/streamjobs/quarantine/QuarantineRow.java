package io.driftway.streamjobs.quarantine;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One row of a quarantine table, read back, with two stable ids computed from what the row holds
 * (never from the file it sits in, which compaction rewrites):
 *
 * <ul>
 *   <li>{@link #id()}: this row (when and why it was quarantined, where from, its bytes);
 *   <li>{@link #recordId()}: the input record (where from, its bytes), shared by the rows a record
 *       gets when a replay quarantines it again.
 * </ul>
 *
 * <pre>{@code
 * RawRecord raw = row.toRawRecord(); // the bytes and coordinates as the source handed them over
 * }</pre>
 */
public final class QuarantineRow {

  private final Instant quarantinedAt;
  private final String stage;
  private final String reason;
  private final String errorClass;
  private final String source;
  private final String sourceName;
  private final String sourcePartition;
  private final String sourcePosition;
  private final Instant sourceTimestamp;
  private final byte[] raw;
  private final String id;
  private final String recordId;

  QuarantineRow(
      Instant quarantinedAt,
      String stage,
      String reason,
      String errorClass,
      String source,
      String sourceName,
      String sourcePartition,
      String sourcePosition,
      Instant sourceTimestamp,
      byte[] raw) {
    this.quarantinedAt = Objects.requireNonNull(quarantinedAt, "quarantinedAt");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.reason = Objects.requireNonNull(reason, "reason");
    this.errorClass = errorClass;
    this.source = Objects.requireNonNull(source, "source");
    this.sourceName = sourceName;
    this.sourcePartition = sourcePartition;
    this.sourcePosition = sourcePosition;
    this.sourceTimestamp = sourceTimestamp;
    this.raw = raw;
    long micros = quarantinedAt.getEpochSecond() * 1_000_000L + quarantinedAt.getNano() / 1_000;
    this.recordId = digest(source, null, null, raw);
    this.id = digest(source, Long.toString(micros) + "|" + stage, reason, raw);
  }

  /** This row's id: 16 hex digits. */
  public String id() {
    return id;
  }

  /** The input record's id: 16 hex digits, the same for every row of the same record. */
  public String recordId() {
    return recordId;
  }

  public Instant quarantinedAt() {
    return quarantinedAt;
  }

  /** {@code decode}, {@code route}, {@code track}, {@code conform} or {@code held}. */
  public String stage() {
    return stage;
  }

  public String reason() {
    return reason;
  }

  /** The exception class behind the reason, or null. */
  public String errorClass() {
    return errorClass;
  }

  /** Where the record came from, e.g. {@code kafka:orders/0@41}. */
  public String source() {
    return source;
  }

  /** The source's timestamp of the record, or null. */
  public Instant sourceTimestamp() {
    return sourceTimestamp;
  }

  /** The raw bytes (a copy), or null for a record without a value. */
  public byte[] raw() {
    return raw == null ? null : raw.clone();
  }

  /** The number of raw bytes. */
  public int rawLength() {
    return raw == null ? 0 : raw.length;
  }

  /** The record as its source handed it over: bytes, coordinates and timestamp. */
  public RawRecord toRawRecord() {
    return RawRecord.of(
        raw == null ? null : raw.clone(),
        coordinates(),
        sourceTimestamp == null ? -1 : sourceTimestamp.toEpochMilli());
  }

  /** Where the record came from, rebuilt from the row's source columns. */
  SourceCoordinates coordinates() {
    try {
      if (source.startsWith("kafka:") && sourceName != null && sourcePartition != null) {
        return SourceCoordinates.kafka(
            sourceName, Integer.parseInt(sourcePartition), Long.parseLong(sourcePosition));
      }
      if (source.startsWith("kinesis:") && sourceName != null && sourcePartition != null) {
        return SourceCoordinates.kinesis(sourceName, sourcePartition, sourcePosition);
      }
      if (sourceName != null && sourcePosition != null && sourcePartition == null) {
        return SourceCoordinates.file(sourceName, Long.parseLong(sourcePosition));
      }
    } catch (NumberFormatException e) {
      // Written by hand or by another tool: the origin is kept in the source column only.
    }
    return SourceCoordinates.unknown();
  }

  /** The source columns, for a replay item that travels into the job. */
  String sourceName() {
    return sourceName;
  }

  String sourcePartition() {
    return sourcePartition;
  }

  String sourcePosition() {
    return sourcePosition;
  }

  private static String digest(String source, String when, String reason, byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(source.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (when != null) {
        sha.update(when.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(reason.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      if (raw != null) {
        sha.update(raw);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
