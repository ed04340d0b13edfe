package io.driftway.connectors.registry;

/**
 * Why a Confluent-framed record could not be decoded; {@link #code()} is a stable short name for
 * quarantine rows and metrics.
 *
 * <pre>{@code
 * quarantine.reason(e.failure().code(), e.getMessage());
 * }</pre>
 */
public enum DecodeFailure {
  /** Fewer than the 5 header bytes (magic byte and schema id). */
  TRUNCATED_HEADER("confluent-truncated-header"),
  /** The first byte is not 0: not Confluent-framed (often plain JSON or another framing). */
  BAD_MAGIC_BYTE("confluent-bad-magic-byte"),
  /** The registry does not know the schema id. */
  UNKNOWN_SCHEMA_ID("confluent-unknown-schema-id"),
  /** The schema id is not a version of the subject the record's topic expects. */
  WRONG_SUBJECT("confluent-wrong-subject"),
  /** The schema exists but cannot decode records here: not Avro, unparseable, not a record. */
  UNUSABLE_SCHEMA("confluent-unusable-schema"),
  /** The Avro payload ends before its writer schema says it should. */
  TRUNCATED_PAYLOAD("avro-truncated-payload"),
  /** The Avro payload does not match its writer schema, or has bytes left over. */
  MALFORMED_PAYLOAD("avro-malformed-payload");

  private final String code;

  DecodeFailure(String code) {
    this.code = code;
  }

  /** A stable, lower-case name, e.g. {@code confluent-unknown-schema-id}. */
  public String code() {
    return code;
  }
}
