package io.driftway.connectors.format;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * How the records of a pipeline are encoded. Serializable: it travels with the job to every
 * TaskManager, where each subtask builds its own {@link RecordDecoder}.
 *
 * @param csvHeader the column names of single-line CSV messages
 * @param registryUrl the Schema Registry of {@code avro-confluent}, else null
 * @param registryUsername basic-auth user for the registry, or null
 * @param registryPassword basic-auth password for the registry, or null
 * @param avroSchema the writer schema (JSON) of plain Avro records, else null
 */
public record FormatSettings(
    Kind kind,
    char csvDelimiter,
    char csvQuote,
    Set<String> csvNullTokens,
    List<String> csvHeader,
    URI registryUrl,
    String registryUsername,
    String registryPassword,
    String avroSchema)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The encodings. */
  public enum Kind {
    JSON,
    CSV,
    AVRO_CONFLUENT,
    AVRO,
    /**
     * Records read by the file source: each carries its own encoding (JSON line, CSV row with its
     * file's header, Avro datum with its writer schema) and its path's partition values. The CSV
     * settings (delimiter, quote, null tokens) apply to CSV files.
     */
    FILES
  }

  public FormatSettings {
    csvNullTokens = Set.copyOf(csvNullTokens);
    csvHeader = List.copyOf(csvHeader);
    if (kind == Kind.CSV && csvHeader.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot decode CSV messages: a message is one line, so the header must be configured:"
              + " format.csv.header");
    }
    if (kind == Kind.AVRO && avroSchema == null) {
      throw new IllegalArgumentException(
          "Cannot decode Avro records: no writer schema configured: format.avro-schema");
    }
    if (kind == Kind.AVRO_CONFLUENT && registryUrl == null) {
      throw new IllegalArgumentException(
          "Cannot decode Confluent Avro records: no schema registry configured: format.registry.url");
    }
  }

  /**
   * Whatever the file source emits, in whichever format each file has: the format of a backfill
   * over files.
   *
   * <pre>{@code
   * TrackingSettings tracking = ... .format(FormatSettings.files()) ...
   * }</pre>
   */
  public static FormatSettings files() {
    return new FormatSettings(Kind.FILES, ',', '"', Set.of(""), List.of(), null, null, null, null);
  }

  /** JSON, one object per record. */
  public static FormatSettings json() {
    return new FormatSettings(Kind.JSON, ',', '"', Set.of(""), List.of(), null, null, null, null);
  }
}
