package io.driftway.catalogbridge.api;

import static io.driftway.catalogbridge.api.OperationContext.now;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.jobs.JobRegistry;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobUpdate;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoredJobRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The job and job run operations: validation, authorization, paging. Jobs belong to no database, so
 * they need rights on every database ({@code "*"}): admin to write or run, read-only to read.
 */
final class JobOperations {

  private static final int MAX_JOBS_PAGE = 1000;
  private static final int MAX_JOB_RUNS_PAGE = 200;
  private static final int MAX_STOP_RUNS = 25;

  private final CatalogStore store;
  private final JobRegistry jobs;

  JobOperations(CatalogStore store, JobRegistry jobs) {
    this.store = store;
    this.jobs = jobs;
  }

  /** Registers these operations by their Glue names. */
  void addTo(DefaultGlueApi api) {
    api.add("CreateJob", GlueRequests.CreateJob.class, this::createJob);
    api.add("GetJob", GlueRequests.GetJob.class, this::getJob);
    api.add("GetJobs", GlueRequests.GetJobs.class, this::getJobs);
    api.add("UpdateJob", GlueRequests.UpdateJob.class, this::updateJob);
    api.add("DeleteJob", GlueRequests.DeleteJob.class, this::deleteJob);
    api.add("StartJobRun", GlueRequests.StartJobRun.class, this::startJobRun);
    api.add("GetJobRun", GlueRequests.GetJobRun.class, this::getJobRun);
    api.add("GetJobRuns", GlueRequests.GetJobRuns.class, this::getJobRuns);
    api.add("BatchStopJobRun", GlueRequests.BatchStopJobRun.class, this::batchStopJobRun);
  }

