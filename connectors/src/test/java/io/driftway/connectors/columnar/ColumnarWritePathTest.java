package io.driftway.connectors.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.iceberg.RowDataAdapter;
import io.driftway.schemaevolution.mapping.IcebergSchemas;
import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericMap;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.data.FlinkParquetWriters;
import org.apache.iceberg.formats.FormatModelRegistry;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * The columnar path against today's rows path: the same rows written by both (the rows path as the
 * dynamic sink writes them: {@link RowDataAdapter} views through Iceberg's Flink Parquet writers)
 * read back equal through Iceberg's generic reader, and the two data files carry the same metrics.
 */
class ColumnarWritePathTest {

  private static final StructType TABLE =
      StructType.of(
          Field.required("id", PrimitiveType.LONG),
          Field.optional("flag", PrimitiveType.BOOLEAN),
          Field.optional("count", PrimitiveType.INT),
          Field.optional("ratio", PrimitiveType.FLOAT),
          Field.optional("score", PrimitiveType.DOUBLE),
          Field.optional("small", DecimalType.of(9, 2)),
          Field.optional("medium", DecimalType.of(18, 4)),
          Field.optional("large", DecimalType.of(30, 5)),
          Field.optional("name", PrimitiveType.STRING),
          Field.optional("raw", PrimitiveType.BINARY),
          Field.optional("day", PrimitiveType.DATE),
          Field.optional("opens", PrimitiveType.TIME),
          Field.optional("at", PrimitiveType.TIMESTAMP),
          Field.optional("at_tz", PrimitiveType.TIMESTAMPTZ),
          Field.optional("ref", PrimitiveType.UUID),
          Field.optional(
              "address",
              StructType.of(
                  Field.optional("city", PrimitiveType.STRING),
                  Field.optional("zip", PrimitiveType.LONG))),
          Field.optional("tags", ListType.of(PrimitiveType.STRING)),
          Field.optional("scores", MapType.ofStringKeys(PrimitiveType.DOUBLE)),
          Field.optional(
              "items",
              ListType.of(
                  StructType.of(
                      Field.optional("sku", PrimitiveType.STRING),
                      Field.optional("qty", PrimitiveType.INT)))));

  private static final Schema SCHEMA = IcebergSchemas.create(TABLE).schema();
  private static final RowDataAdapter ADAPTER = RowDataAdapter.forSchema(TABLE);

  private static Path dir;

  @BeforeContainer
  static void createDir() throws IOException {
    dir = Files.createTempDirectory("columnar-write-path");
  }

