package io.driftway.catalogbridge.model;

/** A Glue {@code Order}: a sort column and its direction (1 ascending, 0 descending). */
public record Order(String column, Integer sortOrder) {}
