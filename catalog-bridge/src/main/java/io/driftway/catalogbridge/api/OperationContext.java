package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.store.CatalogStore;
import java.time.Instant;
import java.util.List;

/**
 * What the catalog operations (databases, tables, partitions) share: the store, the catalog id they
 * answer with, the hook table definitions pass through, the change events, and the checks and
 * lookups every request makes. Thread-safe.
 */
record OperationContext(
    CatalogStore store, String catalogId, TableInputHook hook, EventDispatcher events) {

  /** Refuses a request for another catalog than this bridge's. */
  void checkCatalog(String requested) {
    if (requested != null && !requested.equals(catalogId)) {
      throw GlueException.notFound(
          "Cannot find catalog: this bridge serves catalog "
              + catalogId
              + " (config key catalog.id): "
              + requested);
    }
  }

  Database database(String name, String action) {
    return store
        .getDatabase(name)
        .orElseThrow(
            () -> GlueException.notFound("Cannot " + action + ": database not found: " + name));
  }

  /** The table, or EntityNotFoundException naming the database when that is what is missing. */
  Table table(String database, String name, String action) {
    return store
        .getTable(database, name)
        .orElseThrow(
            () -> {
              if (store.getDatabase(database).isEmpty()) {
                return GlueException.notFound(
                    "Cannot " + action + ": database not found: " + database);
              }
              return GlueException.notFound(
                  "Cannot " + action + ": table not found: " + database + "." + name);
            });
  }

  String createdBy(Principal caller) {
    return "arn:aws:iam::" + catalogId + ":user/" + caller.name();
  }

  static <T> List<T> required(List<T> list, String member, String action) {
    if (list == null) {
      throw GlueException.invalidInput("Cannot " + action + ": " + member + " is required: null");
    }
    return list;
  }

  static void checkBatch(int size, int max, String member, String action) {
    if (size > max) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": " + member + " holds at most " + max + " items: " + size);
    }
  }

  static GlueResponses.ErrorDetail detail(GlueException e) {
    return new GlueResponses.ErrorDetail(e.type().typeName(), e.getMessage());
  }

  static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }
}
