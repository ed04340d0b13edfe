package io.driftway.connectors.columnar;

import io.driftway.schemaevolution.row.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.Parquet;

/**
 * Iceberg data files of {@link Row}s through the columnar writer: Iceberg's own Parquet data writer
 * (row groups, dictionaries, compression, footer, {@code Metrics}, the {@code DataFile} with its
 * spec and partition) with {@link RowParquetWriter} supplying the values. It plugs into Iceberg's
 * rolling and fanout writers ({@code RollingDataWriter}, {@code FanoutDataWriter}) like any other
 * {@link FileWriterFactory}.
 *
 * <pre>{@code
 * ColumnarFileWriterFactory factory =
 *     ColumnarFileWriterFactory.of(schema, table.properties(), MetricsConfig.forTable(table), table.sortOrder());
 * DataWriter<Row> writer = factory.newDataWriter(file, table.spec(), null);
 * }</pre>
 */
public final class ColumnarFileWriterFactory implements FileWriterFactory<Row> {

  private final Schema schema;
  private final Map<String, String> properties;
  private final MetricsConfig metricsConfig;
  private final SortOrder sortOrder;

  private ColumnarFileWriterFactory(
      Schema schema,
      Map<String, String> properties,
      MetricsConfig metricsConfig,
      SortOrder sortOrder) {
    this.schema = schema;
    this.properties = Map.copyOf(properties);
    this.metricsConfig = metricsConfig;
    this.sortOrder = sortOrder;
  }

  /**
   * A factory for rows of {@code schema}, written with the table's write {@code properties} ({@code
   * write.parquet.*}) and {@code metricsConfig}.
   *
   * @throws IllegalArgumentException when {@code schema} holds a type the columnar path cannot
   *     write ({@link #supports})
   */
  public static ColumnarFileWriterFactory of(
      Schema schema,
      Map<String, String> properties,
      MetricsConfig metricsConfig,
      SortOrder sortOrder) {
    if (!supports(schema)) {
      throw new IllegalArgumentException(
          "Cannot write on the columnar path: the schema holds an unsupported type: " + schema);
    }
    return new ColumnarFileWriterFactory(schema, properties, metricsConfig, sortOrder);
  }

  /** Whether every column of {@code schema} has a type the columnar path writes. */
  public static boolean supports(Schema schema) {
    return RowParquetWriter.supports(schema);
  }

  @Override
  public DataWriter<Row> newDataWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    try {
      return Parquet.writeData(file)
          .schema(schema)
          .createWriterFunc(type -> RowParquetWriter.create(schema, type))
          .setAll(properties)
          .metricsConfig(metricsConfig)
          .withSpec(spec)
          .withPartition(partition)
          .withSortOrder(sortOrder)
          .overwrite()
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot open data file on the columnar path: " + file.encryptingOutputFile().location(),
          e);
    }
  }

  @Override
  public EqualityDeleteWriter<Row> newEqualityDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException(
        "Cannot write equality deletes on the columnar path: it writes appends only");
  }

  @Override
  public PositionDeleteWriter<Row> newPositionDeleteWriter(
      EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
    throw new UnsupportedOperationException(
        "Cannot write position deletes on the columnar path: it writes appends only");
  }
}
