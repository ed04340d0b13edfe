package io.driftway.catalogbridge.model;

/** A Glue {@code DataLakePrincipal}: a Lake Formation principal, stored as given. */
public record DataLakePrincipal(String dataLakePrincipalIdentifier) {}
