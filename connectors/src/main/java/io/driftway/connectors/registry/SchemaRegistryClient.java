package io.driftway.connectors.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * Reads and registers Avro schemas in a Confluent-compatible Schema Registry over its REST API.
 * Thread-safe; parsed schemas are cached by id (ids never change their schema), subject lookups are
 * not (a subject gains versions).
 *
 * <p>Every method throws {@link SchemaRegistryException} when the registry cannot answer, and its
 * subclass {@link InvalidSchemaException} when the answer is a schema this client cannot use.
 *
 * <pre>{@code
 * SchemaRegistryClient registry =
 *     SchemaRegistryClient.create(SchemaRegistryConfig.builder("http://127.0.0.1:8081").build());
 * int id = registry.register("orders-value", schema);
 * Schema writer = registry.schemaById(id);
 * }</pre>
 */
public interface SchemaRegistryClient {

  /** The schema with global id {@code id} ({@code GET /schemas/ids/{id}}); cached. */
  Schema schemaById(int id);

  /**
   * The subjects that have the schema with global id {@code id} as one of their versions ({@code
   * GET /schemas/ids/{id}/versions}); not cached (a schema can join more subjects).
   */
  List<String> subjectsOf(int id);

  /** One version of a subject ({@code GET /subjects/{subject}/versions/{version}}). */
  RegisteredSchema schemaByVersion(String subject, int version);

  /** The newest version of a subject ({@code GET /subjects/{subject}/versions/latest}). */
  RegisteredSchema latestSchema(String subject);

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its global id; registering a schema the subject already has returns the existing id.
   */
  int register(String subject, Schema schema);

  /** A client over HTTP(S) with the JDK's HTTP client. */
  static SchemaRegistryClient create(SchemaRegistryConfig config) {
    return new RestSchemaRegistryClient(config);
  }
}
