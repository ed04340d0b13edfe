package io.driftway.catalogbridge.api;

import static io.driftway.catalogbridge.api.OperationContext.checkBatch;
import static io.driftway.catalogbridge.api.OperationContext.detail;
import static io.driftway.catalogbridge.api.OperationContext.now;
import static io.driftway.catalogbridge.api.OperationContext.required;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.events.CatalogEvent;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.expression.PartitionFilter;
import io.driftway.catalogbridge.model.Column;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.Partition;
import io.driftway.catalogbridge.model.PartitionInput;
import io.driftway.catalogbridge.model.Table;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.ItemError;
import io.driftway.catalogbridge.store.StoredPartition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The partition operations: one partition or a batch, GetPartitions with Glue's partition
 * expression filter and segments, and the batch deletes and updates that answer per partition.
 */
final class PartitionOperations {

  private static final int MAX_PARTITIONS_PAGE = 1000;

  /** Bounds the work of one GetPartitions call; a selective filter returns a token to go on. */
  private static final int MAX_PARTITIONS_SCANNED = 20_000;

  private static final int MAX_BATCH_CREATE_PARTITIONS = 100;
  private static final int MAX_BATCH_GET_PARTITIONS = 1000;
  private static final int MAX_BATCH_DELETE_PARTITIONS = 25;
  private static final int MAX_BATCH_UPDATE_PARTITIONS = 100;

  private final OperationContext context;
  private final CatalogStore store;
  private final EventDispatcher events;

  PartitionOperations(OperationContext context) {
    this.context = context;
    this.store = context.store();
    this.events = context.events();
  }

  /** Registers these operations by their Glue names. */
  void addTo(DefaultGlueApi api) {
    api.add("CreatePartition", GlueRequests.CreatePartition.class, this::createPartition);
    api.add(
        "BatchCreatePartition",
        GlueRequests.BatchCreatePartition.class,
        this::batchCreatePartition);
    api.add("GetPartition", GlueRequests.GetPartition.class, this::getPartition);
    api.add("BatchGetPartition", GlueRequests.BatchGetPartition.class, this::batchGetPartition);
    api.add("GetPartitions", GlueRequests.GetPartitions.class, this::getPartitions);
    api.add("UpdatePartition", GlueRequests.UpdatePartition.class, this::updatePartition);
    api.add("DeletePartition", GlueRequests.DeletePartition.class, this::deletePartition);
    api.add(
        "BatchDeletePartition",
        GlueRequests.BatchDeletePartition.class,
        this::batchDeletePartition);
    api.add(
        "BatchUpdatePartition",
        GlueRequests.BatchUpdatePartition.class,
        this::batchUpdatePartition);
  }

