package io.driftway.catalogbridge.jobs;

/** A launched run, as the bridge holds it to stop it. Returned by {@link JobRunLauncher#launch}. */
@FunctionalInterface
public interface JobRunHandle {

  /**
   * Asks the run to stop (BatchStopJobRun, its {@code Timeout}, or the bridge closing). Called on a
   * bridge thread; <b>must not block</b>, and may be called more than once. When the run has
   * stopped the launcher calls {@link JobRunContext#stopped()}; a run that ends otherwise first may
   * report that instead.
   */
  void stop();
}
