package io.driftway.catalogbridge.api;

import static io.driftway.catalogbridge.api.OperationContext.now;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.events.CatalogEvent;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.store.CatalogStore;
import java.util.List;

/** The database operations: CreateDatabase, GetDatabase(s), UpdateDatabase, DeleteDatabase. */
final class DatabaseOperations {

  private static final int MAX_DATABASES_PAGE = 100;

  private final OperationContext context;
  private final CatalogStore store;
  private final EventDispatcher events;

  DatabaseOperations(OperationContext context) {
    this.context = context;
    this.store = context.store();
    this.events = context.events();
  }

  /** Registers these operations by their Glue names. */
  void addTo(DefaultGlueApi api) {
    api.add("CreateDatabase", GlueRequests.CreateDatabase.class, this::createDatabase);
    api.add("GetDatabase", GlueRequests.GetDatabase.class, this::getDatabase);
    api.add("GetDatabases", GlueRequests.GetDatabases.class, this::getDatabases);
    api.add("UpdateDatabase", GlueRequests.UpdateDatabase.class, this::updateDatabase);
    api.add("DeleteDatabase", GlueRequests.DeleteDatabase.class, this::deleteDatabase);
  }

  private Object createDatabase(GlueRequests.CreateDatabase request, Principal caller) {
    context.checkCatalog(request.catalogId());
    if (request.databaseInput() == null) {
      throw GlueException.invalidInput("Cannot create database: DatabaseInput is required: {}");
    }
    String name =
        Names.normalize(request.databaseInput().name(), "DatabaseInput.Name", "create database");
    caller.require(Access.ADMIN, name, "create database");
    store.createDatabase(Database.from(request.databaseInput(), name, now(), context.catalogId()));
    events.publish(CatalogEvent.databaseChange("CreateDatabase", name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object getDatabase(GlueRequests.GetDatabase request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String name = Names.normalize(request.name(), "Name", "get database");
    caller.require(Access.READ_ONLY, name, "get database");
    return new GlueResponses.GetDatabase(context.database(name, "get database"));
  }

  private Object getDatabases(GlueRequests.GetDatabases request, Principal caller) {
    context.checkCatalog(request.catalogId());
    int limit = Names.pageSize(request.maxResults(), MAX_DATABASES_PAGE, "get databases");
    // Databases the caller may not read are skipped, so a page can take several store reads.
    Pager.Page<Database> page =
        Pager.byName("databases", store::listDatabases, Database::name)
            .keep(database -> caller.canRead(database.name()))
            .readingChunksOf(MAX_DATABASES_PAGE)
            .page(request.nextToken(), limit);
    return new GlueResponses.GetDatabases(page.items(), page.nextToken());
  }

  private Object updateDatabase(GlueRequests.UpdateDatabase request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String name = Names.normalize(request.name(), "Name", "update database");
    caller.require(Access.ADMIN, name, "update database");
    if (request.databaseInput() == null) {
      throw GlueException.invalidInput(
          "Cannot update database: DatabaseInput is required: " + name);
    }
    String newName =
        Names.normalize(request.databaseInput().name(), "DatabaseInput.Name", "update database");
    if (!newName.equals(name)) {
      throw GlueException.invalidInput(
          "Cannot update database: renaming is not supported (DatabaseInput.Name must be "
              + name
              + "): "
              + newName);
    }
    Database existing = context.database(name, "update database");
    store.updateDatabase(
        Database.from(request.databaseInput(), name, existing.createTime(), context.catalogId()));
    events.publish(CatalogEvent.databaseChange("UpdateDatabase", name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object deleteDatabase(GlueRequests.DeleteDatabase request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String name = Names.normalize(request.name(), "Name", "delete database");
    caller.require(Access.ADMIN, name, "delete database");
    store.deleteDatabase(name);
    events.publish(CatalogEvent.databaseChange("DeleteDatabase", name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }
}
