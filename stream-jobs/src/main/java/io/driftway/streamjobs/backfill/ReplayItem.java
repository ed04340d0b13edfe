package io.driftway.streamjobs.backfill;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.streamjobs.quarantine.QuarantineRow;
import java.io.Serializable;

/**
 * One quarantined record on its way through a replay: its record id (for the bookmark) and what
 * rebuilds the raw record (plain serializable parts: the job graph carries them).
 */
final class ReplayItem implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String recordId;
  private final byte[] value;
  private final String kind;
  private final String name;
  private final String partition;
  private final String position;
  private final long timestampMillis;

  private ReplayItem(
      String recordId,
      byte[] value,
      String kind,
      String name,
      String partition,
      String position,
      long timestampMillis) {
    this.recordId = recordId;
    this.value = value;
    this.kind = kind;
    this.name = name;
    this.partition = partition;
    this.position = position;
    this.timestampMillis = timestampMillis;
  }

  static ReplayItem of(QuarantineRow row) {
    RawRecord raw = row.toRawRecord();
    SourceCoordinates at = raw.coordinates();
    if (at instanceof SourceCoordinates.Kafka k) {
      return new ReplayItem(
          row.recordId(),
          raw.value(),
          "kafka",
          k.topic(),
          Integer.toString(k.partition()),
          Long.toString(k.offset()),
          raw.timestampMillis());
    }
    if (at instanceof SourceCoordinates.Kinesis k) {
      return new ReplayItem(
          row.recordId(),
          raw.value(),
          "kinesis",
          k.stream(),
          k.shardId(),
          k.sequenceNumber(),
          raw.timestampMillis());
    }
    if (at instanceof SourceCoordinates.File f) {
      return new ReplayItem(
          row.recordId(),
          raw.value(),
          "file",
          f.path(),
          null,
          Long.toString(f.line()),
          raw.timestampMillis());
    }
    return new ReplayItem(
        row.recordId(), raw.value(), "unknown", null, null, null, raw.timestampMillis());
  }

  String recordId() {
    return recordId;
  }

  RawRecord toRawRecord() {
    SourceCoordinates at =
        switch (kind) {
          case "kafka" ->
              SourceCoordinates.kafka(name, Integer.parseInt(partition), Long.parseLong(position));
          case "kinesis" -> SourceCoordinates.kinesis(name, partition, position);
          case "file" -> SourceCoordinates.file(name, Long.parseLong(position));
          default -> SourceCoordinates.unknown();
        };
    return RawRecord.of(value, at, timestampMillis);
  }
}
