package io.driftway.catalogbridge.model;

/** A Glue {@code TableIdentifier}: the target of a resource link. */
public record TableIdentifier(String catalogId, String databaseName, String name, String region) {}