  @AfterContainer
  static void deleteDir() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(ColumnarWritePathTest::delete);
    }
  }

  @Property(tries = 60, seed = "20261206")
  void bothPathsWriteFilesThatReadBackAsTheSameRowsWithTheSameMetrics(
      @ForAll("rows") List<Row> rows) throws IOException {
    String name = UUID.randomUUID().toString();
    DataFile viaRows = writeRowsPath(dir.resolve(name + "-rows.parquet"), rows);
    DataFile viaColumns = writeColumnarPath(dir.resolve(name + "-columnar.parquet"), rows);

    List<Record> expected = read(viaRows);
    assertThat(expected).hasSize(rows.size());
    assertThat(read(viaColumns)).isEqualTo(expected);
    assertThat(viaColumns.recordCount()).isEqualTo(viaRows.recordCount());
    assertThat(viaColumns.valueCounts()).isEqualTo(viaRows.valueCounts());
    assertThat(viaColumns.nullValueCounts()).isEqualTo(viaRows.nullValueCounts());
    assertThat(viaColumns.nanValueCounts()).isEqualTo(viaRows.nanValueCounts());
    assertThat(viaColumns.lowerBounds()).isEqualTo(viaRows.lowerBounds());
    assertThat(viaColumns.upperBounds()).isEqualTo(viaRows.upperBounds());
  }

  /**
   * The path the sink takes once the columnar path is installed: Iceberg's writer for Flink rows,
   * looked up in its format registry as {@code FlinkFileWriterFactory} does, takes rows that are
   * views of schema-layer rows (columnar) and other rows (Flink's writer) into one file.
   */
  @Property(tries = 60, seed = "20261207")
  void aFileMixingViewsAndOtherRowsReadsBackAsTheRowsPathWroteIt(
      @ForAll("rows") List<Row> rows, @ForAll("masks") List<Boolean> asView) throws IOException {
    assertThat(ColumnarWritePath.install()).isTrue();
    String name = UUID.randomUUID().toString();
    DataFile viaRows = writeRowsPath(dir.resolve(name + "-rows.parquet"), rows);
    DataFile mixed = writeThroughRegistry(dir.resolve(name + "-mixed.parquet"), rows, asView);

    List<Record> expected = read(viaRows);
    assertThat(read(mixed)).isEqualTo(expected);
    assertThat(mixed.recordCount()).isEqualTo(viaRows.recordCount());
    assertThat(mixed.valueCounts()).isEqualTo(viaRows.valueCounts());
    assertThat(mixed.nullValueCounts()).isEqualTo(viaRows.nullValueCounts());
    assertThat(mixed.nanValueCounts()).isEqualTo(viaRows.nanValueCounts());
    assertThat(mixed.lowerBounds()).isEqualTo(viaRows.lowerBounds());
    assertThat(mixed.upperBounds()).isEqualTo(viaRows.upperBounds());
  }

  @Provide
  Arbitrary<List<Boolean>> masks() {
    return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(8);
  }

  private static DataFile writeThroughRegistry(Path file, List<Row> rows, List<Boolean> asView)
      throws IOException {
    RowType rowType = FlinkSchemaUtil.convert(SCHEMA);
    RowDataSerializer copier = new RowDataSerializer(rowType);
    DataWriter<RowData> writer =
        FormatModelRegistry.<RowData, RowType>dataWriteBuilder(
                FileFormat.PARQUET,
                RowData.class,
                EncryptedFiles.plainAsEncryptedOutput(
                    org.apache.iceberg.Files.localOutput(file.toFile())))
            .schema(SCHEMA)
            .engineSchema(rowType)
            .metricsConfig(MetricsConfig.getDefault())
            .spec(PartitionSpec.unpartitioned())
            .overwrite()
            .build();
    try (writer) {
      for (int i = 0; i < rows.size(); i++) {
        RowData view = ADAPTER.adapt(rows.get(i));
        // A copy is a GenericRowData, as the sink's conversion to the table's schema makes.
        writer.write(asView.get(i % asView.size()) ? view : copier.copy(view));
      }
    }
    return writer.toDataFile();
  }

  private static DataFile writeRowsPath(Path file, List<Row> rows) throws IOException {
    DataWriter<RowData> writer =
        Parquet.writeData(org.apache.iceberg.Files.localOutput(file.toFile()))
            .schema(SCHEMA)
            .createWriterFunc(
                type -> FlinkParquetWriters.buildWriter(FlinkSchemaUtil.convert(SCHEMA), type))
            .metricsConfig(MetricsConfig.getDefault())
            .withSpec(PartitionSpec.unpartitioned())
            .overwrite()
            .build();
    try (writer) {
      for (Row row : rows) {
        writer.write(ADAPTER.adapt(row));
      }
    }
    return writer.toDataFile();
  }

  private static DataFile writeColumnarPath(Path file, List<Row> rows) throws IOException {
    DataWriter<Row> writer =
        Parquet.writeData(org.apache.iceberg.Files.localOutput(file.toFile()))
            .schema(SCHEMA)
            .createWriterFunc(type -> RowParquetWriter.create(SCHEMA, type))
            .metricsConfig(MetricsConfig.getDefault())
            .withSpec(PartitionSpec.unpartitioned())
            .overwrite()
            .build();
    try (writer) {
      for (Row row : rows) {
        writer.write(row);
      }
    }
    return writer.toDataFile();
  }

  private static List<Record> read(DataFile file) throws IOException {
    return read(file, SCHEMA);
  }

  /** The rows of {@code file}, read with Iceberg's generic Parquet reader as {@code schema}. */
  static List<Record> read(DataFile file, Schema schema) throws IOException {
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> records =
        Parquet.read(org.apache.iceberg.Files.localInput(file.location()))
            .project(schema)
            .createReaderFunc(type -> GenericParquetReaders.buildReader(schema, type))
            .build()) {
      records.forEach(out::add);
    }
    return out;
  }

  @Provide
  Arbitrary<List<Row>> rows() {
    return row().list().ofMinSize(1).ofMaxSize(40);
  }

  private static Arbitrary<Row> row() {
    Arbitrary<Object> flag = nullable(Arbitraries.of(true, false));
    Arbitrary<Object> count = nullable(Arbitraries.integers());
    Arbitrary<Object> ratio =
        nullable(
            Arbitraries.oneOf(
                Arbitraries.floats(), Arbitraries.of(Float.NaN, -0.0f, Float.POSITIVE_INFINITY)));
    Arbitrary<Object> score =
        nullable(Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN, -0.0d)));
    Arbitrary<Object> small = nullable(decimal(9, 2));
    Arbitrary<Object> medium = nullable(decimal(18, 4));
    Arbitrary<Object> large = nullable(decimal(30, 5));
    Arbitrary<Object> name = nullable(text());
    Arbitrary<Object> raw = nullable(Arbitraries.bytes().array(byte[].class).ofMaxSize(12));
    Arbitrary<Object> day = nullable(Arbitraries.integers().between(-800_000, 800_000));
    Arbitrary<Object> opens = nullable(Arbitraries.longs().between(0, 86_399_999_999L));
    Arbitrary<Object> micros =
        nullable(Arbitraries.longs().between(-9_000_000_000_000_000L, 9_000_000_000_000_000L));
    Arbitrary<Object> ref =
        nullable(Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new));
    Arbitrary<Object> address =
        nullable(
            Combinators.combine(nullable(text()), nullable(Arbitraries.longs()))
                .as((city, zip) -> GenericRow.of(city, zip)));
    Arbitrary<Object> tags =
        nullable(nullable(text()).list().ofMaxSize(4).map(l -> GenericArray.wrap(l.toArray())));
    Arbitrary<Object> scores =
        nullable(
            Arbitraries.maps(text(), nullable(Arbitraries.doubles()))
                .ofMaxSize(3)
                .map(m -> GenericMap.wrap(m.keySet().toArray(), m.values().toArray())));
    Arbitrary<Object> items =
        nullable(
            nullable(
                    Combinators.combine(nullable(text()), nullable(Arbitraries.integers()))
                        .as((sku, qty) -> (Object) GenericRow.of(sku, qty)))
                .list()
                .ofMaxSize(3)
                .map(l -> GenericArray.wrap(l.toArray())));
    List<Arbitrary<Object>> columns =
        List.of(
            Arbitraries.longs().map(v -> (Object) v),
            flag,
            count,
            ratio,
            score,
            small,
            medium,
            large,
            name,
            raw,
            day,
            opens,
            micros,
            micros,
            ref,
            address,
            tags,
            scores,
            items);
    return Combinators.combine(columns).as(values -> GenericRow.wrap(values.toArray()));
  }

  /**
   * Text as JSON can carry it: any character but unpaired surrogates, which JSON decodes from \\u
   * escapes only.
   */
  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\uffff')
        .ofMaxLength(12);
  }

  private static Arbitrary<Object> decimal(int precision, int scale) {
    BigInteger bound = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
    return Arbitraries.bigIntegers()
        .between(bound.negate(), bound)
        .map(unscaled -> (Object) new BigDecimal(unscaled, scale));
  }

  private static Arbitrary<Object> nullable(Arbitrary<?> values) {
    return values.map(v -> (Object) v).injectNull(0.2);
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
