package io.driftway.catalogbridge.api;

import static io.driftway.catalogbridge.api.OperationContext.checkBatch;
import static io.driftway.catalogbridge.api.OperationContext.detail;
import static io.driftway.catalogbridge.api.OperationContext.now;
import static io.driftway.catalogbridge.api.OperationContext.required;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.events.CatalogEvent;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.model.Column;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableInput;
import io.driftway.catalogbridge.model.TableVersion;
import io.driftway.catalogbridge.store.CatalogStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The table operations, with the table versions that UpdateTable archives: CreateTable,
 * GetTable(s), UpdateTable (optimistic on VersionId), DeleteTable, BatchDeleteTable, and the
 * version operations.
 */
final class TableOperations {

  private static final int MAX_TABLES_PAGE = 100;
  private static final List<String> GET_TABLE_STRINGS =
      List.of("CatalogId", "DatabaseName", "Name", "TransactionId");
  private static final int MAX_BATCH_DELETE_TABLES = 100;
  private static final int MAX_BATCH_DELETE_VERSIONS = 100;

  private final OperationContext context;
  private final CatalogStore store;
  private final TableInputHook hook;
  private final EventDispatcher events;
  private final TableAnswers answers = new TableAnswers();

  TableOperations(OperationContext context) {
    this.context = context;
    this.store = context.store();
    this.hook = context.hook();
    this.events = context.events();
  }

  /** Registers these operations by their Glue names. */
  void addTo(DefaultGlueApi api) {
    api.add("CreateTable", GlueRequests.CreateTable.class, this::createTable);
    api.add("GetTable", GlueRequests.GetTable.class, TableOperations::readGetTable, this::getTable);
    api.add("GetTables", GlueRequests.GetTables.class, this::getTables);
    api.add("UpdateTable", GlueRequests.UpdateTable.class, this::updateTable);
    api.add("DeleteTable", GlueRequests.DeleteTable.class, this::deleteTable);
    api.add("BatchDeleteTable", GlueRequests.BatchDeleteTable.class, this::batchDeleteTable);
    api.add("GetTableVersions", GlueRequests.GetTableVersions.class, this::getTableVersions);
    api.add("GetTableVersion", GlueRequests.GetTableVersion.class, this::getTableVersion);
    api.add("DeleteTableVersion", GlueRequests.DeleteTableVersion.class, this::deleteTableVersion);
    api.add(
        "BatchDeleteTableVersion",
        GlueRequests.BatchDeleteTableVersion.class,
        this::batchDeleteTableVersion);
  }

