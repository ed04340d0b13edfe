package io.driftway.catalogbridge.model;

/** A Glue {@code SchemaReference}: the registry schema a storage descriptor follows. */
public record SchemaReference(
    SchemaId schemaId, String schemaVersionId, Long schemaVersionNumber) {}
