package io.driftway.catalogbridge.jobs;

import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunProgress;
import io.driftway.catalogbridge.model.JobRunState;
import io.driftway.catalogbridge.store.CatalogStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine of job runs: starts them through a {@link JobRunLauncher}, moves them as the
 * launcher reports, stops them (BatchStopJobRun, {@code Timeout}), retries failed ones ({@code
 * MaxRetries}), and records every move in the store, so GetJobRun and GetJobRuns show it, also
 * after a restart.
 *
 * <p>Runs do not survive the bridge: at start, runs a previous bridge left STARTING, RUNNING or
 * STOPPING become FAILED (nothing reports on them any more); at close, active runs are stopped and
 * become FAILED. Both say so in the run's {@code ErrorMessage}. One bridge owns the jobs of a
 * store: two bridges on one PostgreSQL database would fail each other's runs at start.
 *
 * <p>Thread-safe. State moves are serialized on this registry; the launcher is called with that
 * lock held, which is why it must not block.
 *
 * <pre>{@code
 * JobRegistry jobs = JobRegistry.start(store, launcher, bridge::endpoint, "us-east-1");
 * JobRun run = jobs.startJobRun("orders-backfill", Map.of("--from", "2026-11-01"), null);
 * jobs.stopJobRun("orders-backfill", run.id());
 * }</pre>
 */
