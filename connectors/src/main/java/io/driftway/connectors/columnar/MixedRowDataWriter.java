package io.driftway.connectors.columnar;

import io.driftway.connectors.iceberg.RowDataAdapter;
import io.driftway.schemaevolution.row.Row;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.parquet.BatchingValueWriter;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.schema.MessageType;

/**
 * The value writer of a Flink data file on the columnar path: a row that is a view of the schema
 * layer's {@link Row} goes through {@link RowParquetWriter}, any other {@link RowData} (one the
 * sink converted to the table's schema, a row built by hand) through Iceberg's Flink Parquet
 * writer. Both write into the file's one column store, so one file takes both kinds in any order;
 * the NaN counts and bounds both report for a {@code float} or {@code double} column are added up.
 */
final class MixedRowDataWriter implements BatchingValueWriter<RowData> {

  private final ParquetValueWriter<RowData> rows;
  private final RowParquetWriter columnar;
  private Row[] views = new Row[0];

  private MixedRowDataWriter(ParquetValueWriter<RowData> rows, RowParquetWriter columnar) {
    this.rows = rows;
    this.columnar = columnar;
  }

  /**
   * The writer of a file of {@code fileSchema} holding rows of the table schema {@code schema}
   * ({@code rowType} in Flink's terms); with Iceberg's Flink writer alone when {@code schema} holds
   * a type the columnar path does not write.
   */
  static ParquetValueWriter<?> create(Schema schema, MessageType fileSchema, RowType rowType) {
    ParquetValueWriter<RowData> rows = FlinkParquetWriters.buildWriter(schema, fileSchema, rowType);
    if (!RowParquetWriter.supports(schema)) {
      return rows;
    }
    return new MixedRowDataWriter(rows, RowParquetWriter.create(schema, fileSchema));
  }

  @Override
  public void write(int repetitionLevel, RowData value) {
    Row row = RowDataAdapter.rowOf(value);
    if (row != null) {
      columnar.write(repetitionLevel, row);
    } else {
      rows.write(repetitionLevel, value);
    }
  }

  /**
   * Keeps only views: a view and the schema layer's row under it are made per record and never
   * changed, where another {@link RowData} may be a reader's reused row.
   */
  @Override
  public boolean keeps(RowData value) {
    return RowDataAdapter.rowOf(value) != null;
  }

  /** Writes a batch of views column by column through {@link RowParquetWriter}. */
  @Override
  public void writeRows(List<RowData> batch) {
    int count = batch.size();
    if (views.length < count) {
      views = new Row[count];
    }
    for (int i = 0; i < count; i++) {
      Row row = RowDataAdapter.rowOf(batch.get(i));
      if (row == null) {
        throw new IllegalArgumentException(
            "Cannot write rows in a batch: not a view of a schema-layer row: " + batch.get(i));
      }
      views[i] = row;
    }
    columnar.writeRows(views, count);
    Arrays.fill(views, 0, count, null);
  }

  @Override
  public List<TripleWriter<?>> columns() {
    return rows.columns();
  }

  @Override
  public void setColumnStore(ColumnWriteStore store) {
    rows.setColumnStore(store);
    columnar.setColumnStore(store);
  }

  @Override
  public Stream<FieldMetrics<?>> metrics() {
    Map<Integer, FieldMetrics<?>> byId = new LinkedHashMap<>();
    Stream.concat(rows.metrics(), columnar.metrics())
        .forEach(m -> byId.merge(m.id(), m, MixedRowDataWriter::sum));
    return byId.values().stream();
  }

  /** One column's metrics from both writers: counts added, the wider bounds kept. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static FieldMetrics<?> sum(FieldMetrics<?> a, FieldMetrics<?> b) {
    FieldMetrics x = a;
    FieldMetrics y = b;
    return new FieldMetrics(
        x.id(),
        x.valueCount() + y.valueCount(),
        x.nullValueCount() + y.nullValueCount(),
        x.nanValueCount() + y.nanValueCount(),
        bound((Comparable) x.lowerBound(), (Comparable) y.lowerBound(), -1),
        bound((Comparable) x.upperBound(), (Comparable) y.upperBound(), 1),
        x.originalType());
  }

  /** The lower ({@code sign} -1) or upper ({@code sign} 1) of two bounds, either possibly null. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparable bound(Comparable a, Comparable b, int sign) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Integer.signum(a.compareTo(b)) == sign ? a : b;
  }
}
