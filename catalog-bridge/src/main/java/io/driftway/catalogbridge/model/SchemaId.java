package io.driftway.catalogbridge.model;

/** A Glue {@code SchemaId}: a schema in a Glue Schema Registry. */
public record SchemaId(String schemaArn, String schemaName, String registryName) {}
