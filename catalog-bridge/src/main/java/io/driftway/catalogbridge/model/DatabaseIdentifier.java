package io.driftway.catalogbridge.model;

/** A Glue {@code DatabaseIdentifier}: the target of a database resource link. */
public record DatabaseIdentifier(String catalogId, String databaseName, String region) {}
