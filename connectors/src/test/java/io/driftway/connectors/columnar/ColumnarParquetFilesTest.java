package io.driftway.connectors.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.iceberg.RowDataAdapter;
import io.driftway.schemaevolution.mapping.IcebergSchemas;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetWriterOverride;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data files written on the columnar path, whose {@code long} and {@code binary} dictionaries are
 * looked up in runs ({@link BatchedDictionaries}) and whose rows are written in batches, column by
 * column ({@code org.apache.iceberg.parquet.BatchingParquetWriter}), against the same rows written
 * by Iceberg's own Flink writer with Parquet's default values writers: enough rows for many runs
 * and batches, several pages and row groups, dictionaries that hold and dictionaries that fall
 * back. Row by row ({@code driftway.parquet.batch-rows} 1) the files are the default writers', page
 * for page; in batches, pages and row groups are cut after a batch, and the rows and metrics are
 * the same.
 */
class ColumnarParquetFilesTest {

  private static final StructType TABLE =
      StructType.of(
          Field.required("id", PrimitiveType.LONG),
          Field.optional("bucket", PrimitiveType.LONG),
          Field.optional("city", PrimitiveType.STRING),
          Field.optional("note", PrimitiveType.STRING),
          Field.optional("score", PrimitiveType.DOUBLE),
          Field.optional(
              "device",
              StructType.of(
                  Field.optional("model", PrimitiveType.STRING),
                  Field.optional("firmware", PrimitiveType.LONG))));

  private static final Schema SCHEMA = IcebergSchemas.create(TABLE).schema();
  private static final RowDataAdapter ADAPTER = RowDataAdapter.forSchema(TABLE);
  private static final String[] CITIES = {"Lyon", "Porto", "Graz", "Turku", "Cork", "Ghent"};
  private static final Map<String, String> SMALL_PAGES_AND_ROW_GROUPS =
      Map.of(
          TableProperties.PARQUET_PAGE_SIZE_BYTES, "4096",
          TableProperties.PARQUET_ROW_GROUP_SIZE_BYTES, "65536",
          TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT, "10");

  @TempDir Path dir;

  @BeforeAll
  static void install() {
    assertThat(ColumnarWritePath.install()).isTrue();
  }

  /**
   * Small pages and row groups, default dictionary size: the unique columns fall back on their
   * first page (as Parquet decides it, after the run is looked up), the others keep their
   * dictionaries, and every page and row group is cut where the default writers cut it.
   */
  @Test
  void filesMatchTheDefaultWritersPageForPage() throws IOException {
    Map<String, String> properties = rowByRow(SMALL_PAGES_AND_ROW_GROUPS);
    List<Row> rows = rows(20_000, 7L);

    DataFile expected = writeRowsPath(dir.resolve("rows.parquet"), rows, properties);
    DataFile actual = writeThroughRegistry(dir.resolve("columnar.parquet"), rows, properties);

    assertSameRowsAndMetrics(actual, expected, rows.size());
    ParquetMetadata want = footer(expected);
    ParquetMetadata got = footer(actual);
    assertThat(want.getBlocks()).hasSizeGreaterThan(3);
    assertThat(chunks(got)).isEqualTo(chunks(want));
    assertThat(encodings(got, "bucket")).contains(Encoding.PLAIN_DICTIONARY);
    assertThat(encodings(got, "device.firmware")).contains(Encoding.PLAIN_DICTIONARY);
    assertThat(encodings(got, "city")).contains(Encoding.PLAIN_DICTIONARY);
    assertThat(encodings(got, "note")).doesNotContain(Encoding.PLAIN_DICTIONARY);
  }

  /**
   * Dictionaries that outgrow a small size limit at every pace, with a size check every ten rows
   * (each one looks the runs up): every column falls back where the default writers fall back, and
   * no dictionary page is built past its limit.
   */
  @Test
  void dictionariesThatOutgrowTheirLimitFallBackWhereTheDefaultWritersDo() throws IOException {
    Map<String, String> properties =
        rowByRow(
            Map.of(
                TableProperties.PARQUET_DICT_SIZE_BYTES, "1024",
                TableProperties.PARQUET_PAGE_SIZE_BYTES, "2048",
                TableProperties.PARQUET_ROW_GROUP_CHECK_MIN_RECORD_COUNT, "10"));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      rows.add(
          GenericRow.of(
              (long) i,
              (long) (i / 3),
              "c-" + (i / 7),
              "note-" + i,
              (double) Math.floorDiv(i, 11) / 8,
              GenericRow.of("model-" + (i / 2), (long) (i / 5))));
    }

