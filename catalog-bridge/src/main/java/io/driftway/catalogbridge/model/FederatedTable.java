package io.driftway.catalogbridge.model;

/** A Glue {@code FederatedTable}, stored as given. */
public record FederatedTable(
    String identifier, String databaseIdentifier, String connectionName, String connectionType) {}
