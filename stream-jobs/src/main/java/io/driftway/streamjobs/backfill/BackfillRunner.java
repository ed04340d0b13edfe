package io.driftway.streamjobs.backfill;

import io.driftway.connectors.files.reader.FileSourceReader;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one backfill from start to end: plans it ({@link BackfillJob}), runs it on Flink (an
 * embedded MiniCluster, or a cluster's REST endpoint), reports progress from the job's REST
 * metrics, records what was committed in the bookmark log, reads the figures back from the tables,
 * and with a branch validates and publishes it.
 *
 * <pre>{@code
 * BackfillSummary summary =
 *     BackfillRunner.builder(pipeline, BackfillSpec.builder("kafka://orders").build())
 *         .progress(p -> System.err.println(p.records() + " records"))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>{@link #run()} blocks; {@link #cancel()} may be called from any thread.
 */
public final class BackfillRunner {

  private static final Logger LOG = LoggerFactory.getLogger(BackfillRunner.class);

  private final PipelineSpec pipeline;
  private final BackfillSpec spec;
  private final URI flink;
  private final List<String> jars;
  private final Configuration extra;
  private final Consumer<BackfillProgress> progress;
  private final Duration progressInterval;

  private final Object lock = new Object();
  private JobClient client;
  private boolean cancelled;

  private BackfillRunner(Builder b) {
    this.pipeline = b.pipeline;
    this.spec = b.spec;
    this.flink = b.flink;
    this.jars = List.copyOf(b.jars);
    this.extra = b.extra;
    this.progress = b.progress;
    this.progressInterval = b.progressInterval;
  }

  public static Builder builder(PipelineSpec pipeline, BackfillSpec spec) {
    return new Builder(pipeline, spec);
  }

  /** Collects the runner's settings. */
  public static final class Builder {
    private final PipelineSpec pipeline;
    private final BackfillSpec spec;
    private URI flink;
    private List<String> jars = List.of();
    private Configuration extra = new Configuration();
    private Consumer<BackfillProgress> progress = p -> {};
    private Duration progressInterval = Duration.ofSeconds(1);

    private Builder(PipelineSpec pipeline, BackfillSpec spec) {
      this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** A Flink cluster's REST endpoint; without it an embedded MiniCluster runs the job. */
    public Builder flink(URI rest) {
      this.flink = rest;
      return this;
    }

    /** Jars the job needs on a remote cluster (this build's, minus Flink's own). */
    public Builder jars(List<String> value) {
      this.jars = value;
      return this;
    }

    /** Extra Flink job settings, e.g. {@code execution.state-recovery.path} to resume. */
    public Builder configuration(Configuration value) {
      this.extra = value;
      return this;
    }

    /** Called with a progress reading every {@code interval} while the job runs. */
    public Builder progress(Consumer<BackfillProgress> listener, Duration interval) {
      this.progress = Objects.requireNonNull(listener, "listener");
      this.progressInterval = interval;
      return this;
    }

    public Builder progress(Consumer<BackfillProgress> listener) {
      return progress(listener, progressInterval);
    }

    public BackfillRunner build() {
      if (progressInterval.isNegative() || progressInterval.isZero()) {
        throw new IllegalArgumentException(
            "Cannot run backfill: the progress interval must be positive: " + progressInterval);
      }
      return new BackfillRunner(this);
    }
  }

  /** Cancels the Flink job, if it runs; {@link #run()} then returns a CANCELED summary. */
  public void cancel() {
    synchronized (lock) {
      cancelled = true;
      if (client != null) {
        // run() sees the job end and reports CANCELED; a failed cancel shows there too.
        var unused = client.cancel();
      }
    }
  }

  /**
   * Runs the backfill and returns what it did. A run that fails in planning throws; a job that
   * fails or is cancelled returns a FAILED or CANCELED summary with what it did commit.
   *
   * @throws IllegalArgumentException when the request does not fit the pipeline
   */
  public BackfillSummary run() throws Exception {
    Instant started = Instant.now();
    FlinkCluster embedded = null;
    if (flink == null) {
      // The REST metrics behind the progress display refresh at this interval (10 s by default).
      Configuration cluster = new Configuration();
      cluster.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
      embedded = FlinkCluster.start(cluster);
    }
    try {
      URI rest = embedded != null ? embedded.restAddress() : flink;
      Configuration config = new Configuration();
      if (pipeline.checkpointing().storage().isPresent()) {
        config.addAll(PipelineJob.configuration(pipeline));
      }
      config.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
      config.addAll(extra);
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createRemoteEnvironment(
              rest.getHost(), rest.getPort(), config, jars.toArray(new String[0]));
      BackfillJob job = BackfillJob.build(env, pipeline, spec);
      Catalog catalog = Catalogs.loader(job.pipeline()).loadCatalog();
      try {
        return run(job, env, catalog, rest, started);
      } finally {
        BackfillJob.closeQuietly(catalog);
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private BackfillSummary run(
      BackfillJob job, StreamExecutionEnvironment env, Catalog catalog, URI rest, Instant started)
      throws Exception {
    Map<TableIdentifier, Integer> schemasBefore = RunFigures.schemaIds(catalog, job.tables());
    spec.branch().ifPresent(branch -> forkBranches(catalog, job.tables(), branch));
    JobClient submitted;
    boolean nothingToReplay = spec.quarantine().isPresent() && job.totalRecords().orElse(-1) == 0;
    synchronized (lock) {
      if (cancelled || nothingToReplay) {
        // A replay with nothing pending has nothing to run: its figures are all zero.
        return summary(
            job,
            catalog,
            "-",
            cancelled ? BackfillSummary.State.CANCELED : BackfillSummary.State.SUCCEEDED,
            null,
            schemasBefore,
            started,
            false,
            0);
      }
      submitted = env.executeAsync(job.name());
      client = submitted;
    }
    String jobId = submitted.getJobID().toHexString();
    LOG.info("Backfill {} runs as Flink job {} on {}", spec.runId(), jobId, rest);
    Thread watcher = progressWatcher(rest, jobId, job, started);
    BackfillSummary.State state = BackfillSummary.State.SUCCEEDED;
    String error = null;
    long skippedInJob = 0;
    try {
      Object skipped =
          submitted
              .getJobExecutionResult()
              .get()
              .getAccumulatorResult(BookmarkTracker.RECORDS_SKIPPED);
      skippedInJob = skipped instanceof Number n ? n.longValue() : 0;
    } catch (ExecutionException | CancellationException e) {
      boolean byUs;
      synchronized (lock) {
        byUs = cancelled;
      }
      if (byUs) {
        state = BackfillSummary.State.CANCELED;
      } else {
        state = BackfillSummary.State.FAILED;
        Throwable root = ExceptionUtils.stripExecutionException(e);
        while (root.getCause() != null && root.getCause() != root) {
          root = root.getCause();
        }
        error = "Cannot finish backfill: the Flink job failed: " + root + ": " + jobId;
      }
    } finally {
      watcher.interrupt();
      watcher.join(TimeUnit.SECONDS.toMillis(5));
    }
    BackfillSummary summary =
        summary(job, catalog, jobId, state, error, schemasBefore, started, true, skippedInJob);
    // A branch run's rows count for the bookmark once they are on main.
    if (spec.bookmarks() && (spec.branch().isEmpty() || summary.published())) {
      compactBookmarks(job, catalog);
    }
    return summary;
  }

  private BackfillSummary summary(
      BackfillJob job,
      Catalog catalog,
      String jobId,
      BackfillSummary.State state,
      String error,
      Map<TableIdentifier, Integer> schemasBefore,
      Instant started,
      boolean ran,
      long skippedInJob) {
    List<TableIdentifier> tables = BackfillJob.candidateTables(job.pipeline(), catalog);
    List<BackfillSummary.TableSummary> figures =
        RunFigures.tables(catalog, tables, spec.runId(), schemasBefore);
    BackfillSummary summary =
        new BackfillSummary(
            spec.runId(),
            jobId,
            state,
            Optional.ofNullable(error),
            figures,
            job.skippedRecords() + skippedInJob,
            job.skippedFiles(),
            spec.branch(),
            false,
            Duration.between(started, Instant.now()));
    if (ran && state == BackfillSummary.State.SUCCEEDED && spec.branch().isPresent()) {
      return publish(catalog, tables, summary);
    }
    return summary;
  }

  /**
   * Folds what the log confirms into one file for this run and removes the checkpoint files, so the
   * log stays small and no longer depends on snapshots that table maintenance may expire.
   */
  private void compactBookmarks(BackfillJob job, Catalog catalog) {
    BookmarkLog log = job.bookmarkLog();
    List<TableIdentifier> tables = BackfillJob.candidateTables(job.pipeline(), catalog);
    List<BookmarkLog.Entry> before = log.list();
    Bookmarks.Committed committed =
        Bookmarks.committed(log, catalog, tables, spec.branch().isPresent() ? spec.runId() : null);
    log.writeCommitted(spec.runId(), committed.progress());
    String own = log.location() + "/committed/" + spec.runId() + ".json";
    for (BookmarkLog.Entry entry : before) {
      if (!entry.path().equals(own)) {
        log.delete(entry);
      }
    }
  }

  private Thread progressWatcher(URI rest, String jobId, BackfillJob job, Instant started) {
    FlinkRestMetrics metrics = new FlinkRestMetrics(rest, jobId);
    Thread thread =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  try {
                    FlinkRestMetrics.Reading r = metrics.read();
                    progress.accept(reading(r, job, started));
                  } catch (java.io.IOException e) {
                    // The job may not be known to REST yet, or has just ended; try again.
                    LOG.debug("No progress reading yet: {}", e.getMessage());
                  }
                  Thread.sleep(progressInterval.toMillis());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "driftway-backfill-progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static BackfillProgress reading(
      FlinkRestMetrics.Reading r, BackfillJob job, Instant started) {
    Map<String, Long> c = r.counters();
    Instant since = r.startMillis() > 0 ? Instant.ofEpochMilli(r.startMillis()) : started;
    return new BackfillProgress(
        r.state(),
        c.getOrDefault(FileSourceReader.FILES_READ, 0L),
        job.totalFiles(),
        c.getOrDefault(BookmarkTracker.BYTES_READ, 0L),
        job.totalBytes(),
        c.getOrDefault(BookmarkTracker.RECORDS_READ, 0L),
        job.totalRecords(),
        Duration.between(since, Instant.now()));
  }

  /** Creates {@code branch} from main's current snapshot, so publishing can fast-forward main. */
  private static void forkBranches(Catalog catalog, List<TableIdentifier> tables, String branch) {
    for (TableIdentifier id : tables) {
      Table table;
      try {
        table = catalog.loadTable(id);
      } catch (NoSuchTableException missing) {
        continue;
      }
      Snapshot current = table.currentSnapshot();
      if (current != null && table.refs().get(branch) == null) {
        table.manageSnapshots().createBranch(branch, current.snapshotId()).commit();
      }
    }
  }

  /**
   * Checks the run's figures and moves its rows from the branch to main: a fast-forward when main
   * did not move meanwhile, else a cherry-pick of each of the run's snapshots (appends apply onto
   * whatever main holds now, e.g. the streaming job's commits).
   */
  private BackfillSummary publish(
      Catalog catalog, List<TableIdentifier> tables, BackfillSummary summary) {
    String branch = spec.branch().orElseThrow();
    String problem = null;
    if (spec.expectedRows().isPresent() && summary.rowsWritten() != spec.expectedRows().get()) {
      problem =
          "Cannot publish backfill: the run wrote "
              + summary.rowsWritten()
              + " rows, --expected-rows is "
              + spec.expectedRows().get()
              + ": branch "
              + branch
              + " kept";
    } else if (spec.expectedRows().isEmpty() && summary.rowsWritten() == 0) {
      problem = "Cannot publish backfill: the run wrote no rows: branch " + branch + " kept";
    } else if (spec.maxQuarantineRate().isPresent()
        && summary.quarantineRate() > spec.maxQuarantineRate().get()) {
      problem =
          String.format(
              "Cannot publish backfill: %.4f of the records were quarantined, above"
                  + " --max-quarantine-rate %s: branch %s kept",
              summary.quarantineRate(), spec.maxQuarantineRate().get(), branch);
    }
    if (problem != null) {
      return withOutcome(summary, BackfillSummary.State.FAILED, problem, false);
    }
    for (TableIdentifier id : tables) {
      Table table;
      try {
        table = catalog.loadTable(id);
      } catch (NoSuchTableException missing) {
        continue;
      }
      SnapshotRef ref = table.refs().get(branch);
      if (ref == null) {
        continue;
      }
      Snapshot main = table.currentSnapshot();
      if (main == null) {
        table.manageSnapshots().createBranch(SnapshotRef.MAIN_BRANCH, ref.snapshotId()).commit();
      } else if (SnapshotUtil.isAncestorOf(table, ref.snapshotId(), main.snapshotId())) {
        table.manageSnapshots().fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch).commit();
      } else {
        List<Snapshot> own = new ArrayList<>(RunFigures.ownSnapshots(table, spec.runId()));
        own.sort(java.util.Comparator.comparingLong(Snapshot::sequenceNumber));
        for (Snapshot snapshot : own) {
          table.manageSnapshots().cherrypick(snapshot.snapshotId()).commit();
          table.refresh();
        }
      }
      LOG.info("Backfill {} published branch {} of {} to main", spec.runId(), branch, id);
    }
    return withOutcome(summary, summary.state(), null, true);
  }

  private static BackfillSummary withOutcome(
      BackfillSummary s, BackfillSummary.State state, String error, boolean published) {
    return new BackfillSummary(
        s.runId(),
        s.jobId(),
        state,
        Optional.ofNullable(error),
        s.tables(),
        s.skippedRecords(),
        s.skippedFiles(),
        s.branch(),
        published,
        s.elapsed());
  }

  /** Quarantine tables are written with their target; exposed for the summary's wording. */
  static boolean isQuarantine(TableIdentifier id) {
    return QuarantineTable.isQuarantine(id);
  }
}