    DataFile expected = writeRowsPath(dir.resolve("rows.parquet"), rows, properties);
    DataFile actual = writeThroughRegistry(dir.resolve("columnar.parquet"), rows, properties);

    assertSameRowsAndMetrics(actual, expected, rows.size());
    assertThat(chunks(footer(actual))).isEqualTo(chunks(footer(expected)));
    assertThat(encodings(footer(actual), "city")).contains(Encoding.PLAIN);
  }

  /**
   * Rows that are not views of schema-layer rows go through Iceberg's Flink writer into the same
   * column store, and their values take the same runs.
   */
  @Test
  void rowsThroughIcebergsFlinkWriterTakeTheRunsToo() throws IOException {
    List<Row> rows = rows(3_000, 13L);
    RowType rowType = FlinkSchemaUtil.convert(SCHEMA);
    List<RowData> copies = new ArrayList<>();
    for (Row row : rows) {
      RowData view = ADAPTER.adapt(row);
      org.apache.flink.table.data.GenericRowData copy =
          (org.apache.flink.table.data.GenericRowData) copy(view, rowType);
      copy.setField(3, view.isNullAt(3) ? null : StringData.fromString(view.getString(3) + "!"));
      copies.add(copy);
    }

    DataFile expected = writeRowData(dir.resolve("rows.parquet"), copies, Map.of(), false);
    DataFile actual = writeRowData(dir.resolve("columnar.parquet"), copies, Map.of(), true);

    assertSameRowsAndMetrics(actual, expected, rows.size());
  }

  /**
   * Rows in batches of the default size, the last one short: the rows (in order) and the column
   * metrics of the default writers' file; row groups cut after whole batches; every page's rows
   * within its row group, in order, the last page ending at the group's last row; the dictionaries
   * kept or dropped as row by row.
   */
  @Test
  void batchesHoldTheRowsAndMetricsOfRowByRowFilesInWholePages() throws IOException {
    List<Row> rows = rows(20_037, 11L);

    DataFile expected =
        writeRowsPath(dir.resolve("rows.parquet"), rows, SMALL_PAGES_AND_ROW_GROUPS);
    DataFile actual =
        writeThroughRegistry(dir.resolve("columnar.parquet"), rows, SMALL_PAGES_AND_ROW_GROUPS);

    assertSameRows(actual, expected, rows.size());
    ParquetMetadata got = footer(actual);
    List<BlockMetaData> blocks = got.getBlocks();
    assertThat(blocks).hasSizeGreaterThan(3);
    assertThat(blocks.stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(rows.size());
    for (BlockMetaData block : blocks.subList(0, blocks.size() - 1)) {
      assertThat(block.getRowCount() % ParquetWriterOverride.DEFAULT_BATCH_ROWS).isZero();
    }
    assertPagesCoverTheirRowGroups(actual);
    assertThat(actual.splitOffsets()).hasSize(blocks.size());
    assertThat(encodings(got, "bucket")).contains(Encoding.PLAIN_DICTIONARY);
    assertThat(encodings(got, "device.firmware")).contains(Encoding.PLAIN_DICTIONARY);
    assertThat(encodings(got, "note")).doesNotContain(Encoding.PLAIN_DICTIONARY);
  }

  /**
   * Rows that are not views in the middle of batches: written where they come, between the views
   * before and after them, so the file holds the rows in the order they were written.
   */
  @Test
  void aBatchKeepsTheOrderOfViewsAndOtherRows() throws IOException {
    List<Row> rows = rows(2_000, 17L);
    RowType rowType = FlinkSchemaUtil.convert(SCHEMA);
    List<RowData> mixed = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      RowData view = ADAPTER.adapt(rows.get(i));
      mixed.add(i % 7 == 3 ? copy(view, rowType) : view);
    }

    DataFile expected = writeRowData(dir.resolve("rows.parquet"), mixed, Map.of(), false);
    DataFile actual = writeRowData(dir.resolve("columnar.parquet"), mixed, Map.of(), true);

    assertSameRowsAndMetrics(actual, expected, rows.size());
  }

  /**
   * A reader that hands over one row object again and again, changing its fields in place (as
   * Iceberg's Flink reader does when a maintenance rewrite copies a table's rows): each row is
   * written before the next changes it, so every row reaches the file.
   */
  @Test
  void aRowObjectReusedByItsReaderIsWrittenBeforeItChanges() throws IOException {
    List<Row> rows = rows(1_000, 23L);
    RowType rowType = FlinkSchemaUtil.convert(SCHEMA);
    List<RowData> copies = new ArrayList<>();
    for (Row row : rows) {
      copies.add(copy(ADAPTER.adapt(row), rowType));
    }

    DataFile expected = writeRowData(dir.resolve("rows.parquet"), copies, Map.of(), false);
    org.apache.flink.table.data.GenericRowData reused =
        new org.apache.flink.table.data.GenericRowData(rowType.getFieldCount());
    DataWriter<RowData> writer = dataWriter(dir.resolve("columnar.parquet"), Map.of(), true);
    try (writer) {
      for (RowData copy : copies) {
        for (int i = 0; i < reused.getArity(); i++) {
          reused.setField(i, ((org.apache.flink.table.data.GenericRowData) copy).getField(i));
        }
        writer.write(reused);
      }
    }

    assertSameRowsAndMetrics(writer.toDataFile(), expected, rows.size());
  }

  @Test
  void batchRowsMustBeAWholeNumberOfAtLeastOne() {
    for (String value : List.of("0", "-3", "many")) {
      assertThatThrownBy(
              () ->
                  writeThroughRegistry(
                      dir.resolve("bad.parquet"),
                      rows(10, 1L),
                      Map.of(ParquetWriterOverride.BATCH_ROWS, value)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Cannot write Parquet file: driftway.parquet.batch-rows must be a whole number of"
                  + " rows, at least 1: "
                  + value);
    }
  }

  private static Map<String, String> rowByRow(Map<String, String> properties) {
    Map<String, String> out = new java.util.HashMap<>(properties);
    out.put(ParquetWriterOverride.BATCH_ROWS, "1");
    return out;
  }

  private static RowData copy(RowData view, RowType rowType) {
    org.apache.flink.table.data.GenericRowData copy =
        new org.apache.flink.table.data.GenericRowData(view.getArity());
    for (int i = 0; i < view.getArity(); i++) {
      copy.setField(i, RowData.createFieldGetter(rowType.getTypeAt(i), i).getFieldOrNull(view));
    }
    return copy;
  }

  /**
   * Per row group and column, from the file's offset index: pages start at the group's first row,
   * in increasing row order, and the last ends at the group's last row.
   */
  private static void assertPagesCoverTheirRowGroups(DataFile file) throws IOException {
    try (ParquetFileReader reader = open(file)) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          OffsetIndex pages = reader.readOffsetIndex(chunk);
          String where =
              chunk.getPath().toDotString() + " in row group at " + block.getStartingPos();
          assertThat(pages.getFirstRowIndex(0)).as(where).isZero();
          for (int i = 1; i < pages.getPageCount(); i++) {
            assertThat(pages.getFirstRowIndex(i))
                .as(where)
                .isGreaterThan(pages.getFirstRowIndex(i - 1));
          }
          assertThat(pages.getLastRowIndex(pages.getPageCount() - 1, block.getRowCount()))
              .as(where)
              .isEqualTo(block.getRowCount() - 1);
          assertThat(pages.getFirstRowIndex(pages.getPageCount() - 1))
              .as(where)
              .isLessThan(block.getRowCount());
        }
      }
    }
  }

  private static void assertSameRowsAndMetrics(DataFile actual, DataFile expected, int count)
      throws IOException {
    assertSameRows(actual, expected, count);
    assertThat(actual.splitOffsets()).isEqualTo(expected.splitOffsets());
  }

  /** The same rows in the same order, and the same record count and column metrics. */
  private static void assertSameRows(DataFile actual, DataFile expected, int count)
      throws IOException {
    List<Record> want = read(expected);
    assertThat(want).hasSize(count);
    assertThat(read(actual)).isEqualTo(want);
    assertThat(actual.recordCount()).isEqualTo(expected.recordCount());
    assertThat(actual.valueCounts()).isEqualTo(expected.valueCounts());
    assertThat(actual.nullValueCounts()).isEqualTo(expected.nullValueCounts());
    assertThat(actual.lowerBounds()).isEqualTo(expected.lowerBounds());
    assertThat(actual.upperBounds()).isEqualTo(expected.upperBounds());
  }

  /** Per row group and column: path, rows, values, encodings, compressed size. */
  private static List<String> chunks(ParquetMetadata footer) {
    List<String> out = new ArrayList<>();
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        out.add(
            chunk.getPath().toDotString()
                + " rows="
                + block.getRowCount()
                + " values="
                + chunk.getValueCount()
                + " encodings="
                + chunk.getEncodings()
                + " size="
                + chunk.getTotalSize());
      }
    }
    return out;
  }

  private static List<Encoding> encodings(ParquetMetadata footer, String column) {
    return footer.getBlocks().stream()
        .flatMap(block -> block.getColumns().stream())
        .filter(chunk -> chunk.getPath().toDotString().equals(column))
        .flatMap(chunk -> chunk.getEncodings().stream())
        .distinct()
        .collect(Collectors.toList());
  }

  private static ParquetMetadata footer(DataFile file) throws IOException {
    try (ParquetFileReader reader = open(file)) {
      return reader.getFooter();
    }
  }

  private static ParquetFileReader open(DataFile file) throws IOException {
    return ParquetFileReader.open(
        HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(file.location()), new Configuration()));
  }

  /**
   * Rows of the table: a unique id and note, a bucket of 50 values, a city of 6, a score, and a
   * device of 40 models and 12 firmware versions; one value in 20 is null.
   */
  private static List<Row> rows(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(
          GenericRow.of(
              (long) i,
              nullOr(random, (long) random.nextInt(50)),
              nullOr(random, CITIES[random.nextInt(CITIES.length)]),
              nullOr(random, "note-" + i + "-" + random.nextInt(1_000_000)),
              nullOr(random, random.nextInt(1_000) / 8.0),
              nullOr(
                  random,
                  GenericRow.of(
                      nullOr(random, "model-" + random.nextInt(40)),
                      nullOr(random, 100L + random.nextInt(12))))));
    }
    return rows;
  }

  private static Object nullOr(SplittableRandom random, Object value) {
    return random.nextInt(20) == 0 ? null : value;
  }

  /** Through Iceberg's format registry, as the dynamic sink's writers get theirs. */
  private static DataFile writeThroughRegistry(
      Path file, List<Row> rows, Map<String, String> properties) throws IOException {
    return writeRowData(file, views(rows), properties, true);
  }

  private static List<RowData> views(List<Row> rows) {
    List<RowData> views = new ArrayList<>();
    for (Row row : rows) {
      views.add(ADAPTER.adapt(row));
    }
    return views;
  }

  private static DataFile writeRowData(
      Path file, List<RowData> rows, Map<String, String> properties, boolean registry)
      throws IOException {
    DataWriter<RowData> writer = dataWriter(file, properties, registry);
    try (writer) {
      rows.forEach(writer::write);
    }
    return writer.toDataFile();
  }

  /**
   * A data file writer through Iceberg's format registry (the columnar path), or Iceberg's own
   * Flink writer with Parquet's default values writers.
   */
  private static DataWriter<RowData> dataWriter(
      Path file, Map<String, String> properties, boolean registry) throws IOException {
    RowType rowType = FlinkSchemaUtil.convert(SCHEMA);
    return registry
        ? FormatModelRegistry.<RowData, RowType>dataWriteBuilder(
                FileFormat.PARQUET,
                RowData.class,
                EncryptedFiles.plainAsEncryptedOutput(
                    org.apache.iceberg.Files.localOutput(file.toFile())))
            .schema(SCHEMA)
            .engineSchema(rowType)
            .setAll(properties)
            .metricsConfig(MetricsConfig.getDefault())
            .spec(PartitionSpec.unpartitioned())
            .overwrite()
            .build()
        : Parquet.writeData(org.apache.iceberg.Files.localOutput(file.toFile()))
            .schema(SCHEMA)
            .setAll(properties)
            .createWriterFunc(type -> FlinkParquetWriters.buildWriter(rowType, type))
            .metricsConfig(MetricsConfig.getDefault())
            .withSpec(PartitionSpec.unpartitioned())
            .overwrite()
            .build();
  }

  /** Iceberg's own Flink writer, Parquet's default values writers: the dynamic sink's rows path. */
  private static DataFile writeRowsPath(Path file, List<Row> rows, Map<String, String> properties)
      throws IOException {
    return writeRowData(file, views(rows), properties, false);
  }

  private static List<Record> read(DataFile file) throws IOException {
    return ColumnarWritePathTest.read(file, SCHEMA);
  }
}
