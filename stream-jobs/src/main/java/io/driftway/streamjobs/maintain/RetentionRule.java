package io.driftway.streamjobs.maintain;

import io.driftway.streamjobs.backfill.BackfillJob;
import io.driftway.streamjobs.backfill.BookmarkLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.sink.SinkUtil;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Which snapshots expiry must keep, whatever their age, so that no restore duplicates a row.
 *
 * <p>Iceberg's Flink committer (the dynamic sink's too) decides on a restore what a checkpoint
 * already committed by walking the branch back from its head, snapshot by parent, to the newest
 * snapshot that carries its {@code flink.operator-id} (and job id) with {@code
 * flink.max-committed-checkpoint-id}. If expiry removed that snapshot, or any snapshot between it
 * and the head (the walk stops at the first missing parent), the committer would find nothing and
 * commit the restored files a second time. Driftway's backfill bookmarks count a checkpoint file of
 * job {@code J} only while a snapshot of {@code J} says it committed that checkpoint.
 *
 * <p>The rule: on every branch, the newest snapshot of each Flink writer ({@code
 * flink.operator-id}, else {@code flink.job-id}) is protected, unless it belongs to a backfill run
 * whose bookmark log says the run finished; so is the newest snapshot of each job that an
 * unfinished backfill run's bookmark files name. Expiry then removes only snapshots older than
 * {@code now - max-age} <em>and</em> older than the oldest protected snapshot, which keeps the
 * protected snapshots and every snapshot between them and the head.
 *
 * <pre>{@code
 * RetentionRule.Floor floor = RetentionRule.of(table, bookmarks);
 * long expireOlderThan = floor.expireOlderThan(Instant.now(), Duration.ofDays(5));
 * }</pre>
 */
public final class RetentionRule {

  /** One snapshot expiry must keep, and why. */
  public record Protected(long snapshotId, long timestampMillis, String why) {}

  /**
   * What backfill bookmark logs say about the writers of a table.
   *
   * @param finishedRuns backfill run ids whose log holds a {@code committed/<run>.json}
   * @param pendingJobs Flink job ids named by the checkpoint files of unfinished runs
   */
  public record BookmarkState(Set<String> finishedRuns, Set<String> pendingJobs) {
    public BookmarkState {
      finishedRuns = Set.copyOf(finishedRuns);
      pendingJobs = Set.copyOf(pendingJobs);
    }

    public static final BookmarkState NONE = new BookmarkState(Set.of(), Set.of());
  }

  /** The protected snapshots of one table. */
  public record Floor(List<Protected> kept) {
    public Floor {
      kept = List.copyOf(kept);
    }

    /** The oldest protected snapshot, if any. */
    public Optional<Protected> oldest() {
      return kept.stream().min(Comparator.comparingLong(Protected::timestampMillis));
    }

    /**
     * The timestamp (ms) before which expiry may remove snapshots: {@code now - maxAge}, moved back
     * to the oldest protected snapshot when that is older.
     */
    public long expireOlderThan(Instant now, Duration maxAge) {
      long byAge = now.minus(maxAge).toEpochMilli();
      return oldest().map(p -> Math.min(byAge, p.timestampMillis())).orElse(byAge);
    }

    /**
     * The age limit a job starting at {@code now} gives Iceberg's in-job expiry (which only knows
     * an age): {@code maxAge}, lengthened by the age of the oldest protected snapshot, so the job
     * cannot expire it before its own restore has committed.
     */
    public Duration maxAgeForJobStartingAt(Instant now, Duration maxAge) {
      return oldest()
          .map(p -> maxAge.plusMillis(Math.max(0, now.toEpochMilli() - p.timestampMillis())))
          .orElse(maxAge);
    }
  }

  private RetentionRule() {}

  /** The protected snapshots of {@code table}, given what its bookmark logs say. */
  public static Floor of(Table table, BookmarkState bookmarks) {
    Map<Long, Protected> kept = new LinkedHashMap<>();
    for (Map.Entry<String, SnapshotRef> ref : table.refs().entrySet()) {
      if (!ref.getValue().isBranch()) {
        continue;
      }
      String branch = ref.getKey();
      Set<String> writersSeen = new HashSet<>();
      Set<String> jobsSeen = new HashSet<>();
      for (Snapshot snapshot :
          SnapshotUtil.ancestorsOf(ref.getValue().snapshotId(), table::snapshot)) {
        Map<String, String> summary = snapshot.summary();
        if (summary == null || !summary.containsKey(SinkUtil.MAX_COMMITTED_CHECKPOINT_ID)) {
          continue;
        }
        String jobId = summary.get(SinkUtil.FLINK_JOB_ID);
        String writer = summary.getOrDefault(SinkUtil.OPERATOR_ID, jobId);
        if (writer != null && writersSeen.add(writer)) {
          String run = summary.get(BackfillJob.RUN_ID);
          if (run == null || !bookmarks.finishedRuns().contains(run)) {
            kept.putIfAbsent(
                snapshot.snapshotId(),
                new Protected(
                    snapshot.snapshotId(),
                    snapshot.timestampMillis(),
                    "newest commit of Flink writer " + writer + " on branch " + branch));
          }
        }
        if (jobId != null && bookmarks.pendingJobs().contains(jobId) && jobsSeen.add(jobId)) {
          kept.putIfAbsent(
              snapshot.snapshotId(),
              new Protected(
                  snapshot.snapshotId(),
                  snapshot.timestampMillis(),
                  "newest commit of job " + jobId + " named by an unfinished backfill bookmark"));
        }
      }
    }
    return new Floor(new ArrayList<>(kept.values()));
  }

  /**
   * Reads the bookmark logs the table's snapshots name ({@code driftway.bookmark.key}), with the
   * warehouse's {@code FileIO} as {@code catalogProperties} open it.
   */
  public static BookmarkState bookmarks(Table table, Map<String, String> catalogProperties) {
    Set<String> keys = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      Map<String, String> summary = snapshot.summary();
      if (summary != null && summary.get(BackfillJob.BOOKMARK_KEY) != null) {
        keys.add(summary.get(BackfillJob.BOOKMARK_KEY));
      }
    }
    Set<String> finished = new HashSet<>();
    Map<String, String> jobRuns = new LinkedHashMap<>();
    for (String key : keys) {
      for (BookmarkLog.Entry entry : BookmarkLog.of(catalogProperties, key).list()) {
        if (entry.committed()) {
          finished.add(entry.runId());
        } else {
          jobRuns.put(entry.jobId(), entry.runId());
        }
      }
    }
    Set<String> pendingJobs = new HashSet<>();
    jobRuns.forEach(
        (job, run) -> {
          if (!finished.contains(run)) {
            pendingJobs.add(job);
          }
        });
    return new BookmarkState(finished, pendingJobs);
  }
}
