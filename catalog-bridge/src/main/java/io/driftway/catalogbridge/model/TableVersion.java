package io.driftway.catalogbridge.model;

/** A Glue {@code TableVersion}: one version of a table and its id. */
public record TableVersion(Table table, String versionId) {}
