package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.DELETE_ORPHAN_FILES_ENABLED;
import static io.driftway.streamjobs.spec.PipelineKeys.DELETE_ORPHAN_FILES_MIN_AGE;
import static io.driftway.streamjobs.spec.PipelineKeys.EXPIRE_SNAPSHOTS_ENABLED;
import static io.driftway.streamjobs.spec.PipelineKeys.EXPIRE_SNAPSHOTS_MAX_AGE;
import static io.driftway.streamjobs.spec.PipelineKeys.EXPIRE_SNAPSHOTS_RETAIN_LAST;
import static io.driftway.streamjobs.spec.PipelineKeys.MAINTENANCE_ENABLED;
import static io.driftway.streamjobs.spec.PipelineKeys.MAINTENANCE_LOCK_JDBC_URI;
import static io.driftway.streamjobs.spec.PipelineKeys.MAINTENANCE_TRIGGER_COMMITS;
import static io.driftway.streamjobs.spec.PipelineKeys.MAINTENANCE_TRIGGER_INTERVAL;
import static io.driftway.streamjobs.spec.PipelineKeys.MAINTENANCE_TRIGGER_RATE_LIMIT;
import static io.driftway.streamjobs.spec.PipelineKeys.REWRITE_DATA_FILES_ENABLED;
import static io.driftway.streamjobs.spec.PipelineKeys.REWRITE_DATA_FILES_TARGET_SIZE;
import static io.driftway.streamjobs.spec.PipelineKeys.REWRITE_MANIFESTS_ENABLED;

import io.driftway.platform.config.DataSize;
import io.driftway.platform.config.Durations;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads {@code tables[].maintenance} into a {@link MaintenanceSpec}. Each task has its own section
 * with an {@code enabled} switch; a missing key takes its default. Limits that would let a task
 * touch what the running writer still needs are refused here, with the file and line.
 */
final class MaintenanceReader {

  private MaintenanceReader() {}

  /** The table's maintenance; {@code node} is the {@code maintenance} section, or absent. */
  static MaintenanceSpec read(Optional<YamlNode> node, Duration checkpointInterval) {
    MaintenanceSpec defaults = MaintenanceSpec.defaults();
    if (node.isEmpty()) {
      return defaults;
    }
    YamlObject section = node.get().section();
    YamlObject trigger = sub(section, "trigger");
    YamlObject rewrite = sub(section, "rewrite-data-files");
    YamlObject expire = sub(section, "expire-snapshots");
    YamlObject orphans = sub(section, "delete-orphan-files");
    YamlObject manifests = sub(section, "rewrite-manifests");
    YamlObject lock = sub(section, "lock");

    MaintenanceSpec.ExpireSnapshots expiry =
        new MaintenanceSpec.ExpireSnapshots(
            get(expire, EXPIRE_SNAPSHOTS_ENABLED, YamlNode::bool),
            get(expire, EXPIRE_SNAPSHOTS_MAX_AGE, YamlNode::duration),
            get(expire, EXPIRE_SNAPSHOTS_RETAIN_LAST, YamlNode::positiveInt));
    MaintenanceSpec.DeleteOrphanFiles orphanFiles =
        new MaintenanceSpec.DeleteOrphanFiles(
            get(orphans, DELETE_ORPHAN_FILES_ENABLED, YamlNode::bool),
            get(orphans, DELETE_ORPHAN_FILES_MIN_AGE, YamlNode::duration));
    longerThanCheckpoints(expire, EXPIRE_SNAPSHOTS_MAX_AGE, expiry.maxAge(), checkpointInterval);
    longerThanCheckpoints(
        orphans, DELETE_ORPHAN_FILES_MIN_AGE, orphanFiles.minAge(), checkpointInterval);
    DataSize target = get(rewrite, REWRITE_DATA_FILES_TARGET_SIZE, YamlNode::dataSize);
    if (target.bytes() == 0) {
      throw rewrite
          .required(REWRITE_DATA_FILES_TARGET_SIZE)
          .error("expected a data size above 0, found '" + target + "'");
    }
    return new MaintenanceSpec(
        get(section, MAINTENANCE_ENABLED, YamlNode::bool),
        new MaintenanceSpec.Trigger(
            get(trigger, MAINTENANCE_TRIGGER_COMMITS, YamlNode::positiveInt),
            positive(trigger, MAINTENANCE_TRIGGER_INTERVAL),
            positive(trigger, MAINTENANCE_TRIGGER_RATE_LIMIT)),
        new MaintenanceSpec.RewriteDataFiles(
            get(rewrite, REWRITE_DATA_FILES_ENABLED, YamlNode::bool), target),
        expiry,
        orphanFiles,
        get(manifests, REWRITE_MANIFESTS_ENABLED, YamlNode::bool),
        lock == null
            ? Optional.empty()
            : lock.optional(MAINTENANCE_LOCK_JDBC_URI).map(YamlNode::nonEmpty));
  }

  /**
   * An expiry age or orphan age within one checkpoint interval could take what the running writer
   * still needs: the snapshot its next restore looks for, or files of a checkpoint not committed
   * yet.
   */
  private static void longerThanCheckpoints(
      YamlObject section, PipelineKey<Duration> key, Duration value, Duration interval) {
    if (section != null && section.has(key.name()) && value.compareTo(interval) <= 0) {
      throw section
          .required(key)
          .error(
              key.name()
                  + " must be longer than checkpointing.interval ("
                  + Durations.format(interval)
                  + "), found '"
                  + Durations.format(value)
                  + "'");
    }
  }

  private static Duration positive(YamlObject section, PipelineKey<Duration> key) {
    Duration value = get(section, key, YamlNode::duration);
    if (value.isZero() || value.isNegative()) {
      throw section
          .required(key)
          .error("expected a duration above 0, found '" + Durations.format(value) + "'");
    }
    return value;
  }

  private static YamlObject sub(YamlObject section, String name) {
    return section.optional(name).map(YamlNode::section).orElse(null);
  }

  private static <T> T get(YamlObject section, PipelineKey<T> key, Function<YamlNode, T> read) {
    if (section == null) {
      return key.defaultValue().orElseThrow();
    }
    return section.optional(key).map(read).orElse(key.defaultValue().orElseThrow());
  }
}