  private Object createJob(GlueRequests.CreateJob request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "create job");
    requireJobs(caller, Access.ADMIN, "create job", name);
    Instant now = now();
    store.createJob(Job.from(name, validJob(request.definition(), name, "create job"), now, now));
    return new GlueResponses.CreateJob(name);
  }

  private Object getJob(GlueRequests.GetJob request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "get job");
    requireJobs(caller, Access.READ_ONLY, "get job", name);
    return new GlueResponses.GetJob(job(name, "get job"));
  }

  private Object getJobs(GlueRequests.GetJobs request, Principal caller) {
    requireJobs(caller, Access.READ_ONLY, "get jobs", "*");
    int limit = Names.pageSize(request.maxResults(), MAX_JOBS_PAGE, "get jobs");
    Pager.Page<Job> page =
        Pager.byName("jobs", store::listJobs, Job::name).page(request.nextToken(), limit);
    return new GlueResponses.GetJobs(page.items(), page.nextToken());
  }

  private Object updateJob(GlueRequests.UpdateJob request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "update job");
    requireJobs(caller, Access.ADMIN, "update job", name);
    if (request.jobUpdate() == null) {
      throw GlueException.invalidInput("Cannot update job: JobUpdate is required: " + name);
    }
    Job existing = job(name, "update job");
    JobUpdate update = validJob(request.jobUpdate(), name, "update job");
    store.updateJob(Job.from(name, update, existing.createdOn(), now()));
    return new GlueResponses.UpdateJob(name);
  }

  private Object deleteJob(GlueRequests.DeleteJob request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "delete job");
    requireJobs(caller, Access.ADMIN, "delete job", name);
    // As in Glue, deleting a job that does not exist succeeds.
    jobs.deleteJob(name);
    return new GlueResponses.DeleteJob(name);
  }

  private Object startJobRun(GlueRequests.StartJobRun request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "start job run");
    requireJobs(caller, Access.ADMIN, "start job run", name);
    if (request.jobRunId() != null) {
      throw GlueException.invalidInput(
          "Cannot start job run: JobRunId (retrying a previous run) is not supported; start a new"
              + " run: "
              + request.jobRunId());
    }
    if (request.timeout() != null && request.timeout() < 1) {
      throw GlueException.invalidInput(
          "Cannot start job run: Timeout must be at least 1 minute: " + request.timeout());
    }
    checkArguments(request.arguments(), "Arguments", "start job run");
    JobRun run = jobs.startJobRun(name, request.arguments(), request.timeout());
    return new GlueResponses.StartJobRun(run.id());
  }

  private Object getJobRun(GlueRequests.GetJobRun request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "get job run");
    String runId = Names.validate(request.runId(), "RunId", "get job run");
    requireJobs(caller, Access.READ_ONLY, "get job run", name);
    return new GlueResponses.GetJobRun(
        store
            .getJobRun(name, runId)
            .orElseThrow(
                () -> {
                  job(name, "get job run");
                  return GlueException.notFound(
                      "Cannot get job run: run not found: " + name + " " + runId);
                }));
  }

  private Object getJobRuns(GlueRequests.GetJobRuns request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "get job runs");
    requireJobs(caller, Access.READ_ONLY, "get job runs", name);
    int limit = Names.pageSize(request.maxResults(), MAX_JOB_RUNS_PAGE, "get job runs");
    job(name, "get job runs");
    Pager.Page<StoredJobRun> page =
        Pager.<StoredJobRun>byNumber(
                "job runs",
                Long.MAX_VALUE,
                (before, count) -> store.listJobRuns(name, before, count),
                StoredJobRun::seq)
            .page(request.nextToken(), limit);
    return new GlueResponses.GetJobRuns(
        page.items().stream().map(StoredJobRun::run).toList(), page.nextToken());
  }

  private Object batchStopJobRun(GlueRequests.BatchStopJobRun request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "stop job runs");
    requireJobs(caller, Access.ADMIN, "stop job runs", name);
    List<String> ids = request.jobRunIds();
    if (ids == null || ids.isEmpty() || ids.size() > MAX_STOP_RUNS) {
      throw GlueException.invalidInput(
          "Cannot stop job runs: JobRunIds must hold 1 to "
              + MAX_STOP_RUNS
              + " ids: "
              + (ids == null ? null : ids.size()));
    }
    job(name, "stop job runs");
    List<GlueResponses.BatchStopJobRunSuccessfulSubmission> stopped = new ArrayList<>();
    List<GlueResponses.BatchStopJobRunError> errors = new ArrayList<>();
    for (String id : ids) {
      try {
        jobs.stopJobRun(name, id);
        stopped.add(new GlueResponses.BatchStopJobRunSuccessfulSubmission(name, id));
      } catch (GlueException e) {
        errors.add(
            new GlueResponses.BatchStopJobRunError(
                name, id, new GlueResponses.ErrorDetail(e.type().typeName(), e.getMessage())));
      }
    }
    return new GlueResponses.BatchStopJobRun(stopped, errors);
  }

  // ---------------------------------------------------------------- helpers

  private static JobUpdate validJob(JobUpdate update, String name, String action) {
    if (update.role() == null || update.role().isBlank()) {
      throw GlueException.invalidInput("Cannot " + action + ": Role is required: " + name);
    }
    if (update.command() == null) {
      throw GlueException.invalidInput("Cannot " + action + ": Command is required: " + name);
    }
    if (update.timeout() != null && update.timeout() < 1) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": Timeout must be at least 1 minute: " + update.timeout());
    }
    if (update.maxRetries() != null && (update.maxRetries() < 0 || update.maxRetries() > 10)) {
      throw GlueException.invalidInput(
          "Cannot " + action + ": MaxRetries must be between 0 and 10: " + update.maxRetries());
    }
    if (update.executionProperty() != null
        && update.executionProperty().maxConcurrentRuns() != null
        && update.executionProperty().maxConcurrentRuns() < 1) {
      throw GlueException.invalidInput(
          "Cannot "
              + action
              + ": ExecutionProperty.MaxConcurrentRuns must be at least 1: "
              + update.executionProperty().maxConcurrentRuns());
    }
    checkArguments(update.defaultArguments(), "DefaultArguments", action);
    checkArguments(update.nonOverridableArguments(), "NonOverridableArguments", action);
    return update;
  }

  private static void checkArguments(Map<String, String> arguments, String member, String action) {
    if (arguments == null) {
      return;
    }
    arguments.forEach(
        (key, value) -> {
          if (key == null || key.isEmpty() || value == null) {
            throw GlueException.invalidInput(
                "Cannot " + action + ": " + member + " needs a key and a value: " + key);
          }
        });
  }

  /** Jobs belong to no database: they need the caller's rights on every database. */
  private static void requireJobs(Principal caller, Access needed, String action, String name) {
    boolean allowed =
        needed == Access.ADMIN
            ? caller.canAdmin(Principal.ALL_DATABASES)
            : caller.canRead(Principal.ALL_DATABASES);
    if (!allowed) {
      throw GlueException.of(
          GlueErrorType.ACCESS_DENIED,
          "Cannot "
              + action
              + ": principal "
              + caller.name()
              + " has no "
              + (needed == Access.ADMIN ? "admin" : "read")
              + " rights on jobs (jobs need rights on database \"*\"): "
              + name);
    }
  }

  private Job job(String name, String action) {
    return store
        .getJob(name)
        .orElseThrow(() -> GlueException.notFound("Cannot " + action + ": job not found: " + name));
  }
}
