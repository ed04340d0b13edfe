package io.driftway.streamjobs.crawl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/**
 * The catalog side of one crawl: reads the target table and its partitions from Glue, creates or
 * updates the table, adds new partitions, and deletes, deprecates ({@code DEPRECATED_BY_CRAWLER},
 * epoch milliseconds) or only logs the ones whose folders are gone, by the request's
 * DeleteBehavior. Every write is noted in the crawl's log.
 *
 * <p>Used by one crawl on one thread: make one per crawl.
 */
final class CatalogWrites {

  private static final int CREATE_BATCH = 100;
  private static final int DELETE_BATCH = 25;

  /** The partitions whose folders are gone, by what was done with them ({@code a/b} names). */
  record Gone(List<String> deleted, List<String> deprecated, List<String> logged) {}

  private final GlueClient glue;
  private final CrawlRequest request;
  private final Clock clock;
  private final Consumer<String> note;

  CatalogWrites(GlueClient glue, CrawlRequest request, Clock clock, Consumer<String> note) {
    this.glue = glue;
    this.request = request;
    this.clock = clock;
    this.note = note;
  }

  /** Creates the request's database when Glue does not have it. */
  void ensureDatabase() {
    try {
      glue.getDatabase(b -> b.name(request.database()));
    } catch (EntityNotFoundException e) {
      glue.createDatabase(
          b -> b.databaseInput(DatabaseInput.builder().name(request.database()).build()));
      note.accept("created database " + request.database());
    }
  }

  /** The target table, or null when there is none. */
  Table table() {
    try {
      return glue.getTable(b -> b.databaseName(request.database()).name(request.table())).table();
    } catch (EntityNotFoundException e) {
      return null;
    }
  }

  /** A crawl never takes over an Iceberg table, nor a table of another location. */
  void refuseForeign(Table existing) {
    if (existing == null) {
      return;
    }
    if (existing.hasParameters()) {
      for (Map.Entry<String, String> parameter : existing.parameters().entrySet()) {
        if (parameter.getKey().equalsIgnoreCase("table_type")
            && "ICEBERG".equalsIgnoreCase(parameter.getValue())) {
          throw new CrawlException(
              "Cannot crawl: the table is an Iceberg table, kept up to date by its writers: "
                  + qualified());
        }
      }
    }
    String location =
        existing.storageDescriptor() == null ? null : existing.storageDescriptor().location();
    if (location != null
        && !location.isBlank()
        && !Locations.folder(location).equals(request.location())) {
      throw new CrawlException(
          "Cannot crawl: the table "
              + qualified()
              + " has another location ("
              + location
              + "); crawl that one or name another table: "
              + request.location());
    }
  }

