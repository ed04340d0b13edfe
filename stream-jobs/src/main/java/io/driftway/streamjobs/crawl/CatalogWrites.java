package io.driftway.streamjobs.crawl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
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

  /**
   * What {@link #writeTable} did: the column changes applied ({@code "name type"}, {@code "name old
   * -> new"}), those only noted under UpdateBehavior LOG, and the table's storage descriptor that
   * new partitions copy.
   */
  record TableWrite(
      boolean created,
      boolean updated,
      List<String> added,
      List<String> changed,
      List<String> notApplied,
      StorageDescriptor storage) {}

  /**
   * The catalog's partitions after {@link #reconcile}: how many folders are still there, and the
   * {@code a/b} names of those gone, by what was done with them.
   */
  record KnownPartitions(
      int kept, List<String> deleted, List<String> deprecated, List<String> logged) {}

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

  /**
   * Creates the table ({@code existing} null), or moves it to {@code shape} when its columns moved
   * ({@code added}, {@code changed}) or it was deprecated: written with UpdateBehavior {@code
   * UPDATE_IN_DATABASE}, only noted with {@code LOG}. An existing table whose format is unknown
   * ({@code shape.format()} null) is left as it is.
   */
  TableWrite writeTable(
      Table existing, TableInputs.Shape shape, List<String> added, List<String> changed) {
    if (existing == null) {
      TableInput input = TableInputs.table(request.table(), shape);
      glue.createTable(b -> b.databaseName(request.database()).tableInput(input));
      note.accept("created table " + qualified() + " (" + shape.format().classification() + ")");
      return new TableWrite(true, false, added, changed, List.of(), input.storageDescriptor());
    }
    boolean deprecated =
        existing.hasParameters() && existing.parameters().containsKey(TableInputs.DEPRECATED);
    boolean schemaMoved = !added.isEmpty() || !changed.isEmpty();
    if (!(schemaMoved || deprecated) || shape.format() == null) {
      return new TableWrite(false, false, added, changed, List.of(), existing.storageDescriptor());
    }
    if (request.updateBehavior() == UpdateBehavior.UPDATE_IN_DATABASE) {
      TableInput input = TableInputs.update(existing, shape);
      glue.updateTable(b -> b.databaseName(request.database()).tableInput(input));
      added.forEach(c -> note.accept("added column " + c));
      changed.forEach(c -> note.accept("changed column " + c));
      return new TableWrite(false, true, added, changed, List.of(), input.storageDescriptor());
    }
    List<String> notApplied = new ArrayList<>();
    added.forEach(c -> notApplied.add("add column " + c));
    changed.forEach(c -> notApplied.add("change column " + c));
    if (deprecated) {
      notApplied.add("remove " + TableInputs.DEPRECATED);
    }
    notApplied.forEach(c -> note.accept("UpdateBehavior LOG, not applied: " + c));
    return new TableWrite(
        false, false, List.of(), List.of(), notApplied, existing.storageDescriptor());
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

  /**
   * The catalog's partitions against the walk: one whose folder was seen is kept (and revived if
   * deprecated); the others are deleted, deprecated or only logged, by DeleteBehavior.
   */
  KnownPartitions reconcile(Map<List<String>, Partition> known, Predicate<List<String>> seen) {
    int kept = 0;
    List<Partition> gone = new ArrayList<>();
    for (Map.Entry<List<String>, Partition> entry : known.entrySet()) {
      if (seen.test(entry.getKey())) {
        kept++;
        revive(entry.getValue());
      } else {
        gone.add(entry.getValue());
      }
    }
    gone.sort(Comparator.comparing(p -> String.join("/", p.values())));
    List<String> deleted = new ArrayList<>();
    List<String> deprecated = new ArrayList<>();
    List<String> logged = new ArrayList<>();
    retire(gone, deleted, deprecated, logged);
    return new KnownPartitions(kept, deleted, deprecated, logged);
  }

  private void retire(
      List<Partition> gone, List<String> deleted, List<String> deprecated, List<String> logged) {
    if (gone.isEmpty()) {
      return;
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
  }

  /**
   * A deprecated partition whose folder is back loses its marker (UPDATE_IN_DATABASE only); its
   * folder was seen in its parent's listing, so nothing below it is listed for this.
   */
  private void revive(Partition partition) {
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
        TableInput input = TableInputs.withParameters(existing, parameters);
        glue.updateTable(b -> b.databaseName(request.database()).tableInput(input));
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
