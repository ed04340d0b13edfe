package io.driftway.connectors.source;

import java.util.Objects;

/**
 * How the bytes of a record read from a file are encoded, carried with the record because files of
 * one backfill may differ: a JSON line, a CSV row with its file's header line, or an Avro binary
 * datum with its writer schema. Records from streams carry none: their pipeline's format says.
 *
 * <p>Every record of one file shares one instance, so decoders cache per encoding cheaply.
 *
 * <pre>{@code
 * Encoding csv = Encoding.csv("id,amount");
 * Encoding avro = Encoding.avro(writerSchema.toString());
 * }</pre>
 */
public final class Encoding {

  /** The record encodings files can hold. */
  public enum Kind {
    /** One JSON object (a line of a JSON lines file). */
    JSON,
    /** One CSV row; {@link #detail()} is the file's header line. */
    CSV,
    /** One Avro binary datum; {@link #detail()} is the writer schema as JSON. */
    AVRO
  }

  private static final Encoding JSON = new Encoding(Kind.JSON, "");

  private final Kind kind;
  private final String detail;

  private Encoding(Kind kind, String detail) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /** A JSON object. */
  public static Encoding json() {
    return JSON;
  }

  /** A CSV row of a file whose first line is {@code headerLine} (raw, unparsed). */
  public static Encoding csv(String headerLine) {
    return new Encoding(Kind.CSV, headerLine);
  }

  /** An Avro binary datum written with {@code writerSchemaJson}. */
  public static Encoding avro(String writerSchemaJson) {
    return new Encoding(Kind.AVRO, writerSchemaJson);
  }

  public Kind kind() {
    return kind;
  }

  /** The CSV header line or the Avro writer schema; empty for JSON. */
  public String detail() {
    return detail;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Encoding that && kind == that.kind && detail.equals(that.detail);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + detail.hashCode();
  }

  @Override
  public String toString() {
    return kind == Kind.JSON ? "json" : kind.name().toLowerCase(java.util.Locale.ROOT) + "(...)";
  }
}
