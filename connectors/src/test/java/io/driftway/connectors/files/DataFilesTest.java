package io.driftway.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.format.RecordDecoder;
import io.driftway.connectors.source.Encoding;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.PrimitiveType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataFilesTest {

  @TempDir Path dir;

  private final DataFiles files = DataFiles.local();

  @Test
  void listsDataFilesSortedWithPartitionsSkippingHiddenAndEmptyOnes() throws IOException {
    Path root = dir.resolve("events");
    TestFiles.write(root.resolve("dt=2026-01-02/region=eu/b.json"), 1, 2);
    TestFiles.write(root.resolve("dt=2026-01-01/region=us/a.json"), 1, 3);
    TestFiles.text(root.resolve("dt=2026-01-01/_SUCCESS"), "done");
    TestFiles.text(root.resolve(".hidden.json"), "{}");
    TestFiles.text(root.resolve("_temporary/0/c.json"), "{}");
    TestFiles.text(root.resolve("empty.json"), "");

    List<InputFile> listed = files.list("file:" + root);

    assertThat(listed)
        .extracting(InputFile::location)
        .containsExactly(
            "file:" + root.resolve("dt=2026-01-01/region=us/a.json"),
            "file:" + root.resolve("dt=2026-01-02/region=eu/b.json"));
    assertThat(listed.get(0).partitions())
        .containsExactly(entry("dt", "2026-01-01"), entry("region", "us"));
    assertThat(listed.get(0).sizeBytes())
        .isEqualTo(Files.size(root.resolve("dt=2026-01-01/region=us/a.json")));
    assertThat(listed.get(0).version()).isNotBlank();
    assertThat(files.list(root.toString())).isEqualTo(listed);
    assertThat(files.list("file://" + root)).isEqualTo(listed);
  }

  @Test
  void listsTheOneFileALocationNames() {
    Path file = TestFiles.write(dir.resolve("dt=1/a.csv"), 1, 2);

    assertThat(files.list("file:" + file))
        .extracting(InputFile::location, InputFile::partitions)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("file:" + file, Map.of()));
  }

  @Test
  void listsNothingUnderAMissingFolder() {
    assertThat(files.list("file:" + dir.resolve("missing"))).isEmpty();
  }

  @Test
  void listsImmediateSubFoldersOnly() throws IOException {
    TestFiles.write(dir.resolve("dt=2026-01-02/a.json"), 1, 1);
    TestFiles.write(dir.resolve("dt=2026-01-01/h=1/a.json"), 1, 1);
    TestFiles.write(dir.resolve("top.json"), 1, 1);
    Files.createDirectories(dir.resolve("_temporary"));

    assertThat(files.listFolders("file:" + dir))
        .containsExactly(
            "file:" + dir.resolve("dt=2026-01-01") + "/",
            "file:" + dir.resolve("dt=2026-01-02") + "/");
  }

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("part.json", Encoding.Kind.JSON),
        Arguments.of("part.jsonl.gz", Encoding.Kind.JSON),
        Arguments.of("part.csv", Encoding.Kind.CSV),
        Arguments.of("part.csv.gz", Encoding.Kind.CSV),
        Arguments.of("part.avro", Encoding.Kind.AVRO),
        Arguments.of("part.parquet", Encoding.Kind.AVRO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void readsEveryRecordWithPartitionValuesThroughTheDecoder(String name, Encoding.Kind kind) {
    Path path = TestFiles.write(dir.resolve("dt=2026-01-01").resolve(name), 1, 50);
    InputFile file = only(files.list("file:" + dir));

    List<RawRecord> raws = readAll(file, 0);

    assertThat(raws).hasSize(50);
    assertThat(raws).allSatisfy(raw -> assertThat(raw.encoding().kind()).isEqualTo(kind));
    assertThat(raws.get(0).partitions()).containsExactlyEntriesOf(Map.of("dt", "2026-01-01"));
    List<DynamicRecord> records = decodeAll(raws);
    assertThat(records)
        .extracting(r -> String.valueOf(r.values().get("id")))
        .containsExactlyElementsOf(range(1, 50));
    assertThat(records).extracting(r -> r.values().get("name")).contains("n1", "n50");
    assertThat(records).extracting(r -> r.values().get("dt")).containsOnly("2026-01-01");
    assertThat(records.get(0).schema().field("dt").type()).isEqualTo(PrimitiveType.STRING);
    long firstLine = kind == Encoding.Kind.CSV ? 2 : 1;
    assertThat(raws.get(0).coordinates())
        .isEqualTo(SourceCoordinates.file("file:" + path, firstLine));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void skipsTheFirstRecordsABookmarkCounted(String name, Encoding.Kind kind) {
    TestFiles.write(dir.resolve(name), 1, 50);
    InputFile file = only(files.list("file:" + dir));

    try (FileRecords records = files.open(file, null, 47)) {
      assertThat(records.position()).isEqualTo(47);
      List<Object> ids = new ArrayList<>();
      for (RawRecord raw = records.next(); raw != null; raw = records.next()) {
        ids.add(String.valueOf(decode(raw).values().get("id")));
      }
      assertThat(ids).containsExactly("48", "49", "50");
      assertThat(records.position()).isEqualTo(50);
    }
    try (FileRecords records = files.open(file, null, 500)) {
      assertThat(records.next()).isNull();
      assertThat(records.position()).isEqualTo(50);
    }
  }

  @Test
  void readsLinesAsWrittenBlankLinesCrLfAndNoFinalNewline() throws IOException {
    Path path = dir.resolve("a.json");
    TestFiles.text(path, "\uFEFF{\"id\":1}\r\n\r\n  \n{\"id\":2}\r\n{\"id\":3}");
    InputFile file = only(files.list("file:" + dir));

    List<RawRecord> raws = readAll(file, 0);

    assertThat(raws)
        .extracting(raw -> new String(raw.value(), StandardCharsets.UTF_8))
        .containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
    assertThat(raws)
        .extracting(RawRecord::coordinates)
        .containsExactly(
            SourceCoordinates.file("file:" + path, 1),
            SourceCoordinates.file("file:" + path, 4),
            SourceCoordinates.file("file:" + path, 5));
  }

  @Test
  void honoursEachCsvFilesOwnHeaderAndQuotedNewlines() throws IOException {
    TestFiles.text(dir.resolve("a.csv"), "id,note\n1,\"two\nlines\"\n2,\"say \"\"hi\"\"\"\n");
    TestFiles.text(dir.resolve("b.csv"), "\"code\",id\nx,3\n");
    List<InputFile> listed = files.list("file:" + dir);

    List<RawRecord> a = readAll(listed.get(0), 0);
    List<RawRecord> b = readAll(listed.get(1), 0);

    assertThat(a).hasSize(2);
    assertThat(((SourceCoordinates.File) a.get(1).coordinates()).line()).isEqualTo(4);
    assertThat(decode(a.get(0)).values().get("note")).isEqualTo("two\nlines");
    assertThat(decode(a.get(1)).values().get("note")).isEqualTo("say \"hi\"");
    DynamicRecord fromB = decode(b.get(0));
    assertThat(fromB.values().get("code")).isEqualTo("x");
    assertThat(String.valueOf(fromB.values().get("id"))).isEqualTo("3");
  }

  @Test
  void aBadJsonLineIsRejectedAtDecodeAndTheFileReadsOn() throws IOException {
    TestFiles.text(dir.resolve("a.json"), "{\"id\":1}\n{\"id\": oops\n{\"id\":3}\n");
    List<RawRecord> raws = readAll(only(files.list("file:" + dir)), 0);

    assertThat(raws).hasSize(3);
    assertThat(decode(raws.get(0)).values().get("id")).isEqualTo(1L);
    assertThatThrownBy(() -> decode(raws.get(1))).isInstanceOf(RecordRejectedException.class);
    assertThat(decode(raws.get(2)).values().get("id")).isEqualTo(3L);
  }

  @Test
  void theRecordsOwnFieldWinsOverAPartitionValue() throws IOException {
    TestFiles.text(dir.resolve("dt=2026-01-01/a.json"), "{\"id\":1,\"dt\":\"own\"}\n");

    DynamicRecord record = decode(readAll(only(files.list("file:" + dir)), 0).get(0));

    assertThat(record.values().get("dt")).isEqualTo("own");
    assertThat(record.schema().fields()).hasSize(2);
  }

  @Test
  void aTruncatedGzipFileFailsNamingTheFile() throws IOException {
    byte[] gz = TestFiles.gzip(TestFiles.jsonLines(1, 1_000).getBytes(StandardCharsets.UTF_8));
    Path path = dir.resolve("a.json.gz");
    Files.write(path, Arrays.copyOf(gz, gz.length / 2));
    InputFile file = only(files.list("file:" + dir));

    assertThatThrownBy(() -> readAll(file, 0))
        .isInstanceOf(FileReadException.class)
        .hasMessage(
            "Cannot read file: the file is truncated (Unexpected end of ZLIB input stream): file:"
                + path);
  }

  @Test
  void aFileThatIsNotGzipFailsNamingTheFile() throws IOException {
    Path path = dir.resolve("a.json.gz");
    TestFiles.text(dir.resolve("a.json"), "{\"id\":1}\n");
    Files.move(dir.resolve("a.json"), path);
    InputFile file = only(files.list("file:" + dir));

    assertThatThrownBy(() -> files.open(file, null, 0))
        .isInstanceOf(FileReadException.class)
        .hasMessage("Cannot read file: not a gzip file (Not in GZIP format): file:" + path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.parquet", "a.avro"})
  void aCorruptBinaryFileFailsNamingTheFile(String name) throws IOException {
    Path path = dir.resolve(name);
    TestFiles.text(path, "this is not a data file, only some text that is long enough\n");
    InputFile file = only(files.list("file:" + dir));

    assertThatThrownBy(() -> readAll(file, 0))
        .isInstanceOf(FileReadException.class)
        .hasMessageStartingWith(
            "Cannot read file: not "
                + (name.endsWith("parquet") ? "a readable Parquet" : "an Avro container"))
        .hasMessageEndingWith("): file:" + path);
  }

  @Test
  void aTruncatedParquetFileFailsNamingTheFile() throws IOException {
    Path path = TestFiles.write(dir.resolve("a.parquet"), 1, 500);
    byte[] bytes = Files.readAllBytes(path);
    Files.write(path, Arrays.copyOf(bytes, bytes.length - 20));
    InputFile file = only(files.list("file:" + dir));

    assertThatThrownBy(() -> readAll(file, 0))
        .isInstanceOf(FileReadException.class)
        .hasMessageStartingWith("Cannot read file: not a readable Parquet file (")
        .hasMessageEndingWith("): file:" + path);
  }

  @Test
  void refusesNegativeSkip() {
    InputFile file = InputFile.of("file:/x.json", 1, "v", Map.of());
    assertThatThrownBy(() -> files.open(file, null, -1))
        .hasMessage("Cannot open file: records to skip is negative (-1): file:/x.json");
  }

  @Test
  void localFilesRefuseS3Locations() {
    assertThatThrownBy(() -> files.list("s3://bucket/x/"))
        .hasMessage(
            "Cannot reach S3: these data files were created for local files only:"
                + " DataFiles.local()");
  }

  private List<RawRecord> readAll(InputFile file, long skip) {
    List<RawRecord> raws = new ArrayList<>();
    try (FileRecords records = files.open(file, null, skip)) {
      for (RawRecord raw = records.next(); raw != null; raw = records.next()) {
        raws.add(raw);
      }
    }
    return raws;
  }

  private static DynamicRecord decode(RawRecord raw) {
    try (RecordDecoder decoder = RecordDecoder.create(FormatSettings.files())) {
      return decoder.decode(raw, InferenceOptions.defaults());
    }
  }

  private static List<DynamicRecord> decodeAll(List<RawRecord> raws) {
    List<DynamicRecord> records = new ArrayList<>();
    try (RecordDecoder decoder = RecordDecoder.create(FormatSettings.files())) {
      for (RawRecord raw : raws) {
        records.add(decoder.decode(raw, InferenceOptions.defaults()));
      }
    }
    return records;
  }

  private static InputFile only(List<InputFile> listed) {
    assertThat(listed).hasSize(1);
    return listed.get(0);
  }

  private static List<String> range(long from, long to) {
    List<String> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      out.add(String.valueOf(i));
    }
    return out;
  }
}
