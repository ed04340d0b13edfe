package io.driftway.connectors.quarantine;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * The quarantine table: one per target table, named {@code <table>_quarantine} in the same
 * database, partitioned by day. Each row keeps the raw bytes (and a text preview when they are
 * UTF-8), where they came from, the stage that refused them, and why.
 *
 * <pre>{@code
 * RowData row = QuarantineTable.row(raw, Stage.DECODE, e, Instant.now());
 * }</pre>
 */
public final class QuarantineTable {

  /** Suffix of a quarantine table's name: the one rule, used only through the methods below. */
  private static final String SUFFIX = "_quarantine";

  /** Longest text preview kept next to the raw bytes. */
  static final int PREVIEW_CHARS = 4_096;

  public static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "quarantined_at", Types.TimestampType.withZone()),
          Types.NestedField.required(2, "stage", Types.StringType.get()),
          Types.NestedField.required(3, "reason", Types.StringType.get()),
          Types.NestedField.optional(4, "error_class", Types.StringType.get()),
          Types.NestedField.required(5, "source", Types.StringType.get()),
          Types.NestedField.optional(6, "source_name", Types.StringType.get()),
          Types.NestedField.optional(7, "source_partition", Types.StringType.get()),
          Types.NestedField.optional(8, "source_position", Types.StringType.get()),
          Types.NestedField.optional(9, "source_timestamp", Types.TimestampType.withZone()),
          Types.NestedField.optional(10, "raw", Types.BinaryType.get()),
          Types.NestedField.optional(11, "raw_text", Types.StringType.get()));

  public static final PartitionSpec SPEC =
      PartitionSpec.builderFor(SCHEMA).day("quarantined_at").build();

  private QuarantineTable() {}

  /**
   * The name of the quarantine table that belongs to {@code table}: {@code orders} has {@code
   * orders_quarantine}. Every module names quarantine tables through this method (or {@link
   * #idFor}).
   */
  public static String nameFor(String table) {
    return table + SUFFIX;
  }

  /** The quarantine table of {@code table}, in the same database. */
  public static TableIdentifier idFor(TableIdentifier table) {
    return TableIdentifier.of(table.namespace(), nameFor(table.name()));
  }

  /** Whether {@code table} is a quarantine table (its name follows {@link #nameFor}). */
  public static boolean isQuarantine(TableIdentifier table) {
    return table.name().endsWith(SUFFIX) && table.name().length() > SUFFIX.length();
  }

  /**
   * The target table a quarantine table belongs to: {@code db.orders} for {@code
   * db.orders_quarantine}.
   *
   * @throws IllegalArgumentException when {@code quarantine} is not a quarantine table
   */
  public static TableIdentifier targetOf(TableIdentifier quarantine) {
    if (!isQuarantine(quarantine)) {
      throw new IllegalArgumentException(
          "Cannot find target table: not a quarantine table: " + quarantine);
    }
    String name = quarantine.name();
    return TableIdentifier.of(
        quarantine.namespace(), name.substring(0, name.length() - SUFFIX.length()));
  }

  /** A quarantine row for {@code raw}, refused at {@code stage} for {@code reason}. */
  public static RowData row(
      RawRecord raw, Stage stage, String reason, String errorClass, Instant now) {
    SourceCoordinates at = raw.coordinates();
    String name = null;
    String partition = null;
    String position = null;
    if (at instanceof SourceCoordinates.Kafka kafka) {
      name = kafka.topic();
      partition = Integer.toString(kafka.partition());
      position = Long.toString(kafka.offset());
    } else if (at instanceof SourceCoordinates.Kinesis kinesis) {
      name = kinesis.stream();
      partition = kinesis.shardId();
      position = kinesis.sequenceNumber();
    } else if (at instanceof SourceCoordinates.File file) {
      name = file.path();
      position = Long.toString(file.line());
    }
    byte[] bytes = raw.value();
    return GenericRowData.of(
        TimestampData.fromInstant(now),
        StringData.fromString(stage.label()),
        StringData.fromString(reason),
        errorClass == null ? null : StringData.fromString(errorClass),
        StringData.fromString(at.describe()),
        name == null ? null : StringData.fromString(name),
        partition == null ? null : StringData.fromString(partition),
        position == null ? null : StringData.fromString(position),
        raw.timestampMillis() < 0 ? null : TimestampData.fromEpochMillis(raw.timestampMillis()),
        bytes,
        preview(bytes));
  }

  /** The bytes as text when they are valid UTF-8, cut at {@link #PREVIEW_CHARS}; else null. */
  static StringData preview(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return StringData.fromString(
          text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) : text);
    } catch (CharacterCodingException binary) {
      // Not text (Avro, compressed, corrupt): the raw column keeps every byte.
      return null;
    }
  }
}
