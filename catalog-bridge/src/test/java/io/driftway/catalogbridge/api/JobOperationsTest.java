package io.driftway.catalogbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.crawlers.CrawlerRegistry;
import io.driftway.catalogbridge.crawlers.CrawlerRunner;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.jobs.JobRegistry;
import io.driftway.catalogbridge.jobs.JobRunLauncher;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoreSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job and crawler operations in process, over a real H2 store: shapes, rules, paging. */
class JobOperationsTest {

  private static final Principal ADMIN = Principal.anonymous();
  private static final Principal SALES_ADMIN =
      Principal.of("sales-admin", "AKIDSALES", "secret", Map.of("sales", Access.ADMIN));

  @TempDir Path dir;
  private CatalogStore store;
  private EventDispatcher events;
  private JobRegistry jobs;
  private CrawlerRegistry crawlers;
  private GlueApi api;

  @BeforeEach
  void open() {
    store = CatalogStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("catalog")));
    events = EventDispatcher.start(List.of(), 10);
    URI endpoint = URI.create("http://127.0.0.1:9047");
    jobs = JobRegistry.start(store, JobRunLauncher.unconfigured(), () -> endpoint, "us-east-1");
    GlueApi catalog = GlueApi.create(store, "000000000000", TableInputHook.none(), events);
    crawlers =
        CrawlerRegistry.start(
            store, CrawlerRunner.unconfigured(), catalog::call, () -> endpoint, "us-east-1");
    api = GlueApi.create(store, "000000000000", TableInputHook.none(), events, jobs, crawlers);
  }

  @AfterEach
  void close() {
    crawlers.close();
    jobs.close();
    events.close();
    store.close();
  }

  private JsonNode call(String operation, String body, Principal caller) {
    return GlueJson.parse(
        new String(
            api.call(operation, body.getBytes(StandardCharsets.UTF_8), caller),
            StandardCharsets.UTF_8));
  }

  private JsonNode call(String operation, String body) {
    return call(operation, body, ADMIN);
  }

  private static String createJobBody(String name) {
    return "{\"Name\":\""
        + name
        + "\",\"Role\":\"r\",\"Command\":{\"Name\":\"driftway-backfill\"},"
        + "\"DefaultArguments\":{\"--source\":\"s3://a/\"}}";
  }

  @Test
  void getJobsPagesByNameAndCreateJobAnswersTheName() {
    String prefix = "j-" + UUID.randomUUID() + "-";
    for (String suffix : List.of("c", "a", "b")) {
      assertThat(call("CreateJob", createJobBody(prefix + suffix)).get("Name").asText())
          .isEqualTo(prefix + suffix);
    }

    JsonNode first = call("GetJobs", "{\"MaxResults\":2}");
    JsonNode second =
        call(
            "GetJobs",
            "{\"MaxResults\":2,\"NextToken\":\"" + first.get("NextToken").asText() + "\"}");

    assertThat(first.at("/Jobs/0/Name").asText()).isEqualTo(prefix + "a");
    assertThat(first.at("/Jobs/1/Name").asText()).isEqualTo(prefix + "b");
    assertThat(first.at("/Jobs/0/CreatedOn").isNumber()).isTrue();
    assertThat(first.at("/Jobs/0/Timeout").asInt()).isEqualTo(2880);
    assertThat(first.at("/Jobs/0/MaxRetries").asInt()).isZero();
    assertThat(first.at("/Jobs/0/ExecutionProperty/MaxConcurrentRuns").asInt()).isEqualTo(1);
    assertThat(second.at("/Jobs/0/Name").asText()).isEqualTo(prefix + "c");
    assertThat(second.has("NextToken")).isFalse();
  }

  @Test
  void updateJobReplacesTheWholeDefinitionAndKeepsCreatedOn() {
    String job = "j-" + UUID.randomUUID();
    call("CreateJob", createJobBody(job));
    JsonNode before = call("GetJob", "{\"JobName\":\"" + job + "\"}").get("Job");

    JsonNode updated =
        call(
            "UpdateJob",
            "{\"JobName\":\""
                + job
                + "\",\"JobUpdate\":{\"Role\":\"r2\",\"Command\":{\"Name\":\"driftway-backfill\"},"
                + "\"Timeout\":60}}");

    assertThat(updated.get("JobName").asText()).isEqualTo(job);
    JsonNode after = call("GetJob", "{\"JobName\":\"" + job + "\"}").get("Job");
    assertThat(after.get("Role").asText()).isEqualTo("r2");
    assertThat(after.get("Timeout").asInt()).isEqualTo(60);
    assertThat(after.has("DefaultArguments")).isFalse();
    assertThat(after.get("CreatedOn").decimalValue())
        .isEqualTo(before.get("CreatedOn").decimalValue());
  }

  @Test
  void deleteJobOfAnUnknownJobSucceedsAsInGlue() {
    assertThat(call("DeleteJob", "{\"JobName\":\"nope\"}").get("JobName").asText())
        .isEqualTo("nope");
    assertThatThrownBy(() -> call("GetJob", "{\"JobName\":\"nope\"}"))
        .hasMessage("Cannot get job: job not found: nope");
  }

  @Test
  void createJobNeedsARoleACommandAndSaneLimits() {
    assertThatThrownBy(() -> call("CreateJob", "{\"Name\":\"x\",\"Command\":{\"Name\":\"c\"}}"))
        .hasMessage("Cannot create job: Role is required: x");
    assertThatThrownBy(() -> call("CreateJob", "{\"Name\":\"x\",\"Role\":\"r\"}"))
        .hasMessage("Cannot create job: Command is required: x");
    assertThatThrownBy(
            () ->
                call(
                    "CreateJob",
                    "{\"Name\":\"x\",\"Role\":\"r\",\"Command\":{\"Name\":\"c\"},"
                        + "\"ExecutionProperty\":{\"MaxConcurrentRuns\":0}}"))
        .hasMessage("Cannot create job: ExecutionProperty.MaxConcurrentRuns must be at least 1: 0");
    String job = "j-" + UUID.randomUUID();
    call("CreateJob", createJobBody(job));
    assertThatThrownBy(() -> call("CreateJob", createJobBody(job)))
        .isInstanceOfSatisfying(
            GlueException.class, e -> assertThat(e.type()).isEqualTo(GlueErrorType.ALREADY_EXISTS))
        .hasMessage("Cannot create job: it already exists: " + job);
  }

  @Test
  void withoutALauncherARunIsRecordedFailedSayingWhatToConfigure() {
    String job = "j-" + UUID.randomUUID();
    call("CreateJob", createJobBody(job));

    String runId = call("StartJobRun", "{\"JobName\":\"" + job + "\"}").get("JobRunId").asText();

    JsonNode run =
        call("GetJobRun", "{\"JobName\":\"" + job + "\",\"RunId\":\"" + runId + "\"}")
            .get("JobRun");
    assertThat(run.get("JobRunState").asText()).isEqualTo("FAILED");
    assertThat(run.get("ErrorMessage").asText())
        .startsWith("Cannot start job run: this catalog bridge has no job launcher");
    assertThat(run.get("StartedOn").isNumber()).isTrue();
    assertThat(run.get("ExecutionTime").isInt()).isTrue();
  }

  @Test
  void crawlersNeedRightsOnTheirDatabaseAndS3Targets() {
    String crawler = "c-" + UUID.randomUUID();
    String body =
        "{\"Name\":\""
            + crawler
            + "\",\"Role\":\"r\",\"DatabaseName\":\"%s\","
            + "\"Targets\":{\"S3Targets\":[{\"Path\":\"s3://lake/x/\"}]}}";

    assertThatThrownBy(() -> call("CreateCrawler", body.formatted("ops"), SALES_ADMIN))
        .isInstanceOfSatisfying(
            GlueException.class, e -> assertThat(e.type()).isEqualTo(GlueErrorType.ACCESS_DENIED))
        .hasMessage(
            "Cannot create crawler: principal sales-admin has no admin rights on database: ops");
    call("CreateCrawler", body.formatted("Sales"), SALES_ADMIN);
    JsonNode got = call("GetCrawler", "{\"Name\":\"" + crawler + "\"}", SALES_ADMIN).get("Crawler");
    assertThat(got.get("DatabaseName").asText()).isEqualTo("sales");
    assertThat(got.get("State").asText()).isEqualTo("READY");
    assertThat(got.get("CreationTime").isNumber()).isTrue();
    assertThatThrownBy(
            () ->
                call(
                    "CreateCrawler",
                    "{\"Name\":\"y\",\"Role\":\"r\",\"DatabaseName\":\"sales\","
                        + "\"Targets\":{\"JdbcTargets\":[]}}"))
        .hasMessage(
            "Cannot create crawler: Targets.S3Targets needs at least one Path (the bridge crawls"
                + " S3 targets only): y");
    call("UpdateCrawler", "{\"Name\":\"" + crawler + "\",\"TablePrefix\":\"raw_\"}", SALES_ADMIN);
    JsonNode updated = call("GetCrawler", "{\"Name\":\"" + crawler + "\"}").get("Crawler");
    assertThat(updated.get("TablePrefix").asText()).isEqualTo("raw_");
    assertThat(updated.at("/Targets/S3Targets/0/Path").asText()).isEqualTo("s3://lake/x/");
    assertThat(updated.get("Version").asLong()).isEqualTo(2);
    assertThatThrownBy(
            () ->
                call(
                    "UpdateCrawler",
                    "{\"Name\":\"" + crawler + "\",\"DatabaseName\":\"ops\"}",
                    SALES_ADMIN))
        .hasMessage(
            "Cannot update crawler: principal sales-admin has no admin rights on database: ops");
    // Jobs need rights on every database.
    assertThatThrownBy(() -> call("GetJobs", "{}", SALES_ADMIN))
        .hasMessage(
            "Cannot get jobs: principal sales-admin has no read rights on jobs (jobs need rights"
                + " on database \"*\"): *");
  }
}
