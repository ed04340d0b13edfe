package io.driftway.connectors.format;

import io.driftway.schemaevolution.mapping.AvroSchemas;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * How the records of a pipeline are encoded. Serializable: it travels with the job to every
 * TaskManager, where each subtask builds its own {@link RecordDecoder}.
 *
 * @param csvHeader the column names of single-line CSV messages
 * @param registryUrl the Schema Registry of {@code avro-confluent}, else null
 * @param registryUsername basic-auth user for the registry, or null
 * @param registryPassword basic-auth password for the registry, or null
 * @param avroSchema the writer schema (JSON) of plain Avro records, else null
 * @param registrySubjects which registry subjects a record's schema id must belong to
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
    String avroSchema,
    SubjectStrategy registrySubjects)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Which subject a Confluent-framed record's schema id must be a version of, named as in {@code
   * format.registry.subject-strategy}.
   */
  public enum SubjectStrategy {
    /** Any id the registry knows: no subject is checked. */
    ANY("any"),
    /**
     * Confluent's TopicNameStrategy: the id must be a version of subject {@code <topic>-value} (the
     * Kafka topic or Kinesis stream the record came from), so a record written with another topic's
     * schema is refused instead of being written with that schema.
     */
    TOPIC("topic");

    private final String configName;

    SubjectStrategy(String configName) {
      this.configName = configName;
    }

    /** The spelling in a pipeline file. */
    public String configName() {
      return configName;
    }
  }

  /** Settings that accept any registered schema id ({@link SubjectStrategy#ANY}). */
  public FormatSettings(
      Kind kind,
      char csvDelimiter,
      char csvQuote,
      Set<String> csvNullTokens,
      List<String> csvHeader,
      URI registryUrl,
      String registryUsername,
      String registryPassword,
      String avroSchema) {
    this(
        kind,
        csvDelimiter,
        csvQuote,
        csvNullTokens,
        csvHeader,
        registryUrl,
        registryUsername,
        registryPassword,
        avroSchema,
        SubjectStrategy.ANY);
  }

  /** The encodings, with the name a pipeline file's {@code format.type} gives each. */
  public enum Kind {
    JSON("json"),
    CSV("csv"),
    AVRO_CONFLUENT("avro-confluent"),
    AVRO("avro"),
    /**
     * Records read by the file source: each carries its own encoding (JSON line, CSV row with its
     * file's header, Avro datum with its writer schema) and its path's partition values. The CSV
     * settings (delimiter, quote, null tokens) apply to CSV files. Not written in a pipeline file.
     */
    FILES("files");

    private final String configName;

    Kind(String configName) {
      this.configName = configName;
    }

    /** The value of {@code format.type}: {@code json}, {@code csv}, {@code avro-confluent}, ... */
    public String configName() {
      return configName;
    }

    /** Whether a pipeline file may name this kind ({@link #FILES} is a backfill's own). */
    public boolean inPipelineFiles() {
      return this != FILES;
    }
  }

  public FormatSettings {
    csvNullTokens = Set.copyOf(csvNullTokens);
    registrySubjects = registrySubjects == null ? SubjectStrategy.ANY : registrySubjects;
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
    if (kind == Kind.AVRO) {
      checkWriterSchema(avroSchema);
    }
    if (kind == Kind.AVRO_CONFLUENT && registryUrl == null) {
      throw new IllegalArgumentException(
          "Cannot decode Confluent Avro records: no schema registry configured: format.registry.url");
    }
  }

  /** Refuses a writer schema that does not parse or has no table form (a recursive record). */
  private static void checkWriterSchema(String avroSchema) {
    try {
      AvroSchemas.fromAvro(new Schema.Parser().parse(avroSchema));
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot decode Avro records: unusable writer schema in format.avro-schema: "
              + e.getMessage(),
          e);
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

  /**
   * These settings for the records of a backfill over files: each file brings its own encoding, and
   * this pipeline's CSV delimiter, quote and null tokens apply to CSV files.
   */
  public FormatSettings forFileRecords() {
    return new FormatSettings(
        Kind.FILES, csvDelimiter, csvQuote, csvNullTokens, List.of(), null, null, null, null);
  }

  /** JSON, one object per record. */
  public static FormatSettings json() {
    return new FormatSettings(Kind.JSON, ',', '"', Set.of(""), List.of(), null, null, null, null);
  }
}
