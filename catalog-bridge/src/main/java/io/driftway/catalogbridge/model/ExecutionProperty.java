package io.driftway.catalogbridge.model;

/** A Glue {@code ExecutionProperty}: how many runs of one job may be active at once. */
public record ExecutionProperty(Integer maxConcurrentRuns) {

  /** Glue's default when a job leaves it out. */
  public static final int DEFAULT_MAX_CONCURRENT_RUNS = 1;

  /** The limit in force, with Glue's default of 1 run. */
  public int effectiveMaxConcurrentRuns() {
    return maxConcurrentRuns == null ? DEFAULT_MAX_CONCURRENT_RUNS : maxConcurrentRuns;
  }
}
