package io.driftway.catalogbridge.model;

/** A Glue {@code FederatedDatabase}, stored as given. */
public record FederatedDatabase(String identifier, String connectionName, String connectionType) {}
