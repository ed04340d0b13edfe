package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.model.TableInput;

/**
 * Adjusts a table definition before CreateTable or UpdateTable stores it. The Iceberg column sync
 * is one: it replaces the columns with those of the Iceberg schema the metadata file holds. Called
 * on server threads, outside any store transaction.
 */
@FunctionalInterface
public interface TableInputHook {

  /** The definition to store for {@code databaseName}; {@code input} when nothing changes. */
  TableInput apply(String databaseName, TableInput input);

  static TableInputHook none() {
    return (databaseName, input) -> input;
  }
}
