package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.crawlers.CrawlerRegistry;
import io.driftway.catalogbridge.events.CatalogEvent;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.expression.PartitionFilter;
import io.driftway.catalogbridge.jobs.JobRegistry;
import io.driftway.catalogbridge.model.Column;
import io.driftway.catalogbridge.model.Database;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Partition;
import io.driftway.catalogbridge.model.PartitionInput;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.model.TableInput;
import io.driftway.catalogbridge.model.TableVersion;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.ItemError;
import io.driftway.catalogbridge.store.StoredPartition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The Glue operations over a {@link CatalogStore}: validation, authorization, paging, events. */
final class DefaultGlueApi implements GlueApi {

  private static final int MAX_CATALOG_PAGE = 100;
  private static final int MAX_PARTITION_PAGE = 1000;

  /** Bounds the work of one GetPartitions call; a selective filter returns a token to go on. */
  private static final int MAX_PARTITIONS_SCANNED = 20_000;

  private static final int MAX_BATCH_CREATE_PARTITIONS = 100;
  private static final int MAX_BATCH_GET_PARTITIONS = 1000;
  private static final int MAX_BATCH_DELETE_PARTITIONS = 25;
  private static final int MAX_BATCH_UPDATE_PARTITIONS = 100;
  private static final int MAX_BATCH_DELETE_TABLES = 100;
  private static final int MAX_BATCH_DELETE_VERSIONS = 100;

  private interface Handler {
    Object handle(byte[] body, Principal caller);
  }

  private final CatalogStore store;
  private final String catalogId;
  private final TableInputHook hook;
  private final EventDispatcher events;
  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  DefaultGlueApi(
      CatalogStore store,
      String catalogId,
      TableInputHook hook,
      EventDispatcher events,
      JobRegistry jobs,
      CrawlerRegistry crawlers) {
    this.store = store;
    this.catalogId = catalogId;
    this.hook = hook;
    this.events = events;
    register("CreateDatabase", GlueRequests.CreateDatabase.class, this::createDatabase);
    register("GetDatabase", GlueRequests.GetDatabase.class, this::getDatabase);
    register("GetDatabases", GlueRequests.GetDatabases.class, this::getDatabases);
    register("UpdateDatabase", GlueRequests.UpdateDatabase.class, this::updateDatabase);
    register("DeleteDatabase", GlueRequests.DeleteDatabase.class, this::deleteDatabase);
    register("CreateTable", GlueRequests.CreateTable.class, this::createTable);
    register("GetTable", GlueRequests.GetTable.class, this::getTable);
    register("GetTables", GlueRequests.GetTables.class, this::getTables);
    register("UpdateTable", GlueRequests.UpdateTable.class, this::updateTable);
    register("DeleteTable", GlueRequests.DeleteTable.class, this::deleteTable);
    register("BatchDeleteTable", GlueRequests.BatchDeleteTable.class, this::batchDeleteTable);
    register("GetTableVersions", GlueRequests.GetTableVersions.class, this::getTableVersions);
    register("GetTableVersion", GlueRequests.GetTableVersion.class, this::getTableVersion);
    register("DeleteTableVersion", GlueRequests.DeleteTableVersion.class, this::deleteTableVersion);
    register(
        "BatchDeleteTableVersion",
        GlueRequests.BatchDeleteTableVersion.class,
        this::batchDeleteTableVersion);
    register("CreatePartition", GlueRequests.CreatePartition.class, this::createPartition);
    register(
        "BatchCreatePartition",
        GlueRequests.BatchCreatePartition.class,
        this::batchCreatePartition);
    register("GetPartition", GlueRequests.GetPartition.class, this::getPartition);
    register("BatchGetPartition", GlueRequests.BatchGetPartition.class, this::batchGetPartition);
    register("GetPartitions", GlueRequests.GetPartitions.class, this::getPartitions);
    register("UpdatePartition", GlueRequests.UpdatePartition.class, this::updatePartition);
    register("DeletePartition", GlueRequests.DeletePartition.class, this::deletePartition);
    register(
        "BatchDeletePartition",
        GlueRequests.BatchDeletePartition.class,
        this::batchDeletePartition);
    register(
        "BatchUpdatePartition",
        GlueRequests.BatchUpdatePartition.class,
        this::batchUpdatePartition);
    if (jobs != null && crawlers != null) {
      JobOperations ops = new JobOperations(store, jobs, crawlers);
      register("CreateJob", GlueRequests.CreateJob.class, ops::createJob);
      register("GetJob", GlueRequests.GetJob.class, ops::getJob);
      register("GetJobs", GlueRequests.GetJobs.class, ops::getJobs);
      register("UpdateJob", GlueRequests.UpdateJob.class, ops::updateJob);
      register("DeleteJob", GlueRequests.DeleteJob.class, ops::deleteJob);
      register("StartJobRun", GlueRequests.StartJobRun.class, ops::startJobRun);
      register("GetJobRun", GlueRequests.GetJobRun.class, ops::getJobRun);
      register("GetJobRuns", GlueRequests.GetJobRuns.class, ops::getJobRuns);
      register("BatchStopJobRun", GlueRequests.BatchStopJobRun.class, ops::batchStopJobRun);
      register("CreateCrawler", GlueRequests.CreateCrawler.class, ops::createCrawler);
      register("UpdateCrawler", GlueRequests.UpdateCrawler.class, ops::updateCrawler);
      register("GetCrawler", GlueRequests.GetCrawler.class, ops::getCrawler);
      register("GetCrawlers", GlueRequests.GetCrawlers.class, ops::getCrawlers);
      register("StartCrawler", GlueRequests.StartCrawler.class, ops::startCrawler);
      register("StopCrawler", GlueRequests.StopCrawler.class, ops::stopCrawler);
      register("DeleteCrawler", GlueRequests.DeleteCrawler.class, ops::deleteCrawler);
      register("GetCrawlerMetrics", GlueRequests.GetCrawlerMetrics.class, ops::getCrawlerMetrics);
    }
  }

