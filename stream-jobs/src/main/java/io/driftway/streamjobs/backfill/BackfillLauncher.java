package io.driftway.streamjobs.backfill;

import io.driftway.catalogbridge.jobs.JobRunContext;
import io.driftway.catalogbridge.jobs.JobRunHandle;
import io.driftway.catalogbridge.jobs.JobRunLauncher;
import io.driftway.catalogbridge.model.JobRunProgress;
import io.driftway.streamjobs.maintain.MaintenanceJobRun;
import io.driftway.streamjobs.quarantine.QuarantineSelection;
import io.driftway.streamjobs.quarantine.Replays;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.streamjobs.spec.StorageSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the catalog bridge's job runs as Driftway backfills (Glue's StartJobRun). A run's {@code
 * Arguments} are the backfill's options:
 *
 * <table>
 *   <caption>Job run arguments</caption>
 *   <tr><td>{@code --pipeline}</td><td>the pipeline file, as the bridge's host sees it (required)</td></tr>
 *   <tr><td>{@code --source}</td><td>{@code s3://...}, {@code file:...}, {@code kafka://topic}, {@code kinesis://stream}, {@code quarantine://db.table} (a replay of its quarantine) (required)</td></tr>
 *   <tr><td>{@code --stage}, {@code --reason-like}, {@code --since}</td><td>with {@code quarantine://}: which rows to replay, as for {@code driftway quarantine replay}</td></tr>
 *   <tr><td>{@code --from}, {@code --to}</td><td>the range, as for {@code driftway backfill}</td></tr>
 *   <tr><td>{@code --table}</td><td>{@code database.table}: every record goes there</td></tr>
 *   <tr><td>{@code --group-size}, {@code --branch}, {@code --max-quarantine-rate}, {@code --expected-rows}</td><td>as for {@code driftway backfill}</td></tr>
 *   <tr><td>{@code --job-bookmark-option}</td><td>Glue's {@code job-bookmark-enable} (default) or {@code job-bookmark-disable}</td></tr>
 *   <tr><td>{@code --flink}</td><td>a Flink cluster's REST URL; default: the launcher's</td></tr>
 *   <tr><td>{@code --job-kind}</td><td>{@code backfill} (default) or {@code maintain}: table maintenance once ({@link MaintenanceJobRun}: {@code --table}, {@code --dry-run})</td></tr>
 * </table>
 *
 * <p>While it runs, the backfill reports its progress to the bridge every second (files and bytes
 * read of the planned total, records read, and of how many when known up front), so GetJobRun and
 * the console's job runs page show it ({@link JobRunProgress}).
 *
 * <p>The Glue run id is the backfill's run id, so the snapshots a run commits name it. A pipeline
 * file without a {@code catalog} section writes through the bridge that launched the run.
 *
 * <pre>{@code
 * CatalogBridge bridge =
 *     CatalogBridge.builder(config).jobLauncher(BackfillLauncher.embedded()).start();
 * }</pre>
 */
public final class BackfillLauncher implements JobRunLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(BackfillLauncher.class);

  private final URI flink;
  private final List<String> jars;

  private BackfillLauncher(URI flink, List<String> jars) {
    this.flink = flink;
    this.jars = List.copyOf(jars);
  }

  /** Each run on a Flink MiniCluster of its own, in this JVM. */
  public static BackfillLauncher embedded() {
    return new BackfillLauncher(null, List.of());
  }

  /** Runs on the Flink cluster at {@code rest}, uploading {@code jars} with each job. */
  public static BackfillLauncher remote(URI rest, List<String> jars) {
    return new BackfillLauncher(rest, jars);
  }

  @Override
  public JobRunHandle launch(JobRunContext context) {
    Map<String, String> args = context.arguments();
    String runId = context.run().id();
    PipelineSpec pipeline;
    BackfillSpec spec;
    URI target = flink;
    try {
      String file = required(args, "--pipeline", runId);
      pipeline =
          withBridge(
              PipelineSpecLoader.load(Path.of(file)), context.catalogEndpoint(), context.region());
      String kind = args.getOrDefault(MaintenanceJobRun.JOB_KIND, "backfill");
      if (kind.equals(MaintenanceJobRun.MAINTAIN)) {
        return MaintenanceJobRun.launch(context, pipeline);
      }
      if (!kind.equals("backfill")) {
        throw new IllegalArgumentException(
            "Cannot start job run: --job-kind is backfill or maintain: " + kind);
      }
      String bookmark = args.getOrDefault("--job-bookmark-option", "job-bookmark-enable");
      if (!bookmark.equals("job-bookmark-enable") && !bookmark.equals("job-bookmark-disable")) {
        throw new IllegalArgumentException(
            "Cannot start job run: --job-bookmark-option is job-bookmark-enable or"
                + " job-bookmark-disable: "
                + bookmark);
      }
      spec =
          BackfillSpec.builder(required(args, "--source", runId))
              .from(args.get("--from"))
              .to(args.get("--to"))
              .table(args.get("--table"))
              .groupSizeBytes(
                  args.containsKey("--group-size")
                      ? BackfillSpec.parseSize(args.get("--group-size"))
                      : BackfillSpec.DEFAULT_GROUP_SIZE)
              .branch(args.get("--branch"))
              .maxQuarantineRate(
                  args.containsKey("--max-quarantine-rate")
                      ? Double.valueOf(args.get("--max-quarantine-rate"))
                      : null)
              .expectedRows(
                  args.containsKey("--expected-rows")
                      ? Long.valueOf(args.get("--expected-rows"))
                      : null)
              .bookmarks(bookmark.equals("job-bookmark-enable"))
              .runId(runId)
              .quarantine(
                  args.get("--source").startsWith(Replays.SCHEME)
                      ? QuarantineSelection.of(
                          args.get("--stage"), args.get("--reason-like"), args.get("--since"))
                      : null)
              .build();
      if (args.containsKey("--flink")) {
        target = URI.create(args.get("--flink"));
      }
    } catch (RuntimeException e) {
      String message = e.getMessage();
      throw new IllegalArgumentException(
          message != null && message.startsWith("Cannot ")
              ? message
              : "Cannot start job run: " + message + ": " + runId,
          e);
    }
    AtomicReference<BackfillProgress> last = new AtomicReference<>();
    BackfillRunner.Builder builder =
        BackfillRunner.builder(pipeline, spec)
            .progress(
                p -> {
                  last.set(p);
                  context.progress(jobRunProgress(p));
                });
    if (target != null) {
      builder.flink(target).jars(target.equals(flink) ? jars : List.of());
    }
    BackfillRunner runner = builder.build();
    Thread thread =
        new Thread(() -> execute(runner, context, runId, last), "driftway-job-run-" + runId);
    thread.setDaemon(true);
    thread.start();
    return runner::cancel;
  }

  private static void execute(
      BackfillRunner runner,
      JobRunContext context,
      String runId,
      AtomicReference<BackfillProgress> last) {
    context.running();
    try {
      BackfillSummary summary = runner.run();
      LOG.info("Job run {}: {}", runId, summary.describe());
      switch (summary.state()) {
        case SUCCEEDED -> {
          BackfillProgress reading = last.get();
          if (reading != null) {
            context.progress(
                jobRunProgress(reading.finished(summary.rowsWritten() + summary.quarantined())));
          }
          context.succeeded();
        }
        case CANCELED -> context.stopped();
        case FAILED ->
            context.failed(
                summary.error().orElse("Cannot finish backfill: the Flink job failed: " + runId));
      }
    } catch (Exception e) {
      String message = e.getMessage();
      context.failed(
          message != null && message.startsWith("Cannot ")
              ? message
              : "Cannot run backfill: " + e + ": " + runId);
    }
  }

  /** A reading of the backfill as the bridge shows it; files and bytes only for file sources. */
  static JobRunProgress jobRunProgress(BackfillProgress p) {
    boolean fileSource = p.totalFiles().isPresent() || p.files() > 0;
    return new JobRunProgress(
        fileSource ? p.files() : null,
        p.totalFiles().isPresent() ? p.totalFiles().getAsLong() : null,
        p.records(),
        p.totalRecords().isPresent() ? p.totalRecords().getAsLong() : null,
        fileSource ? p.bytes() : null,
        p.totalBytes().isPresent() ? p.totalBytes().getAsLong() : null,
        p.fraction().isPresent() ? Math.round(p.fraction().getAsDouble() * 1000) / 10.0 : null);
  }

  /** A pipeline on the default catalog (no catalog section) writes through this bridge. */
  static PipelineSpec withBridge(PipelineSpec pipeline, URI endpoint, String region) {
    if (!pipeline.catalog().equals(StorageSpec.Catalog.defaultBridge())) {
      return pipeline;
    }
    StorageSpec.Catalog bridge =
        new StorageSpec.Catalog(
            StorageSpec.CatalogType.GLUE,
            Optional.of(endpoint),
            Optional.of(region),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return pipeline.withCatalog(bridge);
  }

  private static String required(Map<String, String> args, String key, String runId) {
    String value = args.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot start job run: the job run has no " + key + " argument: " + runId);
    }
    return value;
  }
}
