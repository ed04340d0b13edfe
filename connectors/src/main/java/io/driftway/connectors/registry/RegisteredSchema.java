package io.driftway.connectors.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry stores it: subject, version, global schema id, and the
 * parsed Avro schema.
 *
 * <pre>{@code
 * RegisteredSchema latest = registry.latestSchema("orders-value");
 * byte[] bytes = ConfluentAvroEncoder.encode(latest.id(), record);
 * }</pre>
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
