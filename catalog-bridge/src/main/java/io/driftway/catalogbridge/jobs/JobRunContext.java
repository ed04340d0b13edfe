package io.driftway.catalogbridge.jobs;

import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunProgress;
import java.net.URI;
import java.util.Map;

/**
 * One run as the launcher sees it: what to run, and where to report its progress. The reporting
 * methods are thread-safe and return at once; call them from any thread. A report that does not fit
 * the run's state is ignored (a run that already ended stays as it ended), so a launcher need not
 * guard against races with stop or timeout.
 *
 * <p>States: the run is STARTING when {@link JobRunLauncher#launch} is called; {@link #running()}
 * moves it to RUNNING; {@link #succeeded()}, {@link #failed(String)} and {@link #stopped()} end it
 * (SUCCEEDED, FAILED, and STOPPED or TIMEOUT as the bridge asked).
 */
public interface JobRunContext {

  /** The job's definition as it was when the run started. */
  Job job();

  /** The run as recorded when it started: id, attempt, merged arguments, timeout in minutes. */
  JobRun run();

  /**
   * The arguments of this run: the job's {@code DefaultArguments}, overridden by the run's {@code
   * Arguments}, overridden by the job's {@code NonOverridableArguments}; e.g. {@code --source},
   * {@code --from}, {@code --to}, {@code --table}, {@code --pipeline}.
   */
  Map<String, String> arguments();

  /** Where the bridge serves the Glue API (for the run's Iceberg {@code GlueCatalog}). */
  URI catalogEndpoint();

  /** The region clients of {@link #catalogEndpoint()} sign for. */
  String region();

  /** The run has started its work: STARTING becomes RUNNING. */
  void running();

  /**
   * How far the running run got (e.g. every second): GetJobRun then shows it as the run's {@code
   * Progress}, its {@code StateDetail} and {@code ExecutionTime} so far, and the console's job runs
   * page draws it. Ignored unless the run is RUNNING; the last report stays after the run ends.
   */
  void progress(JobRunProgress progress);

  /** The run finished its work: SUCCEEDED. */
  void succeeded();

  /**
   * The run failed: FAILED with {@code errorMessage} (written {@code Cannot <action>: <reason>:
   * <value>}). With attempts left ({@code MaxRetries}), the bridge starts the next attempt.
   */
  void failed(String errorMessage);

  /** The run stopped after {@link JobRunHandle#stop()}: STOPPED, or TIMEOUT if that was why. */
  void stopped();
}
