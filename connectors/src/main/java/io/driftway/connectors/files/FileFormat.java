package io.driftway.connectors.files;

import java.util.Locale;

/**
 * The file formats the file source reads: JSON lines and CSV (each optionally gzip-compressed,
 * {@code .gz}), Avro object container files, and Parquet.
 *
 * <pre>{@code
 * FileFormat.detect("s3://bucket/events/part-0.json.gz"); // JSON_LINES
 * FileFormat.isGzip("s3://bucket/events/part-0.json.gz"); // true
 * }</pre>
 */
public enum FileFormat {
  /** One JSON object per line ({@code .json}, {@code .jsonl}, {@code .ndjson}). */
  JSON_LINES,
  /** CSV with a header line per file ({@code .csv}); quoted cells may span lines. */
  CSV,
  /** Avro object container files ({@code .avro}), the writer schema in the file header. */
  AVRO,
  /** Parquet ({@code .parquet}), read as Avro records. */
  PARQUET;

  private static final String EXPECTED =
      ".json, .jsonl, .ndjson, .csv (each optionally .gz), .avro, .parquet";

  /**
   * The format named by the extension of {@code location}, ignoring a final {@code .gz}.
   *
   * @throws IllegalArgumentException when the extension is not one of the formats'
   */
  public static FileFormat detect(String location) {
    FileFormat format = detectOrNull(location);
    if (format == null) {
      throw new IllegalArgumentException(
          "Cannot detect file format: the extension is not one of "
              + EXPECTED
              + " (set the format explicitly): "
              + location);
    }
    return format;
  }

  /** The format named by the extension of {@code location}, or null when there is none. */
  public static FileFormat detectOrNull(String location) {
    String name = location.substring(location.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
      if (name.endsWith(".avro") || name.endsWith(".parquet")) {
        // Both compress inside the file; a gzipped container is not something we read.
        return null;
      }
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSON_LINES;
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".avro")) {
      return AVRO;
    }
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    return null;
  }

  /** Whether {@code location} names a gzip-compressed file ({@code .gz}). */
  public static boolean isGzip(String location) {
    return location.toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** Whether records are lines of text (JSON lines, CSV), which gzip may compress. */
  public boolean isText() {
    return this == JSON_LINES || this == CSV;
  }
}
