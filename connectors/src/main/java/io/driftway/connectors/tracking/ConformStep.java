package io.driftway.connectors.tracking;

import io.driftway.connectors.registry.DecodedAvroRecord;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.conform.Conformed;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.row.Row;

/**
 * Where a tracked record becomes the sink's row: conformed to its table's current schema (the
 * schema tracking just decided), adapted to Flink's row format and handed on with the table's
 * Iceberg schema and partition spec; a record that cannot be conformed goes to the table's
 * quarantine with the reason. The fast paths (JSON, and Avro in the Confluent wire format) hand
 * their already-built rows straight to {@link #write}.
 */
final class ConformStep {

  private final TrackingOutput output;
  private final Decoding decoding;

  ConformStep(TrackingOutput output, Decoding decoding) {
    this.output = output;
    this.decoding = decoding;
  }

  /** Conforms {@code record} to {@code table}'s schema and writes it, or quarantines it. */
  void conform(RawRecord raw, DynamicRecord record, TableState table) {
    Conformed conformed = table.conformer.conform(record, table.schema);
    if (conformed.isQuarantined()) {
      QuarantineReason reason = conformed.quarantine();
      output.quarantine(raw, table.quarantineId, Stages.of(reason), reason.message(), null);
      return;
    }
    write(table, conformed.row(), conformed.rescuedData() != null);
  }

  /**
   * Writes {@code raw} through {@code table}'s fast path when it is a plain JSON record, or a
   * Confluent Avro record, that fits the table's schema as it is; false when it must be read in
   * full.
   */
  boolean writeFast(RawRecord raw, TableState table) {
    Row row = null;
    if (table.fastJson != null) {
      if (raw.value() != null && Decoding.isPlainJson(raw)) {
        row = table.fastJson.read(raw.value());
      }
    } else if (table.fastAvro != null) {
      DecodedAvroRecord decoded = decoding.decodeAvro(raw, table);
      row = decoded == null ? null : table.fastAvro.read(decoded);
    }
    if (row == null) {
      return false;
    }
    write(table, row, false);
    return true;
  }

  /** Writes a row that already has {@code table}'s schema. */
  void write(TableState table, Row row, boolean rescued) {
    output.written(
        new SinkRecord(
            table.id, output.branch(), table.icebergSchema, table.adapter.adapt(row), table.spec),
        table.name,
        rescued);
  }
}
