package io.driftway.catalogbridge.jobs;

/**
 * Starts job runs on an engine. The catalog bridge has no engine of its own: {@code stream-jobs}
 * plugs in the one that runs Driftway backfills on Flink; tests plug in small ones.
 *
 * <p>The bridge owns each run's state: it records the run as STARTING, calls {@link #launch} once,
 * and moves the run as the launcher reports through the {@link JobRunContext}. It handles {@code
 * Timeout} itself (it calls {@link JobRunHandle#stop()} and records TIMEOUT), and {@code
 * BatchStopJobRun} (STOPPING, then {@link JobRunHandle#stop()}).
 *
 * <pre>{@code
 * JobRunLauncher launcher = context -> {
 *   Future<?> work = executor.submit(() -> {
 *     context.running();
 *     try {
 *       copy(context.arguments().get("--source"), context.arguments().get("--table"));
 *       context.succeeded();
 *     } catch (Exception e) {
 *       context.failed("Cannot copy: " + e.getMessage());
 *     }
 *   });
 *   return () -> work.cancel(true);   // the thread then calls context.stopped()
 * };
 * CatalogBridge bridge = CatalogBridge.builder(config).jobLauncher(launcher).start();
 * }</pre>
 */
@FunctionalInterface
public interface JobRunLauncher {

  /**
   * Starts one run and returns at once. Called on a bridge worker thread (the one serving
   * StartJobRun, or the bridge's retry timer): it <b>must not block</b> on the run; do the work
   * elsewhere and report through {@code context}.
   *
   * @return how the bridge stops the run (BatchStopJobRun, Timeout, bridge shutdown)
   * @throws RuntimeException when the run cannot be started; the run becomes FAILED with the
   *     exception's message as its {@code ErrorMessage}, so write it as {@code Cannot start job
   *     run: <reason>: <value>}
   */
  JobRunHandle launch(JobRunContext context);

  /**
   * The launcher of a bridge started without one: every run becomes FAILED with an {@code
   * ErrorMessage} that says what to configure.
   */
  static JobRunLauncher unconfigured() {
    return context -> {
      throw new IllegalStateException(
          "Cannot start job run: this catalog bridge has no job launcher (start it with `driftway"
              + " catalog serve`, which runs backfills on Flink, or plug one in with"
              + " CatalogBridge.builder(config).jobLauncher(..)): "
              + context.run().jobName());
    };
  }
}
