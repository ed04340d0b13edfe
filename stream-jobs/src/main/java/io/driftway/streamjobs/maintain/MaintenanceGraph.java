package io.driftway.streamjobs.maintain;

import io.driftway.connectors.tracking.TableSettings;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.spec.MaintenanceSpec;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.StorageSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.maintenance.api.DeleteOrphanFiles;
import org.apache.iceberg.flink.maintenance.api.ExpireSnapshots;
import org.apache.iceberg.flink.maintenance.api.JdbcLockFactory;
import org.apache.iceberg.flink.maintenance.api.MaintenanceTaskBuilder;
import org.apache.iceberg.flink.maintenance.api.RewriteDataFiles;
import org.apache.iceberg.flink.maintenance.api.TableMaintenance;
import org.apache.iceberg.flink.maintenance.api.TriggerLockFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attaches Iceberg's Flink {@code TableMaintenance} to a pipeline job, one maintenance stream per
 * table whose {@code maintenance.enabled} is on: rewrite data files, expire snapshots, delete
 * orphan files (Iceberg 1.11's Flink maintenance has no manifest rewrite; {@code driftway maintain}
 * does that one with Iceberg's core {@code RewriteManifests}).
 *
 * <p>The lock: with a {@code jdbc} catalog, Iceberg's {@code JdbcLockFactory} on the catalog's
 * database (or on {@code maintenance.lock.jdbc-uri}), lock id {@code <db>.<table>}, so the pipeline
 * job and {@code driftway maintain} never run a task on the same table at once; otherwise Iceberg's
 * in-job lock (a coordinator in the job: tasks of one job never overlap).
 *
 * <p>Called once while the job graph is built. A table that does not exist yet (the sink creates it
 * on its first commit) gets its maintenance from the next start of the pipeline.
 *
 * <pre>{@code
 * PipelineJob.build(env, spec); // calls MaintenanceGraph.attach(env, spec)
 * }</pre>
 */
public final class MaintenanceGraph {

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceGraph.class);

  /** The lock table's name in Iceberg's JdbcLockFactory, created when missing. */
  static final String INIT_LOCK_TABLES = JdbcLockFactory.INIT_LOCK_TABLES_PROPERTY;

  private MaintenanceGraph() {}

  /** Adds the maintenance streams of every maintained table of {@code spec} to {@code env}. */
  public static void attach(StreamExecutionEnvironment env, PipelineSpec spec) {
    List<TableSettings> maintained =
        spec.tables().stream().filter(t -> spec.maintenance(t.name()).anyTask()).toList();
    if (maintained.isEmpty()) {
      return;
    }
    CatalogLoader catalogLoader = Catalogs.loader(spec);
    Catalog catalog = catalogLoader.loadCatalog();
    try {
      for (TableSettings table : maintained) {
        TableIdentifier id = TableIdentifier.of(table.database(), table.name());
        if (!catalog.tableExists(id)) {
          LOG.info(
              "Table maintenance of {} starts with the next start of pipeline {}: the table does"
                  + " not exist yet",
              id,
              spec.name());
          continue;
        }
        attach(env, spec, catalogLoader, catalog.loadTable(id), id);
      }
    } finally {
      closeQuietly(catalog);
    }
  }

  private static void attach(
      StreamExecutionEnvironment env,
      PipelineSpec spec,
      CatalogLoader catalogLoader,
      Table table,
      TableIdentifier id) {
    MaintenanceSpec maintenance = spec.maintenance(id.name());
    Instant now = Instant.now();
    RetentionRule.Floor floor =
        RetentionRule.of(table, RetentionRule.bookmarks(table, Catalogs.properties(spec)));
    MaintenanceSpec.Trigger trigger = maintenance.trigger();
    List<MaintenanceTaskBuilder<?>> tasks = new ArrayList<>();
    if (maintenance.rewriteDataFiles().enabled()) {
      tasks.add(
          schedule(
              RewriteDataFiles.builder()
                  .targetFileSizeBytes(maintenance.rewriteDataFiles().targetFileSize().bytes()),
              trigger));
    }
    if (maintenance.expireSnapshots().enabled()) {
      Duration maxAge = maintenance.expireSnapshots().maxAge();
      Duration effective = floor.maxAgeForJobStartingAt(now, maxAge);
      if (!effective.equals(maxAge)) {
        LOG.info(
            "Snapshot expiry of {} keeps {} more at this start: {}",
            id,
            effective.minus(maxAge),
            floor.oldest().map(RetentionRule.Protected::why).orElse(""));
      }
      tasks.add(
          schedule(
              ExpireSnapshots.builder()
                  .maxSnapshotAge(effective)
                  .retainLast(maintenance.expireSnapshots().retainLast()),
              trigger));
    }
    if (maintenance.deleteOrphanFiles().enabled()) {
      tasks.add(
          schedule(
              DeleteOrphanFiles.builder()
                  .minAge(
                      floor.maxAgeForJobStartingAt(now, maintenance.deleteOrphanFiles().minAge()))
                  .usePrefixListing(spec.warehouse().isS3()),
              trigger));
    }
    if (tasks.isEmpty()) {
      return;
    }
    try {
      TableMaintenance.forTable(
              env, TableLoader.fromCatalog(catalogLoader, id), lockFactory(spec, id).orElse(null))
          .uidSuffix(spec.name() + "-maintain-" + id)
          .rateLimit(trigger.rateLimit())
          .lockCheckDelay(trigger.rateLimit())
          .parallelism(1)
          .add(tasks)
          .append();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot attach table maintenance: " + id, e);
    }
    LOG.info("Table maintenance of {} attached: {} tasks", id, tasks.size());
  }

  private static MaintenanceTaskBuilder<?> schedule(
      MaintenanceTaskBuilder<?> task, MaintenanceSpec.Trigger trigger) {
    return task.scheduleOnCommitCount(trigger.commits()).scheduleOnInterval(trigger.interval());
  }

  /**
   * Iceberg's JDBC lock on the catalog's database (or the table's {@code lock.jdbc-uri}); empty
   * means Iceberg's in-job lock.
   */
  static Optional<TriggerLockFactory> lockFactory(PipelineSpec spec, TableIdentifier id) {
    MaintenanceSpec maintenance = spec.maintenance(id.name());
    Map<String, String> properties = new HashMap<>();
    String uri;
    if (maintenance.lockJdbcUri().isPresent()) {
      uri = maintenance.lockJdbcUri().get();
    } else if (spec.catalog().type() == StorageSpec.CatalogType.JDBC) {
      Map<String, String> catalogProperties = Catalogs.properties(spec);
      uri = catalogProperties.get(CatalogProperties.URI);
      catalogProperties.forEach(
          (k, v) -> {
            if (k.startsWith("jdbc.")) {
              properties.put(k, v);
            }
          });
    } else {
      return Optional.empty();
    }
    properties.put(INIT_LOCK_TABLES, "true");
    return Optional.of(new JdbcLockFactory(uri, id.toString(), properties));
  }

  static void closeQuietly(Catalog catalog) {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Cannot close catalog: {}", e.toString());
      }
    }
  }
}