  private Object createPartition(GlueRequests.CreatePartition request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "create partition");
    String name = Names.normalize(request.tableName(), "TableName", "create partition");
    caller.require(Access.ADMIN, database, "create partition");
    Table table = context.table(database, name, "create partition");
    PartitionInput input = partitionInput(request.partitionInput(), table, "create partition");
    store.createPartition(Partition.from(input, database, name, now(), context.catalogId()));
    events.publish(
        CatalogEvent.tableChange(
            "CreatePartition", database, name, List.of(input.values()), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object batchCreatePartition(GlueRequests.BatchCreatePartition request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "create partitions");
    String name = Names.normalize(request.tableName(), "TableName", "create partitions");
    caller.require(Access.ADMIN, database, "create partitions");
    List<PartitionInput> inputs =
        required(request.partitionInputList(), "PartitionInputList", "create partitions");
    checkBatch(
        inputs.size(), MAX_BATCH_CREATE_PARTITIONS, "PartitionInputList", "create partitions");
    Table table = context.table(database, name, "create partitions");
    List<GlueResponses.PartitionError> errors = new ArrayList<>();
    List<Partition> valid = new ArrayList<>();
    Instant now = now();
    for (PartitionInput raw : inputs) {
      try {
        PartitionInput input = partitionInput(raw, table, "create partition");
        valid.add(Partition.from(input, database, name, now, context.catalogId()));
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
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get partition");
    String name = Names.normalize(request.tableName(), "TableName", "get partition");
    caller.require(Access.READ_ONLY, database, "get partition");
    List<String> values = required(request.partitionValues(), "PartitionValues", "get partition");
    return store
        .getPartition(database, name, values)
        .<Object>map(GlueResponses.GetPartition::new)
        .orElseThrow(
            () -> {
              context.table(database, name, "get partition");
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
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get partitions");
    String name = Names.normalize(request.tableName(), "TableName", "get partitions");
    caller.require(Access.READ_ONLY, database, "get partitions");
    List<GlueRequests.PartitionValueList> keys =
        required(request.partitionsToGet(), "PartitionsToGet", "get partitions");
    checkBatch(keys.size(), MAX_BATCH_GET_PARTITIONS, "PartitionsToGet", "get partitions");
    context.table(database, name, "get partitions");
    List<List<String>> valuesList = new ArrayList<>();
    for (GlueRequests.PartitionValueList key : keys) {
      valuesList.add(required(key.values(), "PartitionsToGet.Values", "get partitions"));
    }
    return new GlueResponses.BatchGetPartition(
        store.getPartitions(database, name, valuesList), List.of());
  }

  private Object getPartitions(GlueRequests.GetPartitions request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "get partitions");
    String name = Names.normalize(request.tableName(), "TableName", "get partitions");
    caller.require(Access.READ_ONLY, database, "get partitions");
    int limit = Names.pageSize(request.maxResults(), MAX_PARTITIONS_PAGE, "get partitions");
    Table table = context.table(database, name, "get partitions");
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
    int segmentNumber = segment;
    int totalSegments = segments;
    Pager.Page<StoredPartition> page =
        Pager.<StoredPartition>byNumber(
                "partitions",
                0L,
                (after, count) -> store.scanPartitions(database, name, after, count),
                StoredPartition::seq)
            .keep(
                stored -> {
                  List<String> values = stored.partition().values();
                  return Math.floorMod(values.hashCode(), totalSegments) == segmentNumber
                      && filter.matches(values);
                })
            .readingChunksOf(MAX_PARTITIONS_PAGE)
            .scanningAtMost(MAX_PARTITIONS_SCANNED)
            .page(request.nextToken(), limit);
    List<Partition> partitions =
        page.items().stream()
            .map(StoredPartition::partition)
            .map(partition -> excludeColumns ? partition.withoutColumns() : partition)
            .toList();
    return new GlueResponses.GetPartitions(partitions, page.nextToken());
  }

  private Object updatePartition(GlueRequests.UpdatePartition request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "update partition");
    String name = Names.normalize(request.tableName(), "TableName", "update partition");
    caller.require(Access.ADMIN, database, "update partition");
    List<String> values =
        required(request.partitionValueList(), "PartitionValueList", "update partition");
    Table table = context.table(database, name, "update partition");
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
        Partition.from(input, database, name, existing.creationTime(), context.catalogId()));
  }

  private Object deletePartition(GlueRequests.DeletePartition request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete partition");
    String name = Names.normalize(request.tableName(), "TableName", "delete partition");
    caller.require(Access.ADMIN, database, "delete partition");
    List<String> values =
        required(request.partitionValues(), "PartitionValues", "delete partition");
    context.table(database, name, "delete partition");
    store.deletePartition(database, name, values);
    events.publish(
        CatalogEvent.tableChange(
            "DeletePartition", database, name, List.of(values), caller.name()));
    return GlueResponses.EMPTY;
  }

  private Object batchDeletePartition(GlueRequests.BatchDeletePartition request, Principal caller) {
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "delete partitions");
    String name = Names.normalize(request.tableName(), "TableName", "delete partitions");
    caller.require(Access.ADMIN, database, "delete partitions");
    List<GlueRequests.PartitionValueList> keys =
        required(request.partitionsToDelete(), "PartitionsToDelete", "delete partitions");
    checkBatch(keys.size(), MAX_BATCH_DELETE_PARTITIONS, "PartitionsToDelete", "delete partitions");
    context.table(database, name, "delete partitions");
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
    context.checkCatalog(request.catalogId());
    String database = Names.normalize(request.databaseName(), "DatabaseName", "update partitions");
    String name = Names.normalize(request.tableName(), "TableName", "update partitions");
    caller.require(Access.ADMIN, database, "update partitions");
    List<GlueRequests.BatchUpdatePartitionEntry> entries =
        required(request.entries(), "Entries", "update partitions");
    checkBatch(entries.size(), MAX_BATCH_UPDATE_PARTITIONS, "Entries", "update partitions");
    Table table = context.table(database, name, "update partitions");
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
}
