package io.driftway.connectors.columnar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.FileContent;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.encryption.NativeEncryptionOutputFile;
import org.apache.iceberg.flink.data.FlinkParquetReaders;
import org.apache.iceberg.formats.FormatModel;
import org.apache.iceberg.formats.ModelWriteBuilder;
import org.apache.iceberg.formats.ReadBuilder;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.parquet.ParquetFormatModel;
import org.apache.iceberg.parquet.ParquetWriterOverride;

/**
 * The Parquet format model for Flink {@link RowData} on the columnar path: Iceberg's own model with
 * {@link MixedRowDataWriter} as the value writer, and for a data file whose settings {@link
 * ParquetWriterOverride} covers, Parquet's values writers with {@link BatchedDictionaries}. Every
 * other file (encrypted, delete files, per-column bloom filters or statistics settings, variant
 * shredding) is built by Iceberg's model as it is; reading is Iceberg's Flink reader.
 */
final class ColumnarParquetModel implements FormatModel<RowData, RowType> {

  private final FormatModel<RowData, RowType> iceberg =
      ParquetFormatModel.create(
          RowData.class,
          RowType.class,
          MixedRowDataWriter::create,
          (schema, fileSchema, rowType, constants) ->
              FlinkParquetReaders.buildReader(schema, fileSchema, constants));

  @Override
  public FileFormat format() {
    return iceberg.format();
  }

  @Override
  public Class<? extends RowData> type() {
    return iceberg.type();
  }

  @Override
  public Class<RowType> schemaType() {
    return iceberg.schemaType();
  }

  @Override
  public ModelWriteBuilder<RowData, RowType> writeBuilder(EncryptedOutputFile file) {
    return new WriteBuilder(file, iceberg.writeBuilder(file));
  }

  @Override
  public ReadBuilder<RowData, RowType> readBuilder(org.apache.iceberg.io.InputFile file) {
    return iceberg.readBuilder(file);
  }

  /**
   * Hands every setting to Iceberg's builder and keeps what {@link ParquetWriterOverride} needs, to
   * build the file itself when it can.
   */
  private static final class WriteBuilder implements ModelWriteBuilder<RowData, RowType> {
    private final EncryptedOutputFile file;
    private final ModelWriteBuilder<RowData, RowType> iceberg;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Schema schema;
    private RowType rowType;
    private FileContent content;
    private MetricsConfig metricsConfig = MetricsConfig.getDefault();
    private boolean overwrite;
    private boolean encrypted;

    WriteBuilder(EncryptedOutputFile file, ModelWriteBuilder<RowData, RowType> iceberg) {
      this.file = file;
      this.iceberg = iceberg;
      this.encrypted = file instanceof NativeEncryptionOutputFile;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> schema(Schema newSchema) {
      this.schema = newSchema;
      iceberg.schema(newSchema);
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> engineSchema(RowType newRowType) {
      this.rowType = newRowType;
      iceberg.engineSchema(newRowType);
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> set(String property, String value) {
      properties.put(property, value);
      iceberg.set(property, value);
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> meta(String property, String value) {
      metadata.put(property, value);
      iceberg.meta(property, value);
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> content(FileContent newContent) {
      this.content = newContent;
      iceberg.content(newContent);
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> metricsConfig(MetricsConfig newMetricsConfig) {
      this.metricsConfig = newMetricsConfig;
      iceberg.metricsConfig(newMetricsConfig);
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> overwrite() {
      this.overwrite = true;
      iceberg.overwrite();
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> withFileEncryptionKey(ByteBuffer key) {
      this.encrypted = true;
      iceberg.withFileEncryptionKey(key);
      return this;
    }

    @Override
    public ModelWriteBuilder<RowData, RowType> withAADPrefix(ByteBuffer aadPrefix) {
      this.encrypted = true;
      iceberg.withAADPrefix(aadPrefix);
      return this;
    }

    @Override
    public FileAppender<RowData> build() throws IOException {
      if (content != FileContent.DATA
          || encrypted
          || schema == null
          || !ParquetWriterOverride.supports(properties)) {
        return iceberg.build();
      }
      return ParquetWriterOverride.dataWriter(
          file.encryptingOutputFile(),
          schema,
          properties,
          metadata,
          metricsConfig,
          overwrite,
          (icebergSchema, fileSchema) ->
              MixedRowDataWriter.create(icebergSchema, fileSchema, rowType),
          new BatchedDictionaries());
    }
  }
}
