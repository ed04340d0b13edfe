package io.driftway.streamjobs.spec;

import io.driftway.platform.config.DataSize;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one table is maintained ({@code tables[].maintenance} of a pipeline file): which of Iceberg's
 * maintenance tasks run, when, with which limits, and under which lock. The pipeline job attaches
 * them with Iceberg's Flink {@code TableMaintenance}; {@code driftway maintain} and the Glue job
 * run run them once.
 *
 * <pre>{@code
 * MaintenanceSpec maintenance = spec.maintenance("orders");
 * if (maintenance.enabled() && maintenance.expireSnapshots().enabled()) {
 *   Duration maxAge = maintenance.expireSnapshots().maxAge(); // 5d unless the file says otherwise
 * }
 * }</pre>
 *
 * @param enabled the switch for the whole thing; off unless the file turns it on
 * @param trigger when the pipeline job runs the tasks
 * @param lockJdbcUri the database of Iceberg's {@code JdbcLockFactory}, when not the catalog's
 */
public record MaintenanceSpec(
    boolean enabled,
    Trigger trigger,
    RewriteDataFiles rewriteDataFiles,
    ExpireSnapshots expireSnapshots,
    DeleteOrphanFiles deleteOrphanFiles,
    boolean rewriteManifests,
    Optional<String> lockJdbcUri) {

  public MaintenanceSpec {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(rewriteDataFiles, "rewriteDataFiles");
    Objects.requireNonNull(expireSnapshots, "expireSnapshots");
    Objects.requireNonNull(deleteOrphanFiles, "deleteOrphanFiles");
    Objects.requireNonNull(lockJdbcUri, "lockJdbcUri");
  }

  /**
   * When the pipeline job runs a task.
   *
   * @param commits a task runs after this many new commits
   * @param interval a task runs at least this often while commits arrive
   * @param rateLimit the shortest time between two task runs
   */
  public record Trigger(int commits, Duration interval, Duration rateLimit) {}

  public record RewriteDataFiles(boolean enabled, DataSize targetFileSize) {}

  public record ExpireSnapshots(boolean enabled, Duration maxAge, int retainLast) {}

  public record DeleteOrphanFiles(boolean enabled, Duration minAge) {}

  /** Every default of {@link PipelineKeys}, the switch included (off). */
  public static MaintenanceSpec defaults() {
    return new MaintenanceSpec(
        PipelineKeys.MAINTENANCE_ENABLED.defaultValue().orElseThrow(),
        new Trigger(
            PipelineKeys.MAINTENANCE_TRIGGER_COMMITS.defaultValue().orElseThrow(),
            PipelineKeys.MAINTENANCE_TRIGGER_INTERVAL.defaultValue().orElseThrow(),
            PipelineKeys.MAINTENANCE_TRIGGER_RATE_LIMIT.defaultValue().orElseThrow()),
        new RewriteDataFiles(
            PipelineKeys.REWRITE_DATA_FILES_ENABLED.defaultValue().orElseThrow(),
            PipelineKeys.REWRITE_DATA_FILES_TARGET_SIZE.defaultValue().orElseThrow()),
        new ExpireSnapshots(
            PipelineKeys.EXPIRE_SNAPSHOTS_ENABLED.defaultValue().orElseThrow(),
            PipelineKeys.EXPIRE_SNAPSHOTS_MAX_AGE.defaultValue().orElseThrow(),
            PipelineKeys.EXPIRE_SNAPSHOTS_RETAIN_LAST.defaultValue().orElseThrow()),
        new DeleteOrphanFiles(
            PipelineKeys.DELETE_ORPHAN_FILES_ENABLED.defaultValue().orElseThrow(),
            PipelineKeys.DELETE_ORPHAN_FILES_MIN_AGE.defaultValue().orElseThrow()),
        PipelineKeys.REWRITE_MANIFESTS_ENABLED.defaultValue().orElseThrow(),
        Optional.empty());
  }

  /** True when the switch is on and at least one task is. */
  public boolean anyTask() {
    return enabled
        && (rewriteDataFiles.enabled
            || expireSnapshots.enabled
            || deleteOrphanFiles.enabled
            || rewriteManifests);
  }
}
