package io.driftway.streamjobs.crawl;

import java.util.Locale;
import java.util.Map;

/**
 * A file format the crawler recognizes, with the Hive SerDe and input/output formats that Athena
 * and Glue ETL read it with, and the {@code classification} AWS Glue's crawler writes for it.
 *
 * <pre>{@code
 * CrawlFormat format = CrawlFormat.fromFileName("part-0001.json.gz"); // JSON
 * format.serializationLibrary(); // org.openx.data.jsonserde.JsonSerDe
 * }</pre>
 */
public enum CrawlFormat {
  /** Apache Parquet files. */
  PARQUET(
      "parquet",
      "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
      "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"),
  /** JSON, one object per line. */
  JSON(
      "json",
      "org.openx.data.jsonserde.JsonSerDe",
      CrawlFormat.TEXT_INPUT,
      CrawlFormat.TEXT_OUTPUT),
  /** Comma-separated values with a header row. */
  CSV(
      "csv",
      "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
      CrawlFormat.TEXT_INPUT,
      CrawlFormat.TEXT_OUTPUT),
  /** Avro object container files. */
  AVRO(
      "avro",
      "org.apache.hadoop.hive.serde2.avro.AvroSerDe",
      "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
      "org.apache.hadoop.hive.ql.io.avro.AvroContainerOutputFormat");

  private static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
  private static final String TEXT_OUTPUT =
      "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

  private static final Map<String, CrawlFormat> EXTENSIONS =
      Map.of(
          "parquet", PARQUET,
          "parq", PARQUET,
          "json", JSON,
          "jsonl", JSON,
          "ndjson", JSON,
          "csv", CSV,
          "avro", AVRO);

  private final String classification;
  private final String serializationLibrary;
  private final String inputFormat;
  private final String outputFormat;

  CrawlFormat(
      String classification, String serializationLibrary, String inputFormat, String outputFormat) {
    this.classification = classification;
    this.serializationLibrary = serializationLibrary;
    this.inputFormat = inputFormat;
    this.outputFormat = outputFormat;
  }

  /** The table's {@code classification} parameter: {@code parquet}, {@code json}, ... */
  public String classification() {
    return classification;
  }

  /** The Hive SerDe class. */
  public String serializationLibrary() {
    return serializationLibrary;
  }

  /** The Hadoop input format class. */
  public String inputFormat() {
    return inputFormat;
  }

  /** The Hive output format class. */
  public String outputFormat() {
    return outputFormat;
  }

  /**
   * The format of a file by its extension, looking through a trailing {@code .gz}; null when the
   * extension is not one the crawler knows.
   */
  public static CrawlFormat fromFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".gz")) {
      lower = lower.substring(0, lower.length() - 3);
    }
    int dot = lower.lastIndexOf('.');
    return dot < 0 ? null : EXTENSIONS.get(lower.substring(dot + 1));
  }

  /** {@code gzip} for a {@code .gz} file, else {@code none}: Glue's {@code compressionType}. */
  public static String compressionOf(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".gz") ? "gzip" : "none";
  }

  /** The format named by a classification or a CLI value ({@code parquet}, {@code CSV}, ...). */
  public static CrawlFormat parse(String value) {
    for (CrawlFormat format : values()) {
      if (format.classification.equalsIgnoreCase(value.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "Cannot crawl: unknown format (allowed: parquet, json, csv, avro): " + value);
  }
}
