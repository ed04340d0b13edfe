package io.driftway.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileFormatTest {

  @ParameterizedTest
  @CsvSource({
    "s3://b/a.json, JSON_LINES, false",
    "s3://b/a.jsonl, JSON_LINES, false",
    "s3://b/a.NDJSON, JSON_LINES, false",
    "s3://b/a.json.gz, JSON_LINES, true",
    "file:/tmp/a.csv, CSV, false",
    "file:/tmp/a.csv.gz, CSV, true",
    "s3://b/x.y/a.avro, AVRO, false",
    "s3://b/a.parquet, PARQUET, false"
  })
  void detectsTheFormatFromTheExtension(String location, FileFormat format, boolean gzip) {
    assertThat(FileFormat.detect(location)).isEqualTo(format);
    assertThat(FileFormat.isGzip(location)).isEqualTo(gzip);
  }

  @ParameterizedTest
  @CsvSource({"s3://b/a.txt", "s3://b/a.parquet.gz", "s3://b/json", "s3://b/a.gz"})
  void refusesAnUnknownExtensionNamingTheFile(String location) {
    assertThatThrownBy(() -> FileFormat.detect(location))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot detect file format: the extension is not one of .json, .jsonl, .ndjson, .csv"
                + " (each optionally .gz), .avro, .parquet (set the format explicitly): "
                + location);
  }
}