public final class JobRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(JobRegistry.class);

  /** The states of a run that has not ended. */
  public static final Set<JobRunState> ACTIVE =
      Collections.unmodifiableSet(
          EnumSet.of(
              JobRunState.STARTING,
              JobRunState.RUNNING,
              JobRunState.STOPPING,
              JobRunState.WAITING));

  /**
   * How long a stopped run may take to confirm: an engine that never reports after {@link
   * JobRunHandle#stop()} would otherwise hold its run STOPPING, and its concurrency slot, forever.
   */
  static final Duration DEFAULT_STOP_GRACE = Duration.ofMinutes(5);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final CatalogStore store;
  private final JobRunLauncher launcher;
  private final Supplier<URI> endpoint;
  private final String region;
  private final Clock clock;
  private final Duration timeoutUnit;
  private final Duration stopGrace;
  private final ScheduledExecutorService timer;
  private final Map<String, ActiveRun> active = new LinkedHashMap<>();
  private boolean closed;

  JobRegistry(
      CatalogStore store,
      JobRunLauncher launcher,
      Supplier<URI> endpoint,
      String region,
      Clock clock,
      Duration timeoutUnit,
      Duration stopGrace) {
    this.store = store;
    this.launcher = launcher;
    this.endpoint = endpoint;
    this.region = region;
    this.clock = clock;
    this.timeoutUnit = timeoutUnit;
    this.stopGrace = stopGrace;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "driftway-job-runs");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * A registry over {@code store}, after failing the runs a previous bridge left active.
   *
   * @param endpoint where the bridge serves the Glue API (asked when a run starts)
   */
  public static JobRegistry start(
      CatalogStore store, JobRunLauncher launcher, Supplier<URI> endpoint, String region) {
    JobRegistry registry =
        new JobRegistry(
            store,
            launcher,
            endpoint,
            region,
            Clock.systemUTC(),
            Duration.ofMinutes(1),
            DEFAULT_STOP_GRACE);
    registry.failInterruptedRuns();
    return registry;
  }

  /** Fails the runs that were active when the previous bridge on this store stopped. */
  synchronized int failInterruptedRuns() {
    List<JobRun> left = store.listJobRunsIn(ACTIVE);
    for (JobRun run : left) {
      store.updateJobRun(
          run.withState(
              JobRunState.FAILED,
              "Cannot finish job run: the catalog bridge stopped while the run was "
                  + run.jobRunState()
                  + " (a run does not outlive its bridge; start it again): "
                  + run.id(),
              now()));
    }
    if (!left.isEmpty()) {
      LOG.warn("Marked {} job runs FAILED that a previous bridge left active", left.size());
    }
    return left.size();
  }

  /**
   * Starts a run of {@code jobName} (StartJobRun).
   *
   * @param arguments the run's own arguments, over the job's {@code DefaultArguments}
   * @param timeoutMinutes the run's timeout, or null for the job's
   * @return the run as recorded; FAILED already when the launcher could not start it
   * @throws GlueException EntityNotFoundException for an unknown job, ConcurrentRunsExceeded when
   *     the job has {@code MaxConcurrentRuns} runs active
   */
  public synchronized JobRun startJobRun(
      String jobName, Map<String, String> arguments, Integer timeoutMinutes) {
    checkOpen("start job run");
    Job job =
        store
            .getJob(jobName)
            .orElseThrow(
                () -> GlueException.notFound("Cannot start job run: job not found: " + jobName));
    long running = active.values().stream().filter(r -> r.job.name().equals(jobName)).count();
    if (running >= job.maxConcurrentRuns()) {
      throw GlueException.of(
          GlueErrorType.CONCURRENT_RUNS_EXCEEDED,
          "Cannot start job run: "
              + running
              + " run(s) active and ExecutionProperty.MaxConcurrentRuns is "
              + job.maxConcurrentRuns()
              + ": "
              + jobName);
    }
    Instant now = now();
    int timeout = timeoutMinutes != null ? timeoutMinutes : timeoutOf(job);
    JobRun run =
        new JobRun(
            newRunId(),
            0,
            null,
            null,
            job.name(),
            job.jobMode(),
            now,
            now,
            null,
            JobRunState.STARTING,
            arguments == null ? Map.of() : arguments,
            null,
            job.allocatedCapacity(),
            0,
            timeout,
            job.maxCapacity(),
            job.workerType(),
            job.numberOfWorkers(),
            job.securityConfiguration(),
            null,
            job.notificationProperty(),
            job.glueVersion(),
            job.executionClass(),
            null,
            null);
    store.createJobRun(run);
    return launch(job, run);
  }

  /**
   * Asks an active run to stop (one entry of BatchStopJobRun): it becomes STOPPING, then STOPPED
   * when the launcher reports it.
   *
   * @throws GlueException EntityNotFoundException for an unknown run, InvalidInputException for a
   *     run that has ended
   */
  public synchronized JobRun stopJobRun(String jobName, String runId) {
    ActiveRun run = active.get(runId);
    if (run == null || !run.job.name().equals(jobName)) {
      JobRun stored =
          store
              .getJobRun(jobName, runId)
              .orElseThrow(
                  () ->
                      GlueException.notFound(
                          "Cannot stop job run: run not found: " + jobName + " " + runId));
      throw GlueException.invalidInput(
          "Cannot stop job run: it has ended as " + stored.jobRunState() + ": " + runId);
    }
    run.requestStop(false);
    return run.run;
  }

  /** The runs active now, oldest first (for tests and the bridge's status). */
  public synchronized List<JobRun> activeRuns() {
    List<JobRun> runs = new ArrayList<>();
    active.values().forEach(r -> runs.add(r.run));
    return runs;
  }

  /**
   * Deletes a job with its runs (DeleteJob), stopping its active runs first.
   *
   * @return false when there was no such job
   */
  public synchronized boolean deleteJob(String jobName) {
    if (store.getJob(jobName).isEmpty()) {
      return false;
    }
    for (ActiveRun run : new ArrayList<>(active.values())) {
      if (run.job.name().equals(jobName)) {
        run.stopHandle();
        run.forget();
      }
    }
    try {
      store.deleteJob(jobName);
    } catch (GlueException e) {
      if (e.type() != GlueErrorType.ENTITY_NOT_FOUND) {
        throw e;
      }
      return false;
    }
    return true;
  }

  /** Stops every active run and records it FAILED; later reports are ignored. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ActiveRun run : new ArrayList<>(active.values())) {
      run.stopHandle();
      run.finish(
          JobRunState.FAILED,
          "Cannot finish job run: the catalog bridge shut down while the run was "
              + run.run.jobRunState()
              + ": "
              + run.run.id());
    }
    timer.shutdownNow();
  }

  // ---------------------------------------------------------------- internals

  private JobRun launch(Job job, JobRun run) {
    ActiveRun started = new ActiveRun(job, run);
    active.put(run.id(), started);
    JobRunHandle handle;
    try {
      handle = launcher.launch(started);
      if (handle == null) {
        throw new IllegalStateException(
            "Cannot start job run: the launcher returned no handle: "
                + launcher.getClass().getName());
      }
    } catch (RuntimeException e) {
      LOG.warn("Job run {} of {} could not start", run.id(), job.name(), e);
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      started.finish(JobRunState.FAILED, message);
      return started.run;
    }
    started.handle = handle;
    if (started.isActive()) {
      long millis = Math.multiplyExact(timeoutUnit.toMillis(), (long) run.timeout());
      started.timeout =
          timer.schedule(() -> timeOut(started), Math.max(1, millis), TimeUnit.MILLISECONDS);
    }
    return started.run;
  }

  private synchronized void timeOut(ActiveRun run) {
    if (run.isActive()) {
      LOG.info(
          "Job run {} of {} passed its {} minute timeout",
          run.run.id(),
          run.job.name(),
          run.run.timeout());
      run.requestStop(true);
    }
  }

  private synchronized void retry(ActiveRun failed) {
    if (closed || store.getJob(failed.job.name()).isEmpty()) {
      return;
    }
    JobRun previous = failed.run;
    int attempt = previous.attempt() + 1;
    Instant now = now();
    String rootId = previous.previousRunId() == null ? previous.id() : rootId(previous.id());
    JobRun run =
        new JobRun(
            rootId + "_attempt_" + attempt,
            attempt,
            previous.id(),
            previous.triggerName(),
            previous.jobName(),
            previous.jobMode(),
            now,
            now,
            null,
            JobRunState.STARTING,
            previous.arguments(),
            null,
            previous.allocatedCapacity(),
            0,
            previous.timeout(),
            previous.maxCapacity(),
            previous.workerType(),
            previous.numberOfWorkers(),
            previous.securityConfiguration(),
            previous.logGroupName(),
            previous.notificationProperty(),
            previous.glueVersion(),
            previous.executionClass(),
            null,
            null);
    try {
      store.createJobRun(run);
      launch(failed.job, run);
    } catch (GlueException e) {
      LOG.error("Cannot retry job run {}: {}", previous.id(), e.getMessage(), e);
    }
  }

  private static String rootId(String id) {
    int at = id.indexOf("_attempt_");
    return at < 0 ? id : id.substring(0, at);
  }

  private static int timeoutOf(Job job) {
    return job.timeout() == null ? Job.DEFAULT_TIMEOUT_MINUTES : job.timeout();
  }

  private void checkOpen(String action) {
    if (closed) {
      throw GlueException.of(
          GlueErrorType.SERVICE_UNAVAILABLE,
          "Cannot " + action + ": the catalog bridge is shutting down: jobs");
    }
  }

  /** Glue's run id form: {@code jr_} and 64 hex digits. */
  private static String newRunId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "jr_" + HexFormat.of().formatHex(bytes);
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /** One active run: what the launcher holds as its context, and what the registry holds. */
  private final class ActiveRun implements JobRunContext {
    private final Job job;
    private final Map<String, String> arguments;
    private final JobRun started;
    private JobRun run;
    private JobRunHandle handle;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> stopWait;
    private boolean stopRequested;
    private boolean timedOut;
    private boolean forgotten;

    ActiveRun(Job job, JobRun run) {
      this.job = job;
      this.started = run;
      this.run = run;
      Map<String, String> merged = new LinkedHashMap<>();
      if (job.defaultArguments() != null) {
        merged.putAll(job.defaultArguments());
      }
      merged.putAll(run.arguments() == null ? Map.of() : run.arguments());
      if (job.nonOverridableArguments() != null) {
        merged.putAll(job.nonOverridableArguments());
      }
      this.arguments = Collections.unmodifiableMap(merged);
    }

    @Override
    public Job job() {
      return job;
    }

    @Override
    public JobRun run() {
      return started;
    }

    @Override
    public Map<String, String> arguments() {
      return arguments;
    }

    @Override
    public URI catalogEndpoint() {
      return endpoint.get();
    }

    @Override
    public String region() {
      return region;
    }

    @Override
    public void running() {
      synchronized (JobRegistry.this) {
        if (run.jobRunState() == JobRunState.STARTING) {
          move(JobRunState.RUNNING, null);
        }
      }
    }

    @Override
    public void progress(JobRunProgress progress) {
      synchronized (JobRegistry.this) {
        if (forgotten
            || run.jobRunState() != JobRunState.RUNNING
            || progress.equals(run.progress())) {
          return;
        }
        record(run.withProgress(progress, now()));
      }
    }

    @Override
    public void succeeded() {
      synchronized (JobRegistry.this) {
        finish(JobRunState.SUCCEEDED, null);
      }
    }

    @Override
    public void failed(String errorMessage) {
      synchronized (JobRegistry.this) {
        boolean wasActive = isActive();
        finish(
            JobRunState.FAILED,
            errorMessage == null || errorMessage.isBlank()
                ? "Cannot finish job run: the launcher reported a failure without a message: "
                    + run.id()
                : errorMessage);
        int maxRetries = job.maxRetries() == null ? 0 : job.maxRetries();
        if (wasActive && !stopRequested && !closed && run.attempt() < maxRetries) {
          timer.execute(() -> retry(this));
        }
      }
    }

    @Override
    public void stopped() {
      synchronized (JobRegistry.this) {
        if (timedOut) {
          finish(
              JobRunState.TIMEOUT,
              "Cannot finish job run: it ran past its Timeout of "
                  + run.timeout()
                  + " minute(s): "
                  + run.id());
        } else {
          finish(JobRunState.STOPPED, null);
        }
      }
    }

    boolean isActive() {
      return !forgotten && !run.jobRunState().isFinal();
    }

    /** Its job was deleted: the run leaves the registry, and later reports change nothing. */
    void forget() {
      forgotten = true;
      active.remove(run.id());
      cancelTimeout();
    }

    void requestStop(boolean becauseOfTimeout) {
      if (!isActive() || stopRequested) {
        return;
      }
      stopRequested = true;
      timedOut = becauseOfTimeout;
      move(JobRunState.STOPPING, null);
      if (handle != null) {
        stopHandle();
      }
      stopWait = timer.schedule(this::giveUpWaiting, stopGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void giveUpWaiting() {
      synchronized (JobRegistry.this) {
        if (isActive()) {
          LOG.warn("Job launcher did not confirm the stop of run {} of {}", run.id(), job.name());
          finish(
              timedOut ? JobRunState.TIMEOUT : JobRunState.STOPPED,
              "Cannot confirm job run stop: the engine did not report within "
                  + stopGrace.toSeconds()
                  + " s of being asked to stop (its work may still be running): "
                  + run.id());
        }
      }
    }

    void stopHandle() {
      if (handle == null) {
        return;
      }
      try {
        handle.stop();
      } catch (RuntimeException e) {
        // The run may still end by itself; the stop is retried by Timeout or a later request.
        LOG.warn("Job launcher failed to stop run {} of {}", run.id(), job.name(), e);
      }
    }

    void cancelTimeout() {
      if (timeout != null) {
        timeout.cancel(false);
      }
      if (stopWait != null) {
        stopWait.cancel(false);
      }
    }

    void finish(JobRunState state, String message) {
      if (!isActive()) {
        return;
      }
      move(state, message);
      active.remove(run.id());
      cancelTimeout();
    }

    private void move(JobRunState state, String message) {
      record(run.withState(state, message, now()));
    }

    private void record(JobRun next) {
      try {
        store.updateJobRun(next);
      } catch (GlueException e) {
        // The store is down or the job was deleted; the in-memory state still moves, so the run
        // ends and frees its concurrency slot. The store shows the last state it could take.
        LOG.error(
            "Cannot record job run {} as {}: {}", run.id(), next.jobRunState(), e.getMessage(), e);
      }
      run = next;
    }
  }
}
