package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.crawlers.CrawlerRegistry;
import io.driftway.catalogbridge.jobs.JobRegistry;
import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.CrawlerState;
import io.driftway.catalogbridge.model.CrawlerTargets;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobUpdate;
import io.driftway.catalogbridge.model.S3Target;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoredJobRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The job and crawler operations: validation, authorization, paging. Jobs belong to no database, so
 * they need rights on every database ({@code "*"}): admin to write or run, read-only to read.
 * Crawlers need rights on the database they write into.
 */
final class JobOperations {

  private static final int MAX_JOBS_PAGE = 1000;
  private static final int MAX_JOB_RUNS_PAGE = 200;
  private static final int MAX_CRAWLERS_PAGE = 1000;
  private static final int MAX_STOP_RUNS = 25;

  private final CatalogStore store;
  private final JobRegistry jobs;
  private final CrawlerRegistry crawlers;

  JobOperations(CatalogStore store, JobRegistry jobs, CrawlerRegistry crawlers) {
    this.store = store;
    this.jobs = jobs;
    this.crawlers = crawlers;
  }

  // ---------------------------------------------------------------- jobs

  Object createJob(GlueRequests.CreateJob request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "create job");
    requireJobs(caller, Access.ADMIN, "create job", name);
    Instant now = now();
    store.createJob(Job.from(name, validJob(request.definition(), name, "create job"), now, now));
    return new GlueResponses.CreateJob(name);
  }

  Object getJob(GlueRequests.GetJob request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "get job");
    requireJobs(caller, Access.READ_ONLY, "get job", name);
    return new GlueResponses.GetJob(job(name, "get job"));
  }

  Object getJobs(GlueRequests.GetJobs request, Principal caller) {
    requireJobs(caller, Access.READ_ONLY, "get jobs", "*");
    int limit = Names.pageSize(request.maxResults(), MAX_JOBS_PAGE, "get jobs");
    String after = PageTokens.decode("jobs", request.nextToken());
    List<Job> page = store.listJobs(after, limit + 1);
    String token = null;
    if (page.size() > limit) {
      page = page.subList(0, limit);
      token = PageTokens.encode("jobs", page.get(limit - 1).name());
    }
    return new GlueResponses.GetJobs(page, token);
  }

  Object updateJob(GlueRequests.UpdateJob request, Principal caller) {
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

  Object deleteJob(GlueRequests.DeleteJob request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "delete job");
    requireJobs(caller, Access.ADMIN, "delete job", name);
    // As in Glue, deleting a job that does not exist succeeds.
    jobs.deleteJob(name);
    return new GlueResponses.DeleteJob(name);
  }

  Object startJobRun(GlueRequests.StartJobRun request, Principal caller) {
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

  Object getJobRun(GlueRequests.GetJobRun request, Principal caller) {
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

  Object getJobRuns(GlueRequests.GetJobRuns request, Principal caller) {
    String name = Names.validate(request.jobName(), "JobName", "get job runs");
    requireJobs(caller, Access.READ_ONLY, "get job runs", name);
    int limit = Names.pageSize(request.maxResults(), MAX_JOB_RUNS_PAGE, "get job runs");
    job(name, "get job runs");
    long before = PageTokens.decodeLong("job runs", request.nextToken(), Long.MAX_VALUE);
    List<StoredJobRun> page = store.listJobRuns(name, before, limit + 1);
    String token = null;
    if (page.size() > limit) {
      page = page.subList(0, limit);
      token = PageTokens.encode("job runs", Long.toString(page.get(limit - 1).seq()));
    }
    return new GlueResponses.GetJobRuns(page.stream().map(StoredJobRun::run).toList(), token);
  }

  Object batchStopJobRun(GlueRequests.BatchStopJobRun request, Principal caller) {
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

  // ---------------------------------------------------------------- crawlers

  Object createCrawler(GlueRequests.CreateCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "create crawler");
    String database = Names.normalize(request.databaseName(), "DatabaseName", "create crawler");
    caller.require(Access.ADMIN, database, "create crawler");
    if (request.role() == null || request.role().isBlank()) {
      throw GlueException.invalidInput("Cannot create crawler: Role is required: " + name);
    }
    checkTargets(request.targets(), name, "create crawler");
    Instant now = now();
    store.createCrawler(
        new Crawler(
            name,
            request.role(),
            request.targets(),
            database,
            request.description(),
            request.recrawlPolicy(),
            request.schemaChangePolicy(),
            CrawlerState.READY,
            request.tablePrefix(),
            null,
            now,
            now,
            null,
            1L,
            request.configuration()));
    return GlueResponses.EMPTY;
  }

  /** Changes the members given; the others keep their values (Glue's UpdateCrawler). */
  Object updateCrawler(GlueRequests.UpdateCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "update crawler");
    Crawler existing = crawler(name, "update crawler");
    caller.require(Access.ADMIN, existing.databaseName(), "update crawler");
    String database =
        request.databaseName() == null
            ? existing.databaseName()
            : Names.normalize(request.databaseName(), "DatabaseName", "update crawler");
    caller.require(Access.ADMIN, database, "update crawler");
    if (request.targets() != null) {
      checkTargets(request.targets(), name, "update crawler");
    }
    Crawler updated =
        new Crawler(
            name,
            request.role() == null ? existing.role() : request.role(),
            request.targets() == null ? existing.targets() : request.targets(),
            database,
            request.description() == null ? existing.description() : request.description(),
            request.recrawlPolicy() == null ? existing.recrawlPolicy() : request.recrawlPolicy(),
            request.schemaChangePolicy() == null
                ? existing.schemaChangePolicy()
                : request.schemaChangePolicy(),
            existing.state(),
            request.tablePrefix() == null ? existing.tablePrefix() : request.tablePrefix(),
            null,
            existing.creationTime(),
            now(),
            existing.lastCrawl(),
            (existing.version() == null ? 1L : existing.version()) + 1,
            request.configuration() == null ? existing.configuration() : request.configuration());
    crawlers.updateCrawler(updated);
    return GlueResponses.EMPTY;
  }

  Object getCrawler(GlueRequests.GetCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "get crawler");
    Crawler crawler = crawler(name, "get crawler");
    caller.require(Access.READ_ONLY, crawler.databaseName(), "get crawler");
    return new GlueResponses.GetCrawler(crawlers.current(crawler));
  }

  Object getCrawlers(GlueRequests.GetCrawlers request, Principal caller) {
    int limit = Names.pageSize(request.maxResults(), MAX_CRAWLERS_PAGE, "get crawlers");
    String lastSeen = PageTokens.decode("crawlers", request.nextToken());
    List<Crawler> page = new ArrayList<>();
    boolean exhausted = false;
    // Crawlers of databases the caller may not read are skipped.
    while (page.size() < limit && !exhausted) {
      List<Crawler> chunk = store.listCrawlers(lastSeen, MAX_CRAWLERS_PAGE);
      exhausted = chunk.size() < MAX_CRAWLERS_PAGE;
      for (int i = 0; i < chunk.size(); i++) {
        Crawler crawler = chunk.get(i);
        lastSeen = crawler.name();
        if (caller.canRead(crawler.databaseName())) {
          page.add(crawlers.current(crawler));
          if (page.size() == limit) {
            exhausted = exhausted && i == chunk.size() - 1;
            break;
          }
        }
      }
    }
    String token = exhausted ? null : PageTokens.encode("crawlers", lastSeen);
    return new GlueResponses.GetCrawlers(page, token);
  }

  Object startCrawler(GlueRequests.StartCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "start crawler");
    Crawler crawler = crawler(name, "start crawler");
    caller.require(Access.ADMIN, crawler.databaseName(), "start crawler");
    crawlers.startCrawl(name, caller);
    return GlueResponses.EMPTY;
  }

  Object stopCrawler(GlueRequests.StopCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "stop crawler");
    Crawler crawler = crawler(name, "stop crawler");
    caller.require(Access.ADMIN, crawler.databaseName(), "stop crawler");
    crawlers.stopCrawl(name);
    return GlueResponses.EMPTY;
  }

  Object deleteCrawler(GlueRequests.DeleteCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "delete crawler");
    Crawler crawler = crawler(name, "delete crawler");
    caller.require(Access.ADMIN, crawler.databaseName(), "delete crawler");
    crawlers.deleteCrawler(name);
    return GlueResponses.EMPTY;
  }

  Object getCrawlerMetrics(GlueRequests.GetCrawlerMetrics request, Principal caller) {
    int limit = Names.pageSize(request.maxResults(), MAX_CRAWLERS_PAGE, "get crawler metrics");
    List<CrawlerMetrics> metrics = new ArrayList<>();
    String token = null;
    if (request.crawlerNameList() != null && !request.crawlerNameList().isEmpty()) {
      for (String raw : request.crawlerNameList()) {
        String name = Names.validate(raw, "CrawlerNameList", "get crawler metrics");
        Crawler crawler = crawler(name, "get crawler metrics");
        caller.require(Access.READ_ONLY, crawler.databaseName(), "get crawler metrics");
        metrics.add(crawlers.metrics(name));
      }
      return new GlueResponses.GetCrawlerMetrics(metrics, null);
    }
    String after = PageTokens.decode("crawler metrics", request.nextToken());
    List<Crawler> page = store.listCrawlers(after, limit + 1);
    if (page.size() > limit) {
      page = page.subList(0, limit);
      token = PageTokens.encode("crawler metrics", page.get(limit - 1).name());
    }
    for (Crawler crawler : page) {
      if (caller.canRead(crawler.databaseName())) {
        metrics.add(crawlers.metrics(crawler.name()));
      }
    }
    return new GlueResponses.GetCrawlerMetrics(metrics, token);
  }

  // ---------------------------------------------------------------- helpers

  private static void checkTargets(CrawlerTargets targets, String name, String action) {
    if (targets == null || targets.s3Targets() == null || targets.s3Targets().isEmpty()) {
      throw GlueException.invalidInput(
          "Cannot "
              + action
              + ": Targets.S3Targets needs at least one Path (the bridge crawls S3 targets only): "
              + name);
    }
    for (S3Target target : targets.s3Targets()) {
      if (target == null || target.path() == null || target.path().isBlank()) {
        throw GlueException.invalidInput(
            "Cannot " + action + ": every S3Targets entry needs a Path: " + name);
      }
    }
  }

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

  private Crawler crawler(String name, String action) {
    return store
        .getCrawler(name)
        .orElseThrow(
            () -> GlueException.notFound("Cannot " + action + ": crawler not found: " + name));
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }
}
