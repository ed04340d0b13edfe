/**
 * Glue jobs and job runs: their states, and the narrow interface through which an engine runs them
 * ({@link io.driftway.catalogbridge.jobs.JobRunLauncher}). No Flink here: {@code stream-jobs}
 * implements the launcher.
 */
package io.driftway.catalogbridge.jobs;
