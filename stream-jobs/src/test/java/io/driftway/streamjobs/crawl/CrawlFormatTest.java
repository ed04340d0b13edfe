package io.driftway.streamjobs.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrawlFormatTest {

  @ParameterizedTest
  @CsvSource({
    "part-0.parquet, PARQUET, none",
    "part-0.snappy.parquet, PARQUET, none",
    "events.json, JSON, none",
    "events.JSONL.gz, JSON, gzip",
    "events.ndjson, JSON, none",
    "orders.csv.gz, CSV, gzip",
    "orders.avro, AVRO, none"
  })
  void detectsFormatAndCompressionByExtension(String name, CrawlFormat format, String compression) {
    assertThat(CrawlFormat.fromFileName(name)).isEqualTo(format);
    assertThat(CrawlFormat.compressionOf(name)).isEqualTo(compression);
  }

  @Test
  void unknownExtensionsAreNotGuessed() {
    assertThat(CrawlFormat.fromFileName("README")).isNull();
    assertThat(CrawlFormat.fromFileName("data.txt.gz")).isNull();
  }

  @Test
  void athenaSerDesAndFormats() {
    assertThat(CrawlFormat.PARQUET.serializationLibrary())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assertThat(CrawlFormat.PARQUET.inputFormat())
        .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
    assertThat(CrawlFormat.JSON.serializationLibrary())
        .isEqualTo("org.openx.data.jsonserde.JsonSerDe");
    assertThat(CrawlFormat.CSV.outputFormat())
        .isEqualTo("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat");
    assertThat(CrawlFormat.AVRO.inputFormat())
        .isEqualTo("org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat");
  }

  @Test
  void parsesClassificationsAndRefusesOthers() {
    assertThat(CrawlFormat.parse("Parquet")).isEqualTo(CrawlFormat.PARQUET);
    assertThatThrownBy(() -> CrawlFormat.parse("orc"))
        .hasMessage("Cannot crawl: unknown format (allowed: parquet, json, csv, avro): orc");
  }
}
