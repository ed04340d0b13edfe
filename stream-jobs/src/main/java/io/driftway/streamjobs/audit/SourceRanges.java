package io.driftway.streamjobs.audit;

import java.time.Instant;
import java.util.Locale;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * The table where a pipeline records what each checkpoint read: one row per source partition (Kafka
 * topic partition, Kinesis shard, file) and checkpoint, with the first and last position read and
 * the last position before them. Rows reach it through the same Iceberg sink and the same
 * checkpoint as the rows they describe, so they are committed exactly when those rows are.
 *
 * <pre>{@code
 * TableIdentifier ranges = SourceRanges.tableFor("driftway", "orders-stream");
 * // driftway.orders_stream_source_ranges
 * }</pre>
 */
public final class SourceRanges {

  private static final String SUFFIX = "_source_ranges";

  public static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "pipeline", Types.StringType.get()),
          Types.NestedField.required(2, "job_id", Types.StringType.get()),
          Types.NestedField.required(3, "checkpoint_id", Types.LongType.get()),
          Types.NestedField.required(4, "subtask", Types.IntegerType.get()),
          Types.NestedField.required(5, "source", Types.StringType.get()),
          Types.NestedField.required(6, "source_name", Types.StringType.get()),
          Types.NestedField.optional(7, "source_partition", Types.StringType.get()),
          Types.NestedField.optional(8, "after_position", Types.StringType.get()),
          Types.NestedField.required(9, "first_position", Types.StringType.get()),
          Types.NestedField.required(10, "last_position", Types.StringType.get()),
          Types.NestedField.required(11, "records", Types.LongType.get()),
          Types.NestedField.required(12, "recorded_at", Types.TimestampType.withZone()));

  public static final PartitionSpec SPEC = PartitionSpec.unpartitioned();

  private SourceRanges() {}

  /**
   * The ranges table of pipeline {@code pipeline} in {@code database}: the name in lower case,
   * every character other than a letter, digit or {@code _} made {@code _}, then {@code
   * _source_ranges}.
   */
  public static TableIdentifier tableFor(String database, String pipeline) {
    String name = pipeline.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return TableIdentifier.of(database, name + SUFFIX);
  }

  /** Whether {@code table} is a ranges table (its name follows {@link #tableFor}). */
  public static boolean isRangesTable(TableIdentifier table) {
    return table.name().endsWith(SUFFIX) && table.name().length() > SUFFIX.length();
  }

  static RowData row(
      String pipeline, String jobId, long checkpointId, int subtask, CoveredRange range) {
    SourcePartition at = range.partition();
    return GenericRowData.of(
        StringData.fromString(pipeline),
        StringData.fromString(jobId),
        checkpointId,
        subtask,
        StringData.fromString(at.source()),
        StringData.fromString(at.name()),
        at.partition() == null ? null : StringData.fromString(at.partition()),
        range.after() == null ? null : StringData.fromString(range.after()),
        StringData.fromString(range.first()),
        StringData.fromString(range.last()),
        range.records(),
        TimestampData.fromInstant(Instant.now()));
  }

  static CoveredRange fromRecord(Record record) {
    return new CoveredRange(
        new SourcePartition(
            (String) record.getField("source"),
            (String) record.getField("source_name"),
            (String) record.getField("source_partition")),
        (String) record.getField("after_position"),
        (String) record.getField("first_position"),
        (String) record.getField("last_position"),
        (Long) record.getField("records"),
        (String) record.getField("job_id"),
        (Long) record.getField("checkpoint_id"));
  }
}
