package io.driftway.loadtests.data;

import java.util.Locale;

/** How the generated events are encoded. */
public enum EventFormat {
  /** One JSON object per record, UTF-8. */
  JSON,
  /**
   * Avro binary in the Confluent wire format: magic byte 0, the 4-byte big-endian schema id (the
   * schema version, see {@link EventGenerator#schemaId}), then the datum.
   */
  AVRO;

  /** {@code json} or {@code avro}, case-insensitive. */
  public static EventFormat of(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot parse event format: expected json or avro: " + name, e);
    }
  }
}
