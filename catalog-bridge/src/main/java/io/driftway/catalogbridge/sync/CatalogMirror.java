package io.driftway.catalogbridge.sync;

import io.driftway.catalogbridge.sync.MirrorReport.Action;
import io.driftway.catalogbridge.sync.MirrorReport.Entity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * Copies databases, tables and partitions from one Glue endpoint to another (a bridge to AWS Glue
 * in production; any two Glue endpoints work). Incremental: each entry is compared with the target
 * and written only when it differs, so a second run over an unchanged catalog writes nothing. A
 * failed entry is reported and the run goes on; the next run retries it.
 *
 * <pre>{@code
 * try (GlueClient bridge = GlueClients.create(bridgeUri, "us-east-1", key, secret);
 *     GlueClient aws = GlueClients.create(null, "eu-west-1", null, null)) {
 *   MirrorReport report = CatalogMirror.run(bridge, aws, MirrorOptions.all());
 *   report.summary().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class CatalogMirror {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogMirror.class);

  private final GlueClient source;
  private final GlueClient target;
  private final MirrorOptions options;
  private final MirrorReport report;

  private CatalogMirror(GlueClient source, GlueClient target, MirrorOptions options) {
    this.source = source;
    this.target = target;
    this.options = options;
    this.report = new MirrorReport(options.dryRun());
  }

  /** Mirrors {@code source} into {@code target}; never throws for a single failed entry. */
  public static MirrorReport run(GlueClient source, GlueClient target, MirrorOptions options) {
    CatalogMirror mirror = new CatalogMirror(source, target, options);
    mirror.mirrorDatabases();
    return mirror.report;
  }

  private void mirrorDatabases() {
    Set<String> wanted = new HashSet<>();
    options.databases().forEach(db -> wanted.add(db.toLowerCase(Locale.ROOT)));
    List<Database> databases = new ArrayList<>();
    source.getDatabasesPaginator(r -> r.maxResults(100)).stream()
        .flatMap(page -> page.databaseList().stream())
        .filter(db -> wanted.isEmpty() || wanted.contains(db.name()))
        .forEach(databases::add);
    for (Database database : databases) {
      if (mirrorDatabase(database)) {
        mirrorTables(database.name());
      }
    }
    if (options.deleteExtra() && wanted.isEmpty()) {
      Set<String> names = new HashSet<>();
      databases.forEach(db -> names.add(db.name()));
      target
          .getDatabasesPaginator(r -> r.catalogId(options.targetCatalogId()).maxResults(100))
          .stream()
          .flatMap(page -> page.databaseList().stream())
          .filter(db -> !names.contains(db.name()))
          .forEach(
              db ->
                  write(
                      Entity.DATABASE,
                      Action.DELETED,
                      db.name(),
                      () ->
                          target.deleteDatabase(
                              r -> r.catalogId(options.targetCatalogId()).name(db.name()))));
    }
  }

  /**
   * Creates or updates the database; false when it could not be written (its tables are skipped).
   */
  private boolean mirrorDatabase(Database database) {
    DatabaseInput input = SdkShapes.input(database);
    Database existing;
    try {
      existing =
          target
              .getDatabase(r -> r.catalogId(options.targetCatalogId()).name(database.name()))
              .database();
    } catch (EntityNotFoundException e) {
      existing = null;
    }
    if (existing == null) {
      return write(
          Entity.DATABASE,
          Action.CREATED,
          database.name(),
          () ->
              target.createDatabase(
                  r -> r.catalogId(options.targetCatalogId()).databaseInput(input)));
    }
    if (SdkShapes.input(existing).equals(input)) {
      report.record(Entity.DATABASE, Action.UNCHANGED, database.name(), null);
      return true;
    }
    return write(
        Entity.DATABASE,
        Action.UPDATED,
        database.name(),
        () ->
            target.updateDatabase(
                r ->
                    r.catalogId(options.targetCatalogId())
                        .name(database.name())
                        .databaseInput(input)));
  }

  private void mirrorTables(String database) {
    Map<String, Table> sourceTables = tables(source, null, database);
    Map<String, Table> targetTables = tables(target, options.targetCatalogId(), database);
    for (Table table : sourceTables.values()) {
      String name = database + "." + table.name();
      Table existing = targetTables.get(table.name());
      TableInput input = SdkShapes.input(table);
      boolean written;
      if (existing == null) {
        written =
            write(
                Entity.TABLE,
                Action.CREATED,
                name,
                () ->
                    target.createTable(
                        r ->
                            r.catalogId(options.targetCatalogId())
                                .databaseName(database)
                                .tableInput(input)));
      } else if (SdkShapes.input(existing).equals(input)) {
        report.record(Entity.TABLE, Action.UNCHANGED, name, null);
        written = true;
      } else {
        // The target's VersionId guards against a writer on the target side in between.
        written =
            write(
                Entity.TABLE,
                Action.UPDATED,
                name,
                () ->
                    target.updateTable(
                        r ->
                            r.catalogId(options.targetCatalogId())
                                .databaseName(database)
                                .tableInput(input)
                                .versionId(existing.versionId())
                                .skipArchive(false)));
      }
      if (written && !table.partitionKeys().isEmpty()) {
        mirrorPartitions(database, table.name(), existing == null);
      }
    }
    if (options.deleteExtra()) {
      for (String extra : targetTables.keySet()) {
        if (!sourceTables.containsKey(extra)) {
          write(
              Entity.TABLE,
              Action.DELETED,
              database + "." + extra,
              () ->
                  target.deleteTable(
                      r ->
                          r.catalogId(options.targetCatalogId())
                              .databaseName(database)
                              .name(extra)));
        }
      }
    }
  }

  private void mirrorPartitions(String database, String table, boolean targetIsNew) {
    Map<List<String>, Partition> sourceParts = partitions(source, null, database, table);
    Map<List<String>, Partition> targetParts =
        targetIsNew ? Map.of() : partitions(target, options.targetCatalogId(), database, table);
    List<PartitionInput> toCreate = new ArrayList<>();
    List<BatchUpdatePartitionRequestEntry> toUpdate = new ArrayList<>();
    for (Map.Entry<List<String>, Partition> entry : sourceParts.entrySet()) {
      PartitionInput input = SdkShapes.input(entry.getValue());
      Partition existing = targetParts.get(entry.getKey());
      if (existing == null) {
        toCreate.add(input);
      } else if (SdkShapes.input(existing).equals(input)) {
        report.record(
            Entity.PARTITION, Action.UNCHANGED, label(database, table, entry.getKey()), null);
      } else {
        toUpdate.add(
            BatchUpdatePartitionRequestEntry.builder()
                .partitionValueList(entry.getKey())
                .partitionInput(input)
                .build());
      }
    }
    for (List<PartitionInput> chunk : chunks(toCreate, 100)) {
      batch(
          database,
          table,
          Action.CREATED,
          chunk.stream().map(PartitionInput::values).toList(),
          () ->
              target
                  .batchCreatePartition(
                      r ->
                          r.catalogId(options.targetCatalogId())
                              .databaseName(database)
                              .tableName(table)
                              .partitionInputList(chunk))
                  .errors()
                  .stream()
                  .map(e -> new Failure(e.partitionValues(), e.errorDetail().errorMessage()))
                  .toList());
    }
    for (List<BatchUpdatePartitionRequestEntry> chunk : chunks(toUpdate, 100)) {
      batch(
          database,
          table,
          Action.UPDATED,
          chunk.stream().map(BatchUpdatePartitionRequestEntry::partitionValueList).toList(),
          () ->
              target
                  .batchUpdatePartition(
                      r ->
                          r.catalogId(options.targetCatalogId())
                              .databaseName(database)
                              .tableName(table)
                              .entries(chunk))
                  .errors()
                  .stream()
                  .map(e -> new Failure(e.partitionValueList(), e.errorDetail().errorMessage()))
                  .toList());
    }
    if (options.deleteExtra()) {
      List<List<String>> extra = new ArrayList<>();
      for (List<String> values : targetParts.keySet()) {
        if (!sourceParts.containsKey(values)) {
          extra.add(values);
        }
      }
      for (List<List<String>> chunk : chunks(extra, 25)) {
        batch(
            database,
            table,
            Action.DELETED,
            chunk,
            () ->
                target
                    .batchDeletePartition(
                        r ->
                            r.catalogId(options.targetCatalogId())
                                .databaseName(database)
                                .tableName(table)
                                .partitionsToDelete(
                                    chunk.stream()
                                        .map(v -> PartitionValueList.builder().values(v).build())
                                        .toList()))
                    .errors()
                    .stream()
                    .map(e -> new Failure(e.partitionValues(), e.errorDetail().errorMessage()))
                    .toList());
      }
    }
  }

  private record Failure(List<String> values, String message) {}

  private interface BatchCall {
    List<Failure> run();
  }

  private void batch(
      String database, String table, Action action, List<List<String>> values, BatchCall call) {
    Map<List<String>, String> failed = new LinkedHashMap<>();
    if (!options.dryRun()) {
      try {
        for (Failure failure : call.run()) {
          failed.put(failure.values(), failure.message());
        }
      } catch (GlueException e) {
        values.forEach(v -> failed.put(v, e.awsErrorDetails().errorMessage()));
      }
    }
    for (List<String> v : values) {
      String label = label(database, table, v);
      if (failed.containsKey(v)) {
        LOG.warn("Cannot mirror partition {}: {}", label, failed.get(v));
        report.record(Entity.PARTITION, Action.FAILED, label, failed.get(v));
      } else {
        report.record(Entity.PARTITION, action, label, null);
      }
    }
  }

  /** Runs one write unless this is a dry run; records the outcome; false when it failed. */
  private boolean write(Entity entity, Action action, String name, Runnable call) {
    if (options.dryRun()) {
      report.record(entity, action, name, null);
      return true;
    }
    try {
      call.run();
      report.record(entity, action, name, null);
      return true;
    } catch (GlueException e) {
      String message =
          e.awsErrorDetails() == null
              ? e.getMessage()
              : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
      LOG.warn("Cannot mirror {} {}: {}", entity.name().toLowerCase(Locale.ROOT), name, message);
      report.record(entity, Action.FAILED, name, message);
      return false;
    }
  }

  /** The tables of a database; none when the database does not exist (yet, in a dry run). */
  private static Map<String, Table> tables(GlueClient glue, String catalogId, String database) {
    Map<String, Table> tables = new LinkedHashMap<>();
    try {
      glue
          .getTablesPaginator(r -> r.catalogId(catalogId).databaseName(database).maxResults(100))
          .stream()
          .flatMap(page -> page.tableList().stream())
          .forEach(table -> tables.put(table.name(), table));
    } catch (EntityNotFoundException e) {
      return Map.of();
    }
    return tables;
  }

  private static Map<List<String>, Partition> partitions(
      GlueClient glue, String catalogId, String database, String table) {
    Map<List<String>, Partition> partitions = new LinkedHashMap<>();
    glue
        .getPartitionsPaginator(
            r -> r.catalogId(catalogId).databaseName(database).tableName(table).maxResults(1000))
        .stream()
        .flatMap(page -> page.partitions().stream())
        .forEach(partition -> partitions.put(List.copyOf(partition.values()), partition));
    return partitions;
  }

  private static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      chunks.add(items.subList(from, Math.min(items.size(), from + size)));
    }
    return chunks;
  }

  private static String label(String database, String table, List<String> values) {
    return database + "." + table + " " + values;
  }
}