  private <Q> void register(String name, Class<Q> type, BiFunction<Q, Principal, Object> handler) {
    handlers.put(name, (body, caller) -> handler.apply(GlueJson.read(body, type), caller));
  }

  @Override
  public byte[] call(String operation, byte[] body, Principal caller) {
    Handler handler = handlers.get(operation);
    if (handler == null) {
      throw GlueException.of(
          GlueErrorType.UNKNOWN_OPERATION,
          "Cannot run operation: the Driftway catalog bridge does not serve it (see the README"
              + " for the supported operations): AWSGlue."
              + operation);
    }
    byte[] request =
        body == null || body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body;
    return GlueJson.write(handler.handle(request, caller));
  }

  @Override
  public Set<String> operations() {
    return Collections.unmodifiableSet(new TreeSet<>(handlers.keySet()));
  }

  // ---------------------------------------------------------------- databases

  private Object createDatabase(GlueRequests.CreateDatabase request, Principal caller) {
    checkCatalog(request.catalogId());
    if (request.databaseInput() == null) {
      throw GlueException.invalidInput("Cannot create database: DatabaseInput is required: {}");
    }
    String name =
        Names.normalize(request.databaseInput().name(), "DatabaseInput.Name", "create database");
    caller.require(Access.ADMIN, name, "create database");
    store.createDatabase(Database.from(request.databaseInput(), name, now(), catalogId));
    events.publish(CatalogEvent.databaseChange("CreateDatabase", name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object getDatabase(GlueRequests.GetDatabase request, Principal caller) {
    checkCatalog(request.catalogId());
    String name = Names.normalize(request.name(), "Name", "get database");
    caller.require(Access.READ_ONLY, name, "get database");
    return new GlueResponses.GetDatabase(database(name, "get database"));
  }

  private Object getDatabases(GlueRequests.GetDatabases request, Principal caller) {
    checkCatalog(request.catalogId());
    int limit = Names.pageSize(request.maxResults(), MAX_CATALOG_PAGE, "get databases");
    String after = PageTokens.decode("databases", request.nextToken());
    List<Database> page = new ArrayList<>();
    String lastSeen = after;
    boolean exhausted = false;
    // Databases the caller may not read are skipped, so a page can take several store reads.
    while (page.size() < limit && !exhausted) {
      List<Database> chunk = store.listDatabases(lastSeen, MAX_CATALOG_PAGE);
      exhausted = chunk.size() < MAX_CATALOG_PAGE;
      for (int i = 0; i < chunk.size(); i++) {
        Database database = chunk.get(i);
        lastSeen = database.name();
        if (caller.canRead(database.name())) {
          page.add(database);
          if (page.size() == limit) {
            exhausted = exhausted && i == chunk.size() - 1;
            break;
          }
        }
      }
    }
    String token = exhausted ? null : PageTokens.encode("databases", lastSeen);
    return new GlueResponses.GetDatabases(page, token);
  }

  private Object updateDatabase(GlueRequests.UpdateDatabase request, Principal caller) {
    checkCatalog(request.catalogId());
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
    Database existing = database(name, "update database");
    store.updateDatabase(
        Database.from(request.databaseInput(), name, existing.createTime(), catalogId));
    events.publish(CatalogEvent.databaseChange("UpdateDatabase", name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object deleteDatabase(GlueRequests.DeleteDatabase request, Principal caller) {
    checkCatalog(request.catalogId());
    String name = Names.normalize(request.name(), "Name", "delete database");
    caller.require(Access.ADMIN, name, "delete database");
    store.deleteDatabase(name);
    events.publish(CatalogEvent.databaseChange("DeleteDatabase", name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }

  // ---------------------------------------------------------------- tables

  private Object createTable(GlueRequests.CreateTable request, Principal caller) {
    checkCatalog(request.catalogId());
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
        Table.from(stored, name, database, now, now, createdBy(caller), catalogId, null));
    events.publish(
        CatalogEvent.databaseChange("CreateTable", database, List.of(name), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object getTable(GlueRequests.GetTable request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get table");
    String name = Names.normalize(request.name(), "Name", "get table");
    caller.require(Access.READ_ONLY, database, "get table");
    return new GlueResponses.GetTable(table(database, name, "get table"));
  }

  private Object getTables(GlueRequests.GetTables request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get tables");
    caller.require(Access.READ_ONLY, database, "get tables");
    int limit = Names.pageSize(request.maxResults(), MAX_CATALOG_PAGE, "get tables");
    Pattern filter = tableNamePattern(request.expression());
    database(database, "get tables");
    String lastSeen = PageTokens.decode("tables", request.nextToken());
    List<Table> page = new ArrayList<>();
    boolean exhausted = false;
    while (page.size() < limit && !exhausted) {
      List<Table> chunk = store.listTables(database, lastSeen, MAX_CATALOG_PAGE);
      exhausted = chunk.size() < MAX_CATALOG_PAGE;
      for (int i = 0; i < chunk.size(); i++) {
        Table table = chunk.get(i);
        lastSeen = table.name();
        if (filter == null || filter.matcher(table.name()).matches()) {
          page.add(table);
          if (page.size() == limit) {
            exhausted = exhausted && i == chunk.size() - 1;
            break;
          }
        }
      }
    }
    String token = exhausted ? null : PageTokens.encode("tables", lastSeen);
    return new GlueResponses.GetTables(page, token);
  }

  private Object updateTable(GlueRequests.UpdateTable request, Principal caller) {
    checkCatalog(request.catalogId());
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
    Table existing = table(database, name, "update table");
    TableInput stored = hook.apply(database, input);
    Table updated =
        Table.from(
            stored,
            name,
            database,
            existing.createTime(),
            now(),
            existing.createdBy(),
            catalogId,
            null);
    boolean archive = !Boolean.TRUE.equals(request.skipArchive());
    store.updateTable(updated, request.versionId(), archive);
    events.publish(
        CatalogEvent.tableChange("UpdateTable", database, name, List.of(), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object deleteTable(GlueRequests.DeleteTable request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete table");
    String name = Names.normalize(request.name(), "Name", "delete table");
    caller.require(Access.ADMIN, database, "delete table");
    database(database, "delete table");
    store.deleteTable(database, name);
    events.publish(
        CatalogEvent.databaseChange("DeleteTable", database, List.of(name), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object batchDeleteTable(GlueRequests.BatchDeleteTable request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete tables");
    caller.require(Access.ADMIN, database, "delete tables");
    List<String> names = required(request.tablesToDelete(), "TablesToDelete", "delete tables");
    checkBatch(names.size(), MAX_BATCH_DELETE_TABLES, "TablesToDelete", "delete tables");
    database(database, "delete tables");
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
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get table versions");
    String name = Names.normalize(request.tableName(), "TableName", "get table versions");
    caller.require(Access.READ_ONLY, database, "get table versions");
    int limit = Names.pageSize(request.maxResults(), MAX_CATALOG_PAGE, "get table versions");
    long before = PageTokens.decodeLong("table versions", request.nextToken(), Long.MAX_VALUE);
    List<TableVersion> versions =
        store.listTableVersions(
            database, name, before == Long.MAX_VALUE ? null : before, limit + 1);
    String token = null;
    if (versions.size() > limit) {
      versions = versions.subList(0, limit);
      token = PageTokens.encode("table versions", versions.get(limit - 1).versionId());
    }
    return new GlueResponses.GetTableVersions(versions, token);
  }

  private Object getTableVersion(GlueRequests.GetTableVersion request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get table version");
    String name = Names.normalize(request.tableName(), "TableName", "get table version");
    caller.require(Access.READ_ONLY, database, "get table version");
    if (request.versionId() == null) {
      Table current = table(database, name, "get table version");
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
    checkCatalog(request.catalogId());
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
    checkCatalog(request.catalogId());
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

  // ---------------------------------------------------------------- partitions

  private Object createPartition(GlueRequests.CreatePartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "create partition");
    String name = Names.normalize(request.tableName(), "TableName", "create partition");
    caller.require(Access.ADMIN, database, "create partition");
    Table table = table(database, name, "create partition");
    PartitionInput input = partitionInput(request.partitionInput(), table, "create partition");
    store.createPartition(Partition.from(input, database, name, now(), catalogId));
    events.publish(
        CatalogEvent.tableChange(
            "CreatePartition", database, name, List.of(input.values()), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object batchCreatePartition(GlueRequests.BatchCreatePartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "create partitions");
    String name = Names.normalize(request.tableName(), "TableName", "create partitions");
    caller.require(Access.ADMIN, database, "create partitions");
    List<PartitionInput> inputs =
        required(request.partitionInputList(), "PartitionInputList", "create partitions");
    checkBatch(
        inputs.size(), MAX_BATCH_CREATE_PARTITIONS, "PartitionInputList", "create partitions");
    Table table = table(database, name, "create partitions");
    List<GlueResponses.PartitionError> errors = new ArrayList<>();
    List<Partition> valid = new ArrayList<>();
    Instant now = now();
    for (PartitionInput raw : inputs) {
      try {
        PartitionInput input = partitionInput(raw, table, "create partition");
        valid.add(Partition.from(input, database, name, now, catalogId));
      } catch (GlueException e) {
        errors.add(new GlueResponses.PartitionError(raw == null ? null : raw.values(), detail(e)));
      }
    }
    List<ItemError> failed = store.createPartitions(database, name, valid);
    Set<List<String>> failedKeys = new HashSet<>();
    for (ItemError error : failed) {
      errors.add(new GlueResponses.PartitionError(error.key(), detail(error.error())));
      failedKeys.add(error.key());
    }
    List<List<String>> created = new ArrayList<>();
    for (Partition partition : valid) {
      if (!failedKeys.contains(partition.values())) {
        created.add(partition.values());
      }
    }
    if (!created.isEmpty()) {
      events.publish(
          CatalogEvent.tableChange("BatchCreatePartition", database, name, created, caller.name()));
    }
    return new GlueResponses.BatchCreatePartition(errors);
  }

  private Object getPartition(GlueRequests.GetPartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get partition");
    String name = Names.normalize(request.tableName(), "TableName", "get partition");
    caller.require(Access.READ_ONLY, database, "get partition");
    List<String> values = required(request.partitionValues(), "PartitionValues", "get partition");
    return store
        .getPartition(database, name, values)
        .<Object>map(GlueResponses.GetPartition::new)
        .orElseThrow(
            () -> {
              table(database, name, "get partition");
              return GlueException.notFound(
                  "Cannot get partition: partition not found: "
                      + database
                      + "."
                      + name
                      + " "
                      + values);
            });
  }

  private Object batchGetPartition(GlueRequests.BatchGetPartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get partitions");
    String name = Names.normalize(request.tableName(), "TableName", "get partitions");
    caller.require(Access.READ_ONLY, database, "get partitions");
    List<GlueRequests.PartitionValueList> keys =
        required(request.partitionsToGet(), "PartitionsToGet", "get partitions");
    checkBatch(keys.size(), MAX_BATCH_GET_PARTITIONS, "PartitionsToGet", "get partitions");
    table(database, name, "get partitions");
    List<List<String>> valuesList = new ArrayList<>();
    for (GlueRequests.PartitionValueList key : keys) {
      valuesList.add(required(key.values(), "PartitionsToGet.Values", "get partitions"));
    }
    return new GlueResponses.BatchGetPartition(
        store.getPartitions(database, name, valuesList), List.of());
  }

  private Object getPartitions(GlueRequests.GetPartitions request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get partitions");
    String name = Names.normalize(request.tableName(), "TableName", "get partitions");
    caller.require(Access.READ_ONLY, database, "get partitions");
    int limit = Names.pageSize(request.maxResults(), MAX_PARTITION_PAGE, "get partitions");
    Table table = table(database, name, "get partitions");
    PartitionFilter filter = PartitionFilter.compile(request.expression(), table.partitionKeys());
    int segment = 0;
    int segments = 1;
    if (request.segment() != null) {
      segment = request.segment().segmentNumber() == null ? -1 : request.segment().segmentNumber();
      segments = request.segment().totalSegments() == null ? 0 : request.segment().totalSegments();
      if (segments < 1 || segments > 10 || segment < 0 || segment >= segments) {
        throw GlueException.invalidInput(
            "Cannot get partitions: Segment needs 1 <= TotalSegments <= 10 and 0 <= SegmentNumber"
                + " < TotalSegments: "
                + segment
                + "/"
                + segments);
      }
    }
    boolean excludeColumns = Boolean.TRUE.equals(request.excludeColumnSchema());
    long after = PageTokens.decodeLong("partitions", request.nextToken(), 0L);
    List<Partition> page = new ArrayList<>();
    int scanned = 0;
    boolean exhausted = false;
    while (page.size() < limit && !exhausted && scanned < MAX_PARTITIONS_SCANNED) {
      List<StoredPartition> chunk = store.scanPartitions(database, name, after, MAX_PARTITION_PAGE);
      exhausted = chunk.size() < MAX_PARTITION_PAGE;
      for (int i = 0; i < chunk.size(); i++) {
        StoredPartition stored = chunk.get(i);
        after = stored.seq();
        scanned++;
        List<String> values = stored.partition().values();
        if (Math.floorMod(values.hashCode(), segments) == segment && filter.matches(values)) {
          page.add(excludeColumns ? stored.partition().withoutColumns() : stored.partition());
          if (page.size() == limit) {
            exhausted = exhausted && i == chunk.size() - 1;
            break;
          }
        }
      }
    }
    String token = exhausted ? null : PageTokens.encode("partitions", Long.toString(after));
    return new GlueResponses.GetPartitions(page, token);
  }

  private Object updatePartition(GlueRequests.UpdatePartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "update partition");
    String name = Names.normalize(request.tableName(), "TableName", "update partition");
    caller.require(Access.ADMIN, database, "update partition");
    List<String> values =
        required(request.partitionValueList(), "PartitionValueList", "update partition");
    Table table = table(database, name, "update partition");
    updateOne(table, values, request.partitionInput());
    events.publish(
        CatalogEvent.tableChange(
            "UpdatePartition", database, name, List.of(values), caller.name()));
    return GlueResponses.EMPTY;
  }

  private void updateOne(Table table, List<String> values, PartitionInput rawInput) {
    String database = table.databaseName();
    String name = table.name();
    PartitionInput input =
        rawInput != null && rawInput.values() == null
            ? new PartitionInput(
                values,
                rawInput.lastAccessTime(),
                rawInput.storageDescriptor(),
                rawInput.parameters(),
                rawInput.lastAnalyzedTime())
            : rawInput;
    input = partitionInput(input, table, "update partition");
    Partition existing =
        store
            .getPartition(database, name, values)
            .orElseThrow(
                () ->
                    GlueException.notFound(
                        "Cannot update partition: partition not found: "
                            + database
                            + "."
                            + name
                            + " "
                            + values));
    store.updatePartition(
        database,
        name,
        values,
        Partition.from(input, database, name, existing.creationTime(), catalogId));
  }

  private Object deletePartition(GlueRequests.DeletePartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete partition");
    String name = Names.normalize(request.tableName(), "TableName", "delete partition");
    caller.require(Access.ADMIN, database, "delete partition");
    List<String> values =
        required(request.partitionValues(), "PartitionValues", "delete partition");
    table(database, name, "delete partition");
    store.deletePartition(database, name, values);
    events.publish(
        CatalogEvent.tableChange(
            "DeletePartition", database, name, List.of(values), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object batchDeletePartition(GlueRequests.BatchDeletePartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete partitions");
    String name = Names.normalize(request.tableName(), "TableName", "delete partitions");
    caller.require(Access.ADMIN, database, "delete partitions");
    List<GlueRequests.PartitionValueList> keys =
        required(request.partitionsToDelete(), "PartitionsToDelete", "delete partitions");
    checkBatch(keys.size(), MAX_BATCH_DELETE_PARTITIONS, "PartitionsToDelete", "delete partitions");
    table(database, name, "delete partitions");
    List<GlueResponses.PartitionError> errors = new ArrayList<>();
    List<List<String>> deleted = new ArrayList<>();
    for (GlueRequests.PartitionValueList key : keys) {
      try {
        List<String> values =
            required(key.values(), "PartitionsToDelete.Values", "delete partition");
        store.deletePartition(database, name, values);
        deleted.add(values);
      } catch (GlueException e) {
        errors.add(new GlueResponses.PartitionError(key.values(), detail(e)));
      }
    }
    if (!deleted.isEmpty()) {
      events.publish(
          CatalogEvent.tableChange("BatchDeletePartition", database, name, deleted, caller.name()));
    }
    return new GlueResponses.BatchDeletePartition(errors);
  }

  private Object batchUpdatePartition(GlueRequests.BatchUpdatePartition request, Principal caller) {
    checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "update partitions");
    String name = Names.normalize(request.tableName(), "TableName", "update partitions");
    caller.require(Access.ADMIN, database, "update partitions");
    List<GlueRequests.BatchUpdatePartitionEntry> entries =
        required(request.entries(), "Entries", "update partitions");
    checkBatch(entries.size(), MAX_BATCH_UPDATE_PARTITIONS, "Entries", "update partitions");
    Table table = table(database, name, "update partitions");
    List<GlueResponses.BatchUpdatePartitionFailureEntry> errors = new ArrayList<>();
    List<List<String>> updated = new ArrayList<>();
    for (GlueRequests.BatchUpdatePartitionEntry entry : entries) {
      try {
        List<String> values =
            required(entry.partitionValueList(), "Entries.PartitionValueList", "update partition");
        updateOne(table, values, entry.partitionInput());
        updated.add(values);
      } catch (GlueException e) {
        errors.add(
            new GlueResponses.BatchUpdatePartitionFailureEntry(
                entry.partitionValueList(), detail(e)));
      }
    }
    if (!updated.isEmpty()) {
      events.publish(
          CatalogEvent.tableChange("BatchUpdatePartition", database, name, updated, caller.name()));
    }
    return new GlueResponses.BatchUpdatePartition(errors);
  }

  // ---------------------------------------------------------------- helpers

  private void checkCatalog(String requested) {
    if (requested != null && !requested.equals(catalogId)) {
      throw GlueException.notFound(
          "Cannot find catalog: this bridge serves catalog "
              + catalogId
              + " (config key catalog.id): "
              + requested);
    }
  }

  private Database database(String name, String action) {
    return store
        .getDatabase(name)
        .orElseThrow(
            () -> GlueException.notFound("Cannot " + action + ": database not found: " + name));
  }

  private Table table(String database, String name, String action) {
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

  private static PartitionInput partitionInput(PartitionInput input, Table table, String action) {
    String qualified = table.databaseName() + "." + table.name();
    if (input == null || input.values() == null) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": PartitionInput.Values is required: " + qualified);
    }
    int keys = table.partitionKeys() == null ? 0 : table.partitionKeys().size();
    if (input.values().size() != keys) {
      throw GlueException.invalidInput(
          "Cannot "
              + action
              + ": "
              + input.values().size()
              + " values for "
              + keys
              + " partition keys "
              + (table.partitionKeys() == null
                  ? "[]"
                  : table.partitionKeys().stream().map(Column::name).toList())
              + ": "
              + qualified
              + " "
              + input.values());
    }
    for (String value : input.values()) {
      if (value == null) {
        throw GlueException.invalidInput(
            "Cannot " + action + ": partition values cannot be null: " + qualified);
      }
    }
    return input;
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

  private static <T> List<T> required(List<T> list, String member, String action) {
    if (list == null) {
      throw GlueException.invalidInput("Cannot " + action + ": " + member + " is required: null");
    }
    return list;
  }

  private static void checkBatch(int size, int max, String member, String action) {
    if (size > max) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": " + member + " holds at most " + max + " items: " + size);
    }
  }

  private static GlueResponses.ErrorDetail detail(GlueException e) {
    return new GlueResponses.ErrorDetail(e.type().typeName(), e.getMessage());
  }

  private String createdBy(Principal caller) {
    return "arn:aws:iam::" + catalogId + ":user/" + caller.name();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }
}