  private Object createTable(GlueRequests.CreateTable request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "create table");
    caller.require(Access.ADMIN, database, "create table");
    if (request.openTableFormatInput() != null && !request.openTableFormatInput().isEmpty()) {
      throw GlueException.invalidInput(
          "Cannot create table: OpenTableFormatInput is not supported (create Iceberg tables with"
              + " Iceberg's GlueCatalog pointed at the bridge): "
              + database);
    }
    TableInput input = tableInput(request.tableInput(), request.name(), "create table");
    String name = Names.normalize(input.name(), "TableInput.Name", "create table");
    validateColumns(input, database + "." + name, "create table");
    TableInput stored = hook.apply(database, input);
    Instant now = now();
    store.createTable(
        Table.from(
            stored,
            name,
            database,
            now,
            now,
            context.createdBy(caller),
            context.catalogId(),
            null));
    events.publish(
        CatalogEvent.databaseChange("CreateTable", database, List.of(name), caller.name()));
    return GlueResponses.EMPTY;
  }

  /**
   * GetTable as every SDK sends it, {@code {"DatabaseName":"sales","Name":"orders"}} (strings only,
   * no QueryAsOfTime), without Jackson's data binding: the hottest call of the API.
   */
  private static GlueRequests.GetTable readGetTable(byte[] body) {
    String[] values = GlueJson.readFlatStrings(body, GET_TABLE_STRINGS);
    return values == null
        ? null
        : new GlueRequests.GetTable(values[0], values[1], values[2], values[3], null);
  }

  private Object getTable(GlueRequests.GetTable request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get table");
    String name = Names.normalize(request.name(), "Name", "get table");
    caller.require(Access.READ_ONLY, database, "get table");
    return answers.getTable(context.table(database, name, "get table"));
  }

  private Object getTables(GlueRequests.GetTables request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get tables");
    caller.require(Access.READ_ONLY, database, "get tables");
    int limit = Names.pageSize(request.maxResults(), MAX_TABLES_PAGE, "get tables");
    Pattern filter = tableNamePattern(request.expression());
    context.database(database, "get tables");
    Pager.Page<Table> page =
        Pager.<Table>byName(
                "tables", (after, count) -> store.listTables(database, after, count), Table::name)
            .keep(table -> filter == null || filter.matcher(table.name()).matches())
            .readingChunksOf(MAX_TABLES_PAGE)
            .page(request.nextToken(), limit);
    return new GlueResponses.GetTables(page.items(), page.nextToken());
  }

  private Object updateTable(GlueRequests.UpdateTable request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "update table");
    caller.require(Access.ADMIN, database, "update table");
    TableInput input = tableInput(request.tableInput(), request.name(), "update table");
    String name = Names.normalize(input.name(), "TableInput.Name", "update table");
    validateColumns(input, database + "." + name, "update table");
    if (request.versionId() != null && !request.versionId().matches("\\d{1,18}")) {
      // A version id this catalog never issued cannot be current.
      throw GlueException.of(
          GlueErrorType.CONCURRENT_MODIFICATION,
          "Cannot update table: VersionId "
              + request.versionId()
              + " is not the current version: "
              + database
              + "."
              + name);
    }
    Table existing = context.table(database, name, "update table");
    TableInput stored = hook.apply(database, input);
    Table updated =
        Table.from(
            stored,
            name,
            database,
            existing.createTime(),
            now(),
            existing.createdBy(),
            context.catalogId(),
            null);
    boolean archive = !Boolean.TRUE.equals(request.skipArchive());
    store.updateTable(updated, request.versionId(), archive);
    events.publish(
        CatalogEvent.tableChange("UpdateTable", database, name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object deleteTable(GlueRequests.DeleteTable request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete table");
    String name = Names.normalize(request.name(), "Name", "delete table");
    caller.require(Access.ADMIN, database, "delete table");
    context.database(database, "delete table");
    store.deleteTable(database, name);
    events.publish(
        CatalogEvent.databaseChange("DeleteTable", database, List.of(name), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object batchDeleteTable(GlueRequests.BatchDeleteTable request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete tables");
    caller.require(Access.ADMIN, database, "delete tables");
    List<String> names = required(request.tablesToDelete(), "TablesToDelete", "delete tables");
    checkBatch(names.size(), MAX_BATCH_DELETE_TABLES, "TablesToDelete", "delete tables");
    context.database(database, "delete tables");
    List<GlueResponses.TableError> errors = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (String raw : names) {
      try {
        String name = Names.normalize(raw, "TablesToDelete", "delete table");
        store.deleteTable(database, name);
        deleted.add(name);
      } catch (GlueException e) {
        errors.add(new GlueResponses.TableError(raw, detail(e)));
      }
    }
    if (!deleted.isEmpty()) {
      events.publish(
          CatalogEvent.databaseChange("BatchDeleteTable", database, deleted, caller.name()));
    }
    return new GlueResponses.BatchDeleteTable(errors);
  }

  private Object getTableVersions(GlueRequests.GetTableVersions request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get table versions");
    String name = Names.normalize(request.tableName(), "TableName", "get table versions");
    caller.require(Access.READ_ONLY, database, "get table versions");
    int limit = Names.pageSize(request.maxResults(), MAX_TABLES_PAGE, "get table versions");
    Pager.Page<TableVersion> page =
        Pager.<TableVersion>byNumber(
                "table versions",
                Long.MAX_VALUE,
                (before, count) ->
                    store.listTableVersions(
                        database, name, before == Long.MAX_VALUE ? null : before, count),
                version -> Long.parseLong(version.versionId()))
            .page(request.nextToken(), limit);
    return new GlueResponses.GetTableVersions(page.items(), page.nextToken());
  }

  private Object getTableVersion(GlueRequests.GetTableVersion request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get table version");
    String name = Names.normalize(request.tableName(), "TableName", "get table version");
    caller.require(Access.READ_ONLY, database, "get table version");
    if (request.versionId() == null) {
      Table current = context.table(database, name, "get table version");
      return new GlueResponses.GetTableVersion(new TableVersion(current, current.versionId()));
    }
    long version = versionNumber(request.versionId(), database + "." + name, "get table version");
    TableVersion found =
        store
            .getTableVersion(database, name, version)
            .orElseThrow(
                () ->
                    GlueException.notFound(
                        "Cannot get table version: no version "
                            + request.versionId()
                            + ": "
                            + database
                            + "."
                            + name));
    return new GlueResponses.GetTableVersion(found);
  }

  private Object deleteTableVersion(GlueRequests.DeleteTableVersion request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database =
        Names.normalize(request.databaseName(), "DatabaseName", "delete table version");
    String name = Names.normalize(request.tableName(), "TableName", "delete table version");
    caller.require(Access.ADMIN, database, "delete table version");
    String qualified = database + "." + name;
    store.deleteTableVersion(
        database, name, versionNumber(request.versionId(), qualified, "delete table version"));
    return GlueResponses.EMPTY;
  }

  private Object batchDeleteTableVersion(
      GlueRequests.BatchDeleteTableVersion request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database =
        Names.normalize(request.databaseName(), "DatabaseName", "delete table versions");
    String name = Names.normalize(request.tableName(), "TableName", "delete table versions");
    caller.require(Access.ADMIN, database, "delete table versions");
    List<String> ids = required(request.versionIds(), "VersionIds", "delete table versions");
    checkBatch(ids.size(), MAX_BATCH_DELETE_VERSIONS, "VersionIds", "delete table versions");
    List<GlueResponses.TableVersionError> errors = new ArrayList<>();
    for (String id : ids) {
      try {
        store.deleteTableVersion(
            database, name, versionNumber(id, database + "." + name, "delete table version"));
      } catch (GlueException e) {
        errors.add(new GlueResponses.TableVersionError(name, id, detail(e)));
      }
    }
    return new GlueResponses.BatchDeleteTableVersion(errors);
  }

  // ---------------------------------------------------------------- helpers

  private static TableInput tableInput(TableInput input, String requestName, String action) {
    if (input == null) {
      throw GlueException.invalidInput("Cannot " + action + ": TableInput is required: {}");
    }
    if (input.name() == null && requestName != null) {
      return input.withName(requestName);
    }
    if (requestName != null && !requestName.equalsIgnoreCase(input.name())) {
      throw GlueException.invalidInput(
          "Cannot "
              + action
              + ": Name and TableInput.Name differ ("
              + requestName
              + " vs "
              + input.name()
              + "): "
              + input.name());
    }
    return input;
  }

  private static void validateColumns(TableInput input, String qualified, String action) {
    Set<String> seen = new HashSet<>();
    List<Column> all = new ArrayList<>();
    if (input.storageDescriptor() != null && input.storageDescriptor().columns() != null) {
      all.addAll(input.storageDescriptor().columns());
    }
    if (input.partitionKeys() != null) {
      for (Column key : input.partitionKeys()) {
        if (key == null || key.name() == null || key.name().isEmpty()) {
          throw GlueException.invalidInput(
              "Cannot " + action + ": every partition key needs a Name: " + qualified);
        }
        if (!seen.add(key.name().toLowerCase(java.util.Locale.ROOT))) {
          throw GlueException.invalidInput(
              "Cannot " + action + ": partition key named twice: " + key.name());
        }
      }
    }
    for (Column column : all) {
      if (column == null || column.name() == null || column.name().isEmpty()) {
        throw GlueException.invalidInput(
            "Cannot " + action + ": every column needs a Name: " + qualified);
      }
    }
  }

  private static Pattern tableNamePattern(String expression) {
    if (expression == null || expression.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(expression, Pattern.CASE_INSENSITIVE);
    } catch (PatternSyntaxException e) {
      throw GlueException.invalidInput(
          "Cannot get tables: Expression is not a valid regular expression ("
              + e.getDescription()
              + "): "
              + expression);
    }
  }

  private static long versionNumber(String versionId, String qualified, String action) {
    if (versionId == null) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": VersionId is required: " + qualified);
    }
    try {
      return Long.parseLong(versionId.trim());
    } catch (NumberFormatException e) {
      throw GlueException.notFound(
          "Cannot " + action + ": no version " + versionId + ": " + qualified);
    }
  }
}
