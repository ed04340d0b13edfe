package io.driftway.streamjobs.spec;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** How the bytes of a record are decoded into a dynamic record. */
public record FormatSpec(
    Type type, Csv csv, Optional<Registry> registry, Optional<String> avroSchema) {

  /** The supported encodings. */
  public enum Type {
    JSON("json"),
    CSV("csv"),
    AVRO_CONFLUENT("avro-confluent"),
    AVRO("avro");

    private final String spelling;

    Type(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  /** CSV options; a record is one line, the header names the columns. */
  public record Csv(
      char delimiter, char quote, List<String> nullTokens, Optional<List<String>> header) {
    public static final Csv DEFAULTS = new Csv(',', '"', List.of(""), Optional.empty());

    public Csv {
      nullTokens = List.copyOf(nullTokens);
      header = header.map(List::copyOf);
    }
  }

  /** A Confluent Schema Registry, reached over its REST API. */
  public record Registry(URI url, Optional<String> username, Optional<String> password) {}

  /** JSON with default options. */
  public static FormatSpec json() {
    return new FormatSpec(Type.JSON, Csv.DEFAULTS, Optional.empty(), Optional.empty());
  }
}
