package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian AWS CLI ({@code /usr/bin/aws}) submits backfill jobs to the bridge: what a user types,
 * sees on stdout and stderr, and the exit code (254 for a service error); run history kept across a
 * bridge restart; access rights.
 *
 * <p>The launcher is {@link TestEngines.ThreadLauncher}: runs that complete, fail or hang on
 * threads of their own. The real Flink backfill launcher lives in {@code stream-jobs} and is tested
 * end to end there.
 */
class AwsCliJobsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  private TestEngines.ThreadLauncher launcher;
  private CatalogBridge bridge;

  @BeforeEach
  void start() {
    launcher = new TestEngines.ThreadLauncher();
    bridge = startBridge();
  }

  @AfterEach
  void stop() {
    bridge.close();
    launcher.close();
  }

  private CatalogBridge startBridge() {
    return CatalogBridge.builder(TestBridges.config(home.resolve("bridge")).build())
        .jobLauncher(launcher)
        .crawlerRunner(TestEngines.tableCreatingCrawler())
        .start();
  }

  private ExternalClient.Result aws(String... args) throws IOException, InterruptedException {
    return awsAs(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET, args);
  }

  private ExternalClient.Result awsAs(String key, String secret, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ExternalClient.AWS.toString());
    command.add("glue");
    command.addAll(List.of(args));
    command.addAll(List.of("--endpoint-url", bridge.endpoint().toString(), "--output", "json"));
    return ExternalClient.run(home, command, ExternalClient.credentials(key, secret));
  }

  private static JsonNode json(ExternalClient.Result result) throws IOException {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return JSON.readTree(result.stdout());
  }

  private String createJob() throws IOException, InterruptedException {
    String job = "backfill-" + UUID.randomUUID();
    JsonNode created =
        json(
            aws(
                "create-job",
                "--name",
                job,
                "--role",
                "arn:aws:iam::000000000000:role/driftway-backfill",
                "--command",
                "Name=driftway-backfill,ScriptLocation=s3://lake/pipelines/orders.yaml",
                "--default-arguments",
                "{\"--source\": \"s3://lake/in/orders/\", \"--table\": \"sales.orders\"}"));
    assertThat(created.get("Name").asText()).isEqualTo(job);
    return job;
  }

  private JsonNode run(String job, String runId) throws IOException, InterruptedException {
    return json(aws("get-job-run", "--job-name", job, "--run-id", runId)).get("JobRun");
  }

  private String awaitState(String job, String runId, String state) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> run(job, runId).get("JobRunState").asText(), state::equals);
    return state;
  }

  @Test
  void startJobRunThenGetJobRunShowsItSucceeded() throws Exception {
    String job = createJob();

    String runId =
        json(aws(
                "start-job-run",
                "--job-name",
                job,
                "--arguments",
                "{\"--from\": \"2026-11-01\", \"--to\": \"2026-11-02\"}"))
            .get("JobRunId")
            .asText();

    awaitState(job, runId, "SUCCEEDED");
    JsonNode run = run(job, runId);
    assertThat(run.get("Id").asText()).isEqualTo(runId);
    assertThat(run.get("JobName").asText()).isEqualTo(job);
    assertThat(run.at("/Arguments/--from").asText()).isEqualTo("2026-11-01");
    assertThat(run.get("Timeout").asInt()).isEqualTo(2880);
    // The CLI prints epoch-second timestamps as ISO-8601: it parsed ours.
    assertThat(OffsetDateTime.parse(run.get("StartedOn").asText())).isNotNull();
    assertThat(OffsetDateTime.parse(run.get("CompletedOn").asText())).isNotNull();
    assertThat(run.has("ErrorMessage")).isFalse();
    assertThat(launcher.argumentsSeen.get(0))
        .containsEntry("--source", "s3://lake/in/orders/")
        .containsEntry("--to", "2026-11-02");
  }

  @Test
  void unknownJobIsEntityNotFoundWithExit254() throws Exception {
    String job = "nope-" + UUID.randomUUID();

    ExternalClient.Result started = aws("start-job-run", "--job-name", job);
    ExternalClient.Result got = aws("get-job-run", "--job-name", job, "--run-id", "jr_x");

    assertThat(started.exitCode()).isEqualTo(254);
    assertThat(started.stderr().strip())
        .isEqualTo(
            "An error occurred (EntityNotFoundException) when calling the StartJobRun operation:"
                + " Cannot start job run: job not found: "
                + job);
    assertThat(got.exitCode()).isEqualTo(254);
    assertThat(got.stderr().strip())
        .isEqualTo(
            "An error occurred (EntityNotFoundException) when calling the GetJobRun operation:"
                + " Cannot get job run: job not found: "
                + job);
  }

  @Test
  void batchStopJobRunStopsAHangingRun() throws Exception {
    String job = createJob();
    String runId =
        json(aws("start-job-run", "--job-name", job, "--arguments", "{\"--behave\": \"hang\"}"))
            .get("JobRunId")
            .asText();
    awaitState(job, runId, "RUNNING");

    JsonNode stopped = json(aws("batch-stop-job-run", "--job-name", job, "--job-run-ids", runId));

    assertThat(stopped.at("/SuccessfulSubmissions/0/JobRunId").asText()).isEqualTo(runId);
    assertThat(stopped.at("/SuccessfulSubmissions/0/JobName").asText()).isEqualTo(job);
    assertThat(stopped.get("Errors").size()).isZero();
    awaitState(job, runId, "STOPPED");
  }

  @Test
  void runHistoryOutlivesARestartAndARunCutShortSaysWhy() throws Exception {
    String job = createJob();
    String done = json(aws("start-job-run", "--job-name", job)).get("JobRunId").asText();
    awaitState(job, done, "SUCCEEDED");
    String hanging =
        json(aws("start-job-run", "--job-name", job, "--arguments", "{\"--behave\": \"hang\"}"))
            .get("JobRunId")
            .asText();
    awaitState(job, hanging, "RUNNING");

    bridge.close();
    bridge = startBridge();

    JsonNode runs = json(aws("get-job-runs", "--job-name", job)).get("JobRuns");
    assertThat(runs.size()).isEqualTo(2);
    assertThat(runs.at("/0/Id").asText()).isEqualTo(hanging);
    assertThat(runs.at("/0/JobRunState").asText()).isEqualTo("FAILED");
    assertThat(runs.at("/0/ErrorMessage").asText())
        .isEqualTo(
            "Cannot finish job run: the catalog bridge shut down while the run was RUNNING: "
                + hanging);
    assertThat(runs.at("/1/Id").asText()).isEqualTo(done);
    assertThat(runs.at("/1/JobRunState").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void aReadOnlyPrincipalReadsJobsButCannotRunThem() throws Exception {
    String job = createJob();

    ExternalClient.Result read =
        awsAs(TestBridges.READER_KEY, TestBridges.READER_SECRET, "get-job", "--job-name", job);
    ExternalClient.Result start =
        awsAs(
            TestBridges.READER_KEY, TestBridges.READER_SECRET, "start-job-run", "--job-name", job);

    assertThat(json(read).at("/Job/Command/Name").asText()).isEqualTo("driftway-backfill");
    assertThat(start.exitCode()).isEqualTo(254);
    assertThat(start.stderr().strip())
        .isEqualTo(
            "An error occurred (AccessDeniedException) when calling the StartJobRun operation:"
                + " Cannot start job run: principal reader has no admin rights on jobs (jobs need"
                + " rights on database \"*\"): "
                + job);
  }

  @Test
  void createStartAndGetACrawler() throws Exception {
    String db = TestBridges.name("crawled");
    String crawler = "crawler-" + UUID.randomUUID();
    json(aws("create-database", "--database-input", "{\"Name\": \"" + db + "\"}"));
    json(
        aws(
            "create-crawler",
            "--name",
            crawler,
            "--role",
            "arn:aws:iam::000000000000:role/driftway-crawler",
            "--database-name",
            db,
            "--targets",
            "{\"S3Targets\": [{\"Path\": \"s3://lake/events/orders/\"}]}",
            "--table-prefix",
            "raw_"));

    json(aws("start-crawler", "--name", crawler));

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> json(aws("get-crawler", "--name", crawler)).get("Crawler"),
            c -> c.get("State").asText().equals("READY") && c.has("LastCrawl"));
    JsonNode got = json(aws("get-crawler", "--name", crawler)).get("Crawler");
    assertThat(got.at("/LastCrawl/Status").asText()).isEqualTo("SUCCEEDED");
    assertThat(got.get("DatabaseName").asText()).isEqualTo(db);
    assertThat(got.at("/SchemaChangePolicy/UpdateBehavior").isMissingNode()).isTrue();
    assertThat(
            json(aws("get-table", "--database-name", db, "--name", "raw_orders"))
                .at("/Table/StorageDescriptor/Location")
                .asText())
        .isEqualTo("s3://lake/events/orders/");

    ExternalClient.Result again = aws("delete-crawler", "--name", crawler);
    assertThat(again.exitCode()).as(again.stderr()).isZero();
    ExternalClient.Result gone = aws("get-crawler", "--name", crawler);
    assertThat(gone.exitCode()).isEqualTo(254);
    assertThat(gone.stderr().strip())
        .isEqualTo(
            "An error occurred (EntityNotFoundException) when calling the GetCrawler operation:"
                + " Cannot get crawler: crawler not found: "
                + crawler);
  }
}
