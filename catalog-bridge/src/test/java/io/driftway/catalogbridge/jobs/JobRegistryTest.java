package io.driftway.catalogbridge.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftway.catalogbridge.model.ExecutionProperty;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.Job;
import io.driftway.catalogbridge.model.JobCommand;
import io.driftway.catalogbridge.model.JobRun;
import io.driftway.catalogbridge.model.JobRunProgress;
import io.driftway.catalogbridge.model.JobRunState;
import io.driftway.catalogbridge.model.JobUpdate;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run state machine over a real H2 store, driven by a launcher that only records what it was
 * given: the test plays the engine by calling the run's context.
 */
class JobRegistryTest {

  @TempDir Path dir;

  private CatalogStore store;
  private RecordingLauncher launcher;
  private JobRegistry registry;

  /** Remembers each launch and counts stop calls. */
  static final class RecordingLauncher implements JobRunLauncher {
    final List<JobRunContext> launched = new CopyOnWriteArrayList<>();
    final AtomicInteger stops = new AtomicInteger();

    @Override
    public JobRunHandle launch(JobRunContext context) {
      launched.add(context);
      return stops::incrementAndGet;
    }

    JobRunContext last() {
      return launched.get(launched.size() - 1);
    }
  }

  @BeforeEach
  void open() {
    store = CatalogStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("catalog")));
    launcher = new RecordingLauncher();
    registry = registry(launcher, Duration.ofMinutes(1));
  }

  @AfterEach
  void close() {
    registry.close();
    store.close();
  }

  private JobRegistry registry(JobRunLauncher with, Duration timeoutUnit) {
    return registry(with, timeoutUnit, JobRegistry.DEFAULT_STOP_GRACE);
  }

  private JobRegistry registry(JobRunLauncher with, Duration timeoutUnit, Duration stopGrace) {
    return new JobRegistry(
        store,
        with,
        () -> URI.create("http://127.0.0.1:9047"),
        "us-east-1",
        Clock.systemUTC(),
        timeoutUnit,
        stopGrace);
  }

  private String job(Integer maxConcurrentRuns, Integer maxRetries, Integer timeout) {
    String name = "job-" + UUID.randomUUID();
    JobUpdate update =
        new JobUpdate(
            null,
            null,
            null,
            "arn:aws:iam::000000000000:role/backfill",
            maxConcurrentRuns == null ? null : new ExecutionProperty(maxConcurrentRuns),
            new JobCommand("driftway-backfill", null, null, null),
            Map.of("--source", "s3://bucket/default/", "--table", "db.events"),
            Map.of("--pipeline", "fixed.yaml"),
            null,
            maxRetries,
            null,
            timeout,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Instant now = Instant.now();
    store.createJob(Job.from(name, update, now, now));
    return name;
  }

  private JobRun stored(JobRun run) {
    return store.getJobRun(run.jobName(), run.id()).orElseThrow();
  }

  @Test
  void aRunMovesFromStartingThroughRunningToSucceededWithMergedArguments() {
    String job = job(null, null, null);

    JobRun run =
        registry.startJobRun(
            job, Map.of("--source", "s3://bucket/run/", "--pipeline", "mine.yaml"), null);

    assertThat(run.id()).matches("jr_[0-9a-f]{64}");
    assertThat(stored(run).jobRunState()).isEqualTo(JobRunState.STARTING);
    assertThat(stored(run).arguments())
        .containsOnly(
            Map.entry("--source", "s3://bucket/run/"), Map.entry("--pipeline", "mine.yaml"));
    assertThat(stored(run).timeout()).isEqualTo(Job.DEFAULT_TIMEOUT_MINUTES);
    JobRunContext context = launcher.last();
    assertThat(context.arguments())
        .containsOnly(
            Map.entry("--source", "s3://bucket/run/"),
            Map.entry("--table", "db.events"),
            Map.entry("--pipeline", "fixed.yaml"));
    assertThat(context.catalogEndpoint()).isEqualTo(URI.create("http://127.0.0.1:9047"));

    context.running();
    assertThat(stored(run).jobRunState()).isEqualTo(JobRunState.RUNNING);
    assertThat(stored(run).completedOn()).isNull();

    context.succeeded();
    JobRun done = stored(run);
    assertThat(done.jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
    assertThat(done.completedOn()).isNotNull();
    assertThat(done.executionTime()).isNotNull().isGreaterThanOrEqualTo(0);
    assertThat(done.errorMessage()).isNull();
    assertThat(registry.activeRuns()).isEmpty();

    // A late report does not move an ended run.
    context.failed("Cannot copy: too late: x");
    assertThat(stored(run).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);
  }

  @Test
  void aRunningRunsProgressIsStoredWithItsStateDetailAndTheDetailEndsWithTheRun() {
    String job = job(null, null, null);
    JobRun run = registry.startJobRun(job, Map.of(), null);
    JobRunContext context = launcher.last();
    JobRunProgress early = new JobRunProgress(12L, 40L, 35_000L, null, 1_000L, 4_000L, 25.0);

    context.progress(early);
    assertThat(stored(run).progress()).as("ignored while STARTING").isNull();

    context.running();
    context.progress(early);
    JobRun running = stored(run);
    assertThat(running.progress()).isEqualTo(early);
    assertThat(running.stateDetail()).isEqualTo("12 of 40 files, 35,000 records read (25%)");
    assertThat(running.executionTime()).isNotNull().isGreaterThanOrEqualTo(0);

    JobRunProgress late = new JobRunProgress(null, null, 20L, 40L, null, null, 50.0);
    context.progress(late);
    assertThat(stored(run).stateDetail()).isEqualTo("20 of 40 records read (50%)");

    context.succeeded();
    context.progress(early);
    JobRun done = stored(run);
    assertThat(done.stateDetail()).isNull();
    assertThat(done.progress()).as("the last report stays").isEqualTo(late);
  }

  @Test
  void refusesARunBeyondMaxConcurrentRuns() {
    String job = job(2, null, null);
    registry.startJobRun(job, Map.of(), null);
    registry.startJobRun(job, Map.of(), null);

    assertThatThrownBy(() -> registry.startJobRun(job, Map.of(), null))
        .isInstanceOfSatisfying(
            GlueException.class,
            e -> assertThat(e.type()).isEqualTo(GlueErrorType.CONCURRENT_RUNS_EXCEEDED))
        .hasMessage(
            "Cannot start job run: 2 run(s) active and ExecutionProperty.MaxConcurrentRuns is 2: "
                + job);

    launcher.launched.get(0).succeeded();
    assertThat(registry.startJobRun(job, Map.of(), null).jobRunState())
        .isEqualTo(JobRunState.STARTING);
  }

  @Test
  void unknownJobIsEntityNotFound() {
    assertThatThrownBy(() -> registry.startJobRun("nope", Map.of(), null))
        .isInstanceOfSatisfying(
            GlueException.class,
            e -> assertThat(e.type()).isEqualTo(GlueErrorType.ENTITY_NOT_FOUND))
        .hasMessage("Cannot start job run: job not found: nope");
  }

  @Test
  void stopMovesToStoppingThenStoppedAndCallsTheHandle() {
    String job = job(null, null, null);
    JobRun run = registry.startJobRun(job, Map.of(), null);
    launcher.last().running();

    assertThat(registry.stopJobRun(job, run.id()).jobRunState()).isEqualTo(JobRunState.STOPPING);
    assertThat(stored(run).jobRunState()).isEqualTo(JobRunState.STOPPING);
    assertThat(launcher.stops.get()).isEqualTo(1);
    // A second stop is accepted and does not call the handle again.
    registry.stopJobRun(job, run.id());
    assertThat(launcher.stops.get()).isEqualTo(1);

    launcher.last().stopped();
    assertThat(stored(run).jobRunState()).isEqualTo(JobRunState.STOPPED);
    assertThatThrownBy(() -> registry.stopJobRun(job, run.id()))
        .hasMessage("Cannot stop job run: it has ended as STOPPED: " + run.id());
    assertThatThrownBy(() -> registry.stopJobRun(job, "jr_nope"))
        .hasMessage("Cannot stop job run: run not found: " + job + " jr_nope");
  }

  @Test
  void aRunPastItsTimeoutIsStoppedAndEndsTimeout() {
    registry.close();
    registry = registry(launcher, Duration.ofMillis(200));
    String job = job(null, null, 5);
    JobRun run = registry.startJobRun(job, Map.of(), 1);
    launcher.last().running();

    await().atMost(Duration.ofSeconds(10)).until(() -> launcher.stops.get() == 1);
    assertThat(stored(run).jobRunState()).isEqualTo(JobRunState.STOPPING);
    launcher.last().stopped();

    JobRun ended = stored(run);
    assertThat(ended.jobRunState()).isEqualTo(JobRunState.TIMEOUT);
    assertThat(ended.errorMessage())
        .isEqualTo("Cannot finish job run: it ran past its Timeout of 1 minute(s): " + run.id());
  }

  @Test
  void aStopTheEngineNeverConfirmsEndsTheRunAfterTheGrace() {
    registry.close();
    registry = registry(launcher, Duration.ofMinutes(1), Duration.ofMillis(300));
    String job = job(null, null, null);
    JobRun run = registry.startJobRun(job, Map.of(), null);
    launcher.last().running();

    registry.stopJobRun(job, run.id());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> stored(run).jobRunState() == JobRunState.STOPPED);
    assertThat(stored(run).errorMessage())
        .isEqualTo(
            "Cannot confirm job run stop: the engine did not report within 0 s of being asked to"
                + " stop (its work may still be running): "
                + run.id());
    assertThat(registry.activeRuns()).isEmpty();
  }

  @Test
  void aRunTheLauncherCannotStartFailsWithItsMessage() {
    registry.close();
    registry = registry(JobRunLauncher.unconfigured(), Duration.ofMinutes(1));
    String job = job(null, null, null);

    JobRun run = registry.startJobRun(job, Map.of(), null);

    assertThat(run.jobRunState()).isEqualTo(JobRunState.FAILED);
    assertThat(stored(run).errorMessage())
        .isEqualTo(
            "Cannot start job run: this catalog bridge has no job launcher (start it with"
                + " `driftway catalog serve`, which runs backfills on Flink, or plug one in with"
                + " CatalogBridge.builder(config).jobLauncher(..)): "
                + job);
    assertThat(registry.activeRuns()).isEmpty();
  }

  @Test
  void aFailedRunIsRetriedUpToMaxRetries() {
    String job = job(null, 1, null);
    JobRun first = registry.startJobRun(job, Map.of("--from", "2026-11-01"), null);

    launcher.last().failed("Cannot read source: no such bucket: s3://nope/");

    await().atMost(Duration.ofSeconds(10)).until(() -> launcher.launched.size() == 2);
    JobRun second = launcher.last().run();
    assertThat(second.id()).isEqualTo(first.id() + "_attempt_1");
    assertThat(second.attempt()).isEqualTo(1);
    assertThat(second.previousRunId()).isEqualTo(first.id());
    assertThat(second.arguments()).containsOnly(Map.entry("--from", "2026-11-01"));
    assertThat(stored(first).errorMessage())
        .isEqualTo("Cannot read source: no such bucket: s3://nope/");

    launcher.last().failed("Cannot read source: no such bucket: s3://nope/");
    assertThat(stored(second).jobRunState()).isEqualTo(JobRunState.FAILED);
    assertThat(registry.activeRuns()).isEmpty();
    assertThat(launcher.launched).hasSize(2);
  }

  @Test
  void runsLeftActiveByAStoppedBridgeFailOnRestart() {
    String job = job(2, null, null);
    JobRun running = registry.startJobRun(job, Map.of(), null);
    launcher.last().running();
    JobRun starting = registry.startJobRun(job, Map.of(), null);

    // A bridge that dies does not close its registry: a new one finds the runs active.
    JobRegistry restarted = registry(launcher, Duration.ofMinutes(1));
    assertThat(restarted.failInterruptedRuns()).isEqualTo(2);
    restarted.close();

    assertThat(stored(running).jobRunState()).isEqualTo(JobRunState.FAILED);
    assertThat(stored(running).errorMessage())
        .isEqualTo(
            "Cannot finish job run: the catalog bridge stopped while the run was RUNNING (a run"
                + " does not outlive its bridge; start it again): "
                + running.id());
    assertThat(stored(starting).errorMessage()).contains("while the run was STARTING");
  }

  @Test
  void closingStopsActiveRunsAndFailsThem() {
    String job = job(null, null, null);
    JobRun run = registry.startJobRun(job, Map.of(), null);
    launcher.last().running();

    registry.close();

    assertThat(launcher.stops.get()).isEqualTo(1);
    assertThat(stored(run).jobRunState()).isEqualTo(JobRunState.FAILED);
    assertThat(stored(run).errorMessage())
        .isEqualTo(
            "Cannot finish job run: the catalog bridge shut down while the run was RUNNING: "
                + run.id());
    assertThatThrownBy(() -> registry.startJobRun(job, Map.of(), null))
        .hasMessage("Cannot start job run: the catalog bridge is shutting down: jobs");
  }

  @Test
  void deletingAJobStopsItsRunsAndDropsTheirHistory() {
    String job = job(null, null, null);
    JobRun run = registry.startJobRun(job, Map.of(), null);

    assertThat(registry.deleteJob(job)).isTrue();

    assertThat(launcher.stops.get()).isEqualTo(1);
    assertThat(store.getJobRun(job, run.id())).isEmpty();
    assertThat(registry.activeRuns()).isEmpty();
    assertThat(registry.deleteJob(job)).isFalse();
    // The engine's late report about a deleted run changes nothing.
    launcher.last().stopped();
  }
}
