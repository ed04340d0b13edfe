/**
 * Confluent Schema Registry, implemented from its public protocol (Confluent's jars are not on
 * Maven Central): the wire format ({@link io.driftway.connectors.registry.ConfluentWireFormat}), a
 * REST client with a bounded cache ({@link io.driftway.connectors.registry.SchemaRegistryClient}),
 * and a decoder from framed bytes to Avro records ({@link
 * io.driftway.connectors.registry.ConfluentAvroDecoder}).
 *
 * <p>Two kinds of failure, kept apart on purpose: a record that cannot be decoded (wrong magic
 * byte, truncated, unknown schema id, payload not matching its schema) is a {@link
 * io.driftway.connectors.registry.RecordDecodeException}, checked, whose message is a quarantine
 * reason; a registry that cannot be reached or refuses the credentials is a {@link
 * io.driftway.connectors.registry.SchemaRegistryException}, unchecked, which fails the job so that
 * Flink retries from the last checkpoint instead of quarantining good records.
 */
package io.driftway.connectors.registry;
