package io.driftway.catalogbridge.model;

import java.time.Instant;
import java.util.Map;

/**
 * A Glue {@code Job} as GetJob returns it: a named, reusable run definition. In Driftway a job is a
 * backfill; its {@code DefaultArguments} ({@code --source}, {@code --table}, {@code --pipeline},
 * ...) are merged with each run's {@code Arguments}.
 *
 * <pre>{@code
 * Job job = Job.from("orders-backfill", update, now, now);
 * int limit = job.maxConcurrentRuns();   // 1 unless ExecutionProperty says otherwise
 * }</pre>
 */
public record Job(
    String name,
    String jobMode,
    String description,
    String logUri,
    String role,
    Instant createdOn,
    Instant lastModifiedOn,
    ExecutionProperty executionProperty,
    JobCommand command,
    Map<String, String> defaultArguments,
    Map<String, String> nonOverridableArguments,
    ConnectionsList connections,
    Integer maxRetries,
    Integer allocatedCapacity,
    Integer timeout,
    Double maxCapacity,
    String workerType,
    Integer numberOfWorkers,
    String securityConfiguration,
    NotificationProperty notificationProperty,
    String glueVersion,
    String executionClass) {

  /** Glue's default run timeout when a job leaves {@code Timeout} out: 2,880 minutes (48 h). */
  public static final int DEFAULT_TIMEOUT_MINUTES = 2880;

  public Job {
    defaultArguments = Copies.map(defaultArguments);
    nonOverridableArguments = Copies.map(nonOverridableArguments);
  }

  /** A job named {@code name} with the definition {@code update}. */
  public static Job from(String name, JobUpdate update, Instant createdOn, Instant lastModifiedOn) {
    return new Job(
        name,
        update.jobMode(),
        update.description(),
        update.logUri(),
        update.role(),
        createdOn,
        lastModifiedOn,
        update.executionProperty() == null
            ? new ExecutionProperty(ExecutionProperty.DEFAULT_MAX_CONCURRENT_RUNS)
            : update.executionProperty(),
        update.command(),
        update.defaultArguments(),
        update.nonOverridableArguments(),
        update.connections(),
        update.maxRetries() == null ? 0 : update.maxRetries(),
        update.allocatedCapacity(),
        update.timeout() == null ? DEFAULT_TIMEOUT_MINUTES : update.timeout(),
        update.maxCapacity(),
        update.workerType(),
        update.numberOfWorkers(),
        update.securityConfiguration(),
        update.notificationProperty(),
        update.glueVersion(),
        update.executionClass());
  }

  /** How many runs of this job may be STARTING, RUNNING or STOPPING at once. */
  public int maxConcurrentRuns() {
    return executionProperty == null
        ? ExecutionProperty.DEFAULT_MAX_CONCURRENT_RUNS
        : executionProperty.effectiveMaxConcurrentRuns();
  }
}
