package io.driftway.streamjobs.maintain;

import io.driftway.catalogbridge.jobs.JobRunContext;
import io.driftway.catalogbridge.jobs.JobRunHandle;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Glue job run that maintains a table once ({@link MaintainOnce}) instead of running a backfill:
 * the run's arguments say {@code --job-kind maintain}, with {@code --pipeline}, {@code --table
 * <db.table>} and optionally {@code --dry-run true}. Compaction runs on a Flink environment in the
 * bridge's JVM. Started by the stream-jobs launcher of the catalog bridge.
 *
 * <pre>{@code
 * glue.start_job_run(JobName="orders-maintenance",
 *                    Arguments={"--job-kind": "maintain", "--table": "shop.orders"})
 * }</pre>
 */
public final class MaintenanceJobRun {

  /** The argument that picks the kind of run, and its value for maintenance. */
  public static final String JOB_KIND = "--job-kind";

  public static final String MAINTAIN = "maintain";

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceJobRun.class);

  private MaintenanceJobRun() {}

  /**
   * Starts the run on a thread of its own and returns at once.
   *
   * @throws IllegalArgumentException {@code Cannot start job run: ...} when {@code --table} is
   *     missing or not {@code <db>.<table>}, or {@code --dry-run} is not true or false
   */
  public static JobRunHandle launch(JobRunContext context, PipelineSpec pipeline) {
    Map<String, String> args = context.arguments();
    String runId = context.run().id();
    String table = args.getOrDefault("--table", "");
    String[] parts = table.split("\\.", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot start job run: a maintain run needs --table <database>.<table>: " + runId);
    }
    String dryRunText = args.getOrDefault("--dry-run", "false");
    if (!dryRunText.equals("true") && !dryRunText.equals("false")) {
      throw new IllegalArgumentException(
          "Cannot start job run: --dry-run is true or false: " + dryRunText);
    }
    boolean dryRun = Boolean.parseBoolean(dryRunText);
    TableIdentifier id = TableIdentifier.of(parts[0], parts[1]);
    AtomicBoolean stopAsked = new AtomicBoolean();
    Thread thread =
        new Thread(
            () -> {
              context.running();
              try {
                MaintainOnce.Summary summary =
                    MaintainOnce.run(pipeline, id, dryRun, MaintainOnce::localFlink);
                LOG.info("Job run {}:\n{}", runId, summary.render());
                if (stopAsked.get()) {
                  context.stopped();
                } else {
                  context.succeeded();
                }
              } catch (RuntimeException e) {
                String message = e.getMessage();
                context.failed(
                    message != null && message.startsWith("Cannot ")
                        ? message
                        : "Cannot maintain table: " + e + ": " + id);
              }
            },
            "driftway-maintain-" + runId);
    thread.setDaemon(true);
    thread.start();
    // Iceberg commits cannot be cut half-way: a stop lets the current task finish, then the run
    // ends STOPPED.
    return () -> stopAsked.set(true);
  }
}
