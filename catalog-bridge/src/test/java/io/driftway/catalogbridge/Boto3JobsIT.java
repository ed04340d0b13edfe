package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 (Debian's {@code python3-boto3}, run by {@code /usr/bin/python3}) submits jobs and crawls
 * "the Glue way" against the bridge: the docs' {@code start_job_run} example polled to SUCCEEDED,
 * BatchStopJobRun to STOPPED, a one-minute {@code Timeout} to TIMEOUT, Glue's modeled errors, a
 * crawler from create to READY.
 *
 * <p>The engines are {@link TestEngines}: a launcher whose runs complete, fail or hang on threads
 * of their own, and a crawler that creates a table through the bridge. The real Flink backfill
 * launcher and S3 crawler live in {@code stream-jobs} and are tested end to end there.
 *
 * <p>Takes a little over a minute: the Timeout run has to outlive Glue's smallest timeout, one
 * minute, and the script checks everything else meanwhile.
 */
class Boto3JobsIT {

  @Test
  void boto3RunsJobsAndCrawlersTheGlueWay(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("boto3_jobs.py");
    try (InputStream in = getClass().getResourceAsStream("/clients/boto3_jobs.py")) {
      Files.copy(in, script);
    }
    String job = "backfill-" + java.util.UUID.randomUUID();
    String db = TestBridges.name("crawled");
    String crawler = "crawler-" + java.util.UUID.randomUUID();
    TestEngines.HeldCrawler crawls = new TestEngines.HeldCrawler();
    try (TestEngines.ThreadLauncher launcher = new TestEngines.ThreadLauncher();
        CatalogBridge bridge =
            CatalogBridge.builder(TestBridges.config(dir.resolve("bridge")).build())
                .eventSinks(List.of(crawls))
                .jobLauncher(launcher)
                .crawlerRunner(crawls)
                .start()) {
      Map<String, String> env =
          new HashMap<>(
              ExternalClient.credentials(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET));
      env.put("BRIDGE_ENDPOINT", bridge.endpoint().toString());
      env.put("JOB", job);
      env.put("DATABASE", db);
      env.put("CRAWLER", crawler);

      ExternalClient.Result result =
          ExternalClient.run(
              dir, List.of(ExternalClient.PYTHON.toString(), script.toString()), env);

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      JsonNode seen = new ObjectMapper().readTree(result.stdout());

      assertThat(seen.at("/job/name").asText()).isEqualTo(job);
      assertThat(seen.at("/job/command").asText()).isEqualTo("driftway-backfill");
      assertThat(seen.at("/job/script").asText()).isEqualTo("s3://lake/pipelines/orders.yaml");
      assertThat(seen.at("/job/defaults/--source").asText()).isEqualTo("s3://lake/in/orders/");
      assertThat(seen.at("/job/timeout").asInt()).isEqualTo(30);
      assertThat(seen.at("/job/max_retries").asInt()).isZero();
      assertThat(seen.at("/job/max_concurrent").asInt()).isEqualTo(2);
      assertThat(seen.at("/job/created_is_datetime").asBoolean()).isTrue();
      assertThat(seen.get("jobs_listed").asBoolean()).isTrue();

      // The docs example: the run's own Arguments, SUCCEEDED, Glue's timestamps and counters.
      String runId = seen.at("/ids/run").asText();
      assertThat(runId).matches("jr_[0-9a-f]{64}");
      assertThat(seen.at("/run/id").asText()).isEqualTo(runId);
      assertThat(seen.at("/run/state").asText()).isEqualTo("SUCCEEDED");
      assertThat(seen.at("/run/attempt").asInt()).isZero();
      assertThat(seen.at("/run/job_name").asText()).isEqualTo(job);
      assertThat(fields(seen.at("/run/arguments"))).containsExactly("--key=value");
      assertThat(seen.at("/run/started_is_datetime").asBoolean()).isTrue();
      assertThat(seen.at("/run/completed_not_before_started").asBoolean()).isTrue();
      assertThat(seen.at("/run/execution_time").isInt()).isTrue();
      assertThat(seen.at("/run/timeout").asInt()).isEqualTo(30);
      assertThat(seen.at("/run/has_error").asBoolean()).isFalse();
      // The launcher got the job's defaults under the run's arguments.
      assertThat(launcher.argumentsSeen.get(1))
          .containsOnly(
              Map.entry("--source", "s3://lake/in/orders/"),
              Map.entry("--table", "sales.orders"),
              Map.entry("--key", "value"));

      String stopId = seen.at("/ids/stop").asText();
      assertThat(seen.get("stop_running").asText()).isEqualTo("RUNNING");
      assertThat(seen.at("/concurrent/class").asText())
          .isEqualTo("ConcurrentRunsExceededException");
      assertThat(seen.at("/concurrent/message").asText())
          .isEqualTo(
              "Cannot start job run: 2 run(s) active and ExecutionProperty.MaxConcurrentRuns is"
                  + " 2: "
                  + job);
      assertThat(texts(seen.at("/stop/submitted"))).containsExactly(stopId);
      assertThat(seen.at("/stop/errors/0/0").asText()).isEqualTo("jr_unknown");
      assertThat(seen.at("/stop/errors/0/1").asText()).isEqualTo("EntityNotFoundException");
      assertThat(seen.at("/stop/errors/0/2").asText())
          .isEqualTo("Cannot stop job run: run not found: " + job + " jr_unknown");
      assertThat(seen.get("stopped").asText()).isEqualTo("STOPPED");

      assertThat(seen.at("/failed/state").asText()).isEqualTo("FAILED");
      assertThat(seen.at("/failed/message").asText())
          .isEqualTo("Cannot read source: no files match: s3://lake/in/orders/");

      // Newest first, two to a page, every run once.
      String timeoutId = seen.at("/ids/timeout").asText();
      String failId = seen.at("/ids/fail").asText();
      assertThat(seen.get("run_pages").size()).isEqualTo(2);
      List<String> all = new ArrayList<>();
      seen.get("run_pages").forEach(page -> all.addAll(texts(page)));
      assertThat(all).containsExactly(failId, stopId, runId, timeoutId);

      assertThat(seen.at("/unknown_job_run/class").asText()).isEqualTo("EntityNotFoundException");
      assertThat(seen.at("/unknown_job_run/message").asText())
          .isEqualTo("Cannot get job run: job not found: nope-" + job);
      assertThat(seen.at("/unknown_run/message").asText())
          .isEqualTo("Cannot get job run: run not found: " + job + " jr_unknown");
      assertThat(seen.at("/unknown_start/class").asText()).isEqualTo("EntityNotFoundException");
      assertThat(seen.at("/unknown_start/message").asText())
          .isEqualTo("Cannot start job run: job not found: nope-" + job);

      assertThat(seen.at("/crawler_created/state").asText()).isEqualTo("READY");
      assertThat(seen.at("/crawler_created/has_last_crawl").asBoolean()).isFalse();
      assertThat(seen.get("crawler_state_after_start").asText()).isEqualTo("RUNNING");
      assertThat(seen.at("/crawler_running/class").asText()).isEqualTo("CrawlerRunningException");
      assertThat(seen.at("/crawler_running/message").asText())
          .isEqualTo("Cannot start crawler: it is RUNNING already: " + crawler);
      assertThat(seen.at("/crawler/state").asText()).isEqualTo("READY");
      assertThat(seen.at("/crawler/last_status").asText()).isEqualTo("SUCCEEDED");
      assertThat(seen.at("/crawler/last_start_is_datetime").asBoolean()).isTrue();
      assertThat(seen.at("/crawler/prefix").asText()).isEqualTo("raw_");
      assertThat(seen.at("/crawler/update").asText()).isEqualTo("LOG");
      assertThat(seen.at("/crawler/delete").asText()).isEqualTo("DELETE_FROM_DATABASE");
      assertThat(seen.at("/crawler/path").asText()).isEqualTo("s3://lake/events/clicks/");
      assertThat(seen.get("crawled_table").asText()).isEqualTo("raw_clicks");
      assertThat(seen.get("crawler_listed").asBoolean()).isTrue();
      assertThat(seen.get("tables_created").asInt()).isEqualTo(1);
      assertThat(seen.at("/crawler_not_running/class").asText())
          .isEqualTo("CrawlerNotRunningException");

      assertThat(seen.at("/timeout/state").asText()).isEqualTo("TIMEOUT");
      assertThat(seen.at("/timeout/timeout").asInt()).isEqualTo(1);
      assertThat(seen.at("/timeout/message").asText())
          .isEqualTo("Cannot finish job run: it ran past its Timeout of 1 minute(s): " + timeoutId);
      assertThat(seen.at("/timeout/execution_time").asInt()).isGreaterThanOrEqualTo(60);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(node -> result.add(node.asText()));
    return result;
  }

  private static List<String> fields(JsonNode object) {
    List<String> result = new ArrayList<>();
    object.fields().forEachRemaining(e -> result.add(e.getKey() + "=" + e.getValue().asText()));
    return result;
  }
}
