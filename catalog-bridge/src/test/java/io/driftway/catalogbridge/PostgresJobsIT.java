package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftway.platform.config.Configuration;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * Jobs and runs on PostgreSQL through the AWS SDK v2 {@code GlueClient}: the V2 migration, paging
 * newest first, and a second bridge on the same database failing the runs a dead one left.
 *
 * <p>The launcher is {@link TestEngines.ThreadLauncher}; the real Flink backfill launcher lives in
 * {@code stream-jobs} and is tested end to end there.
 */
@ExtendWith(PostgresExtension.class)
class PostgresJobsIT {

  @Test
  void keepsJobsAndRunsOnPostgresAndFailsRunsADeadBridgeLeft(
      @TempDir Path dir, PostgresServer postgres) {
    String url = postgres.createDatabase("jobs");
    Configuration config =
        TestBridges.config(dir)
            .set(BridgeOptions.STORE_URL, url)
            .set(BridgeOptions.STORE_USER, postgres.user())
            .set(BridgeOptions.STORE_PASSWORD, postgres.password())
            .build();
    String job = "backfill-" + UUID.randomUUID();
    try (TestEngines.ThreadLauncher launcher = new TestEngines.ThreadLauncher();
        CatalogBridge first = CatalogBridge.builder(config).jobLauncher(launcher).start();
        GlueClient glue = TestBridges.admin(first)) {
      glue.createJob(
          r ->
              r.name(job)
                  .role("arn:aws:iam::000000000000:role/driftway-backfill")
                  .command(c -> c.name("driftway-backfill"))
                  .executionProperty(e -> e.maxConcurrentRuns(10))
                  .defaultArguments(Map.of("--source", "s3://lake/in/")));
      List<String> done = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = glue.startJobRun(r -> r.jobName(job)).jobRunId();
        done.add(0, id);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> glue.getJobRun(r -> r.jobName(job).runId(id)).jobRun().jobRunState(),
                JobRunState.SUCCEEDED::equals);
      }
      String hanging =
          glue.startJobRun(r -> r.jobName(job).arguments(Map.of("--behave", "hang"))).jobRunId();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> glue.getJobRun(r -> r.jobName(job).runId(hanging)).jobRun().jobRunState(),
              JobRunState.RUNNING::equals);

      // Newest first, across pages of two.
      List<String> ids =
          glue.getJobRunsPaginator(r -> r.jobName(job).maxResults(2)).jobRuns().stream()
              .map(JobRun::id)
              .toList();
      assertThat(ids).containsExactly(hanging, done.get(0), done.get(1), done.get(2));

      // A bridge that starts on this store while the first one still "runs" plays the restart
      // after a crash: the first never closed, so its run is still RUNNING in the store.
      try (CatalogBridge second = CatalogBridge.start(config);
          GlueClient afterCrash = TestBridges.admin(second)) {
        JobRun failed = afterCrash.getJobRun(r -> r.jobName(job).runId(hanging)).jobRun();
        assertThat(failed.jobRunState()).isEqualTo(JobRunState.FAILED);
        assertThat(failed.errorMessage())
            .isEqualTo(
                "Cannot finish job run: the catalog bridge stopped while the run was RUNNING (a"
                    + " run does not outlive its bridge; start it again): "
                    + hanging);
        assertThat(failed.completedOn()).isNotNull();
        assertThat(afterCrash.getJob(r -> r.jobName(job)).job().defaultArguments())
            .containsEntry("--source", "s3://lake/in/");
      }

      glue.deleteJob(r -> r.jobName(job));
      assertThatThrownBy(() -> glue.getJobRuns(r -> r.jobName(job)))
          .isInstanceOf(EntityNotFoundException.class)
          .hasMessageStartingWith("Cannot get job runs: job not found: " + job);
    }
  }
}
