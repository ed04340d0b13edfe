package io.driftway.catalogbridge.model;

import java.time.Instant;
import java.util.Map;

/**
 * A Glue {@code JobRun} as GetJobRun returns it. {@code Arguments} are the run's own arguments over
 * the job's {@code DefaultArguments} (the run's win), {@code Timeout} is in minutes and {@code
 * ExecutionTime} in seconds (counted while the run is active, as Glue does). A running backfill
 * reports its {@link JobRunProgress progress}: the Driftway member {@code Progress}, and in words
 * as Glue's {@code StateDetail}.
 */
public record JobRun(
    String id,
    Integer attempt,
    String previousRunId,
    String triggerName,
    String jobName,
    String jobMode,
    Instant startedOn,
    Instant lastModifiedOn,
    Instant completedOn,
    JobRunState jobRunState,
    Map<String, String> arguments,
    String errorMessage,
    Integer allocatedCapacity,
    Integer executionTime,
    Integer timeout,
    Double maxCapacity,
    String workerType,
    Integer numberOfWorkers,
    String securityConfiguration,
    String logGroupName,
    NotificationProperty notificationProperty,
    String glueVersion,
    String executionClass,
    String stateDetail,
    JobRunProgress progress) {

  public JobRun {
    arguments = Copies.map(arguments);
  }

  /**
   * This run moved to {@code state} at {@code now}; a final state sets {@code CompletedOn} and
   * {@code ExecutionTime}, and clears {@code StateDetail} (the last {@code Progress} stays).
   */
  public JobRun withState(JobRunState state, String message, Instant now) {
    Instant completed = state.isFinal() ? now : null;
    Integer seconds =
        state.isFinal() && startedOn != null
            ? (int) Math.max(0, (now.toEpochMilli() - startedOn.toEpochMilli()) / 1000)
            : executionTime;
    return new JobRun(
        id,
        attempt,
        previousRunId,
        triggerName,
        jobName,
        jobMode,
        startedOn,
        now,
        completed,
        state,
        arguments,
        message == null ? errorMessage : message,
        allocatedCapacity,
        seconds,
        timeout,
        maxCapacity,
        workerType,
        numberOfWorkers,
        securityConfiguration,
        logGroupName,
        notificationProperty,
        glueVersion,
        executionClass,
        // StateDetail tells about the state the run is in; an ended run keeps its last Progress.
        state.isFinal() ? null : stateDetail,
        progress);
  }

  /**
   * This run with {@code reported} as its progress at {@code now}: {@code StateDetail} in words,
   * {@code ExecutionTime} so far.
   */
  public JobRun withProgress(JobRunProgress reported, Instant now) {
    Integer seconds =
        startedOn == null
            ? executionTime
            : (int) Math.max(0, (now.toEpochMilli() - startedOn.toEpochMilli()) / 1000);
    return new JobRun(
        id,
        attempt,
        previousRunId,
        triggerName,
        jobName,
        jobMode,
        startedOn,
        now,
        completedOn,
        jobRunState,
        arguments,
        errorMessage,
        allocatedCapacity,
        seconds,
        timeout,
        maxCapacity,
        workerType,
        numberOfWorkers,
        securityConfiguration,
        logGroupName,
        notificationProperty,
        glueVersion,
        executionClass,
        reported.describe(),
        reported);
  }
}
