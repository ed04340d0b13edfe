package io.driftway.connectors.tracking;

import org.apache.flink.table.data.RowData;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.sink.dynamic.DynamicRecord;

/**
 * A row for Iceberg's dynamic sink: the target table, branch, schema and partition spec travel with
 * each row. A subclass only to keep its name apart from the schema layer's {@code DynamicRecord} in
 * this package.
 */
public final class SinkRecord extends DynamicRecord {

  SinkRecord(TableIdentifier table, String branch, Schema schema, RowData row, PartitionSpec spec) {
    super(table, branch, schema, row, spec);
  }

  /**
   * A row for {@code table} that did not come through tracking, such as a job's own bookkeeping
   * rows written through the same sink (the audit's source ranges).
   */
  public static SinkRecord of(
      TableIdentifier table, String branch, Schema schema, RowData row, PartitionSpec spec) {
    return new SinkRecord(table, branch, schema, row, spec);
  }
}