  /** The table's partitions with one value per key, without their columns, by values. */
  Map<List<String>, Partition> partitions(int keyCount) {
    Map<List<String>, Partition> known = new LinkedHashMap<>();
    String token = null;
    do {
      String next = token;
      GetPartitionsResponse page =
          glue.getPartitions(
              b ->
                  b.databaseName(request.database())
                      .tableName(request.table())
                      .excludeColumnSchema(true)
                      .nextToken(next));
      for (Partition partition : page.partitions()) {
        if (partition.values().size() == keyCount) {
          known.put(List.copyOf(partition.values()), partition);
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return known;
  }

  void createTable(TableInput input) {
    glue.createTable(b -> b.databaseName(request.database()).tableInput(input));
  }

  void updateTable(TableInput input) {
    glue.updateTable(b -> b.databaseName(request.database()).tableInput(input));
  }

  /** Adds a partition per new partition folder, in batches; returns their {@code a/b} names. */
  List<String> addPartitions(List<FolderWalk.Leaf> leaves, StorageDescriptor tableStorage) {
    List<PartitionInput> inputs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (FolderWalk.Leaf leaf : leaves) {
      if (!leaf.values().isEmpty()) {
        inputs.add(TableInputs.partition(leaf.values(), tableStorage, leaf.location()));
        names.add(String.join("/", leaf.values()));
      }
    }
    for (int from = 0; from < inputs.size(); from += CREATE_BATCH) {
      List<PartitionInput> batch =
          inputs.subList(from, Math.min(inputs.size(), from + CREATE_BATCH));
      BatchCreatePartitionResponse response =
          glue.batchCreatePartition(
              b ->
                  b.databaseName(request.database())
                      .tableName(request.table())
                      .partitionInputList(batch));
      failOn(response.errors(), "create");
    }
    names.forEach(n -> note.accept("added partition " + n));
    return names;
  }

  /** Deletes, deprecates or logs the partitions whose folders are gone, by DeleteBehavior. */
  Gone retirePartitions(List<Partition> gone) {
    List<String> deleted = new ArrayList<>();
    List<String> deprecated = new ArrayList<>();
    List<String> logged = new ArrayList<>();
    if (gone.isEmpty()) {
      return new Gone(deleted, deprecated, logged);
    }
    DeleteBehavior behavior = request.deleteBehavior();
    if (behavior == DeleteBehavior.DELETE_FROM_DATABASE) {
      for (int from = 0; from < gone.size(); from += DELETE_BATCH) {
        List<PartitionValueList> batch = new ArrayList<>();
        for (Partition p : gone.subList(from, Math.min(gone.size(), from + DELETE_BATCH))) {
          batch.add(PartitionValueList.builder().values(p.values()).build());
        }
        BatchDeletePartitionResponse response =
            glue.batchDeletePartition(
                b ->
                    b.databaseName(request.database())
                        .tableName(request.table())
                        .partitionsToDelete(batch));
        failOn(response.errors(), "delete");
      }
      gone.forEach(p -> deleted.add(String.join("/", p.values())));
      deleted.forEach(n -> note.accept("deleted partition " + n + " (its folder is gone)"));
    } else if (behavior == DeleteBehavior.DEPRECATE_IN_DATABASE) {
      String now = Long.toString(clock.millis());
      for (Partition p : gone) {
        if (p.hasParameters() && p.parameters().containsKey(TableInputs.DEPRECATED)) {
          continue;
        }
        Map<String, String> parameters = new TreeMap<>();
        if (p.hasParameters()) {
          parameters.putAll(p.parameters());
        }
        parameters.put(TableInputs.DEPRECATED, now);
        updatePartition(p.values(), parameters);
        String name = String.join("/", p.values());
        deprecated.add(name);
        note.accept("deprecated partition " + name + " (its folder is gone)");
      }
    } else {
      gone.forEach(p -> logged.add(String.join("/", p.values())));
      logged.forEach(n -> note.accept("DeleteBehavior LOG: partition " + n + " is gone, kept"));
    }
    return new Gone(deleted, deprecated, logged);
  }

  /**
   * A deprecated partition whose folder is back loses its marker (UPDATE_IN_DATABASE only); its
   * folder was seen in its parent's listing, so nothing below it is listed for this.
   */
  void revive(Partition partition) {
    if (!partition.hasParameters() || !partition.parameters().containsKey(TableInputs.DEPRECATED)) {
      return;
    }
    String name = String.join("/", partition.values());
    if (request.updateBehavior() != UpdateBehavior.UPDATE_IN_DATABASE) {
      note.accept("UpdateBehavior LOG: partition " + name + " is back, still deprecated");
      return;
    }
    Map<String, String> parameters = new TreeMap<>(partition.parameters());
    parameters.remove(TableInputs.DEPRECATED);
    updatePartition(partition.values(), parameters);
    note.accept("partition " + name + " is back, no longer deprecated");
  }

  /** Deletes, deprecates or logs a table whose location holds nothing, by DeleteBehavior. */
  void retireTable(Table existing) {
    DeleteBehavior behavior = request.deleteBehavior();
    if (behavior == DeleteBehavior.DELETE_FROM_DATABASE) {
      glue.deleteTable(b -> b.databaseName(request.database()).name(request.table()));
      note.accept("deleted table " + qualified() + " (its location holds nothing)");
    } else if (behavior == DeleteBehavior.DEPRECATE_IN_DATABASE) {
      Map<String, String> parameters = new LinkedHashMap<>();
      if (existing.hasParameters()) {
        parameters.putAll(existing.parameters());
      }
      if (!parameters.containsKey(TableInputs.DEPRECATED)) {
        parameters.put(TableInputs.DEPRECATED, Long.toString(clock.millis()));
        updateTable(TableInputs.withParameters(existing, parameters));
      }
      note.accept("deprecated table " + qualified() + " (its location holds nothing)");
    } else {
      note.accept("DeleteBehavior LOG: table " + qualified() + " has no files, kept");
    }
  }

  String qualified() {
    return request.database() + "." + request.table();
  }

  /** Rewrites a partition's parameters, keeping its storage (read in full first). */
  private void updatePartition(List<String> values, Map<String, String> parameters) {
    // A full read: partitions are listed without their columns (ExcludeColumnSchema).
    Partition full =
        glue.getPartition(
                b ->
                    b.databaseName(request.database())
                        .tableName(request.table())
                        .partitionValues(values))
            .partition();
    glue.updatePartition(
        b ->
            b.databaseName(request.database())
                .tableName(request.table())
                .partitionValueList(values)
                .partitionInput(
                    PartitionInput.builder()
                        .values(full.values())
                        .storageDescriptor(full.storageDescriptor())
                        .parameters(parameters)
                        .lastAccessTime(full.lastAccessTime())
                        .build()));
  }

  private void failOn(List<PartitionError> errors, String action) {
    if (!errors.isEmpty()) {
      PartitionError first = errors.get(0);
      throw new CrawlException(
          "Cannot crawl: "
              + errors.size()
              + " partitions could not be "
              + (action.equals("create") ? "created" : "deleted")
              + ": "
              + qualified()
              + " "
              + String.join("/", first.partitionValues())
              + ": "
              + first.errorDetail().errorMessage());
    }
  }
}
