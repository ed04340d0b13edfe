package io.driftway.catalogbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The jobs page on a bridge without a job launcher (every run it starts is recorded FAILED with the
 * reason): admins start runs after a confirmation step, read-only keys see no buttons and are
 * refused, and job arguments stay text.
 */
class JobsPageIT {

  @TempDir static Path dir;
  static CatalogBridge bridge;

  @BeforeAll
  static void startBridge() {
    bridge = TestBridges.start(dir);
  }

  @AfterAll
  static void stopBridge() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static String createJob() {
    String job = TestBridges.name("job");
    try (GlueClient glue = TestBridges.admin(bridge)) {
      glue.createJob(
          r ->
              r.name(job)
                  .role("any")
                  .command(c -> c.name("backfill"))
                  .defaultArguments(Map.of("--source", ConsoleIT.HOSTILE)));
    }
    return job;
  }

  private static int runs(String job) {
    try (GlueClient glue = TestBridges.admin(bridge)) {
      return glue.getJobRuns(r -> r.jobName(job)).jobRuns().size();
    }
  }

  @Test
  void anAdminStartsARunAfterConfirmingIt() {
    String job = createJob();
    ConsoleBrowser browser = new ConsoleBrowser(bridge.endpoint());
    browser.signIn(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET);
    assertThat(browser.get("/console/jobs").body()).contains("Start run");

    HttpResponse<String> confirm =
        browser.act("/console/jobs", Map.of("op", "start-run", "job", job));

    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body())
        .contains("Start a run of job <b>" + job + "</b> with its default arguments?")
        .contains("name=\"confirm\" value=\"yes\"");
    assertThat(runs(job)).isZero();

    HttpResponse<String> done =
        browser.act("/console/jobs", Map.of("op", "start-run", "job", job, "confirm", "yes"));

    assertThat(done.statusCode()).isEqualTo(303);
    assertThat(runs(job)).isEqualTo(1);
    String page = browser.get("/console/jobs").body();
    assertThat(page).contains("class=\"state-FAILED\">FAILED");
  }

  @Test
  void aReadOnlyKeySeesJobsWithoutButtonsAndCannotStartRuns() {
    String job = createJob();
    ConsoleBrowser browser = new ConsoleBrowser(bridge.endpoint());
    browser.signIn(TestBridges.READER_KEY, TestBridges.READER_SECRET);
    String page = browser.get("/console/jobs").body();
    assertThat(page).contains(job).doesNotContain("class=\"action\"").doesNotContain("Start run");

    HttpResponse<String> refused =
        browser.act("/console/jobs", Map.of("op", "start-run", "job", job, "confirm", "yes"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Cannot act: principal reader is read-only");
    assertThat(runs(job)).isZero();
  }

  @Test
  void jobArgumentsStayText() {
    createJob();
    ConsoleBrowser browser = new ConsoleBrowser(bridge.endpoint());
    browser.signIn(TestBridges.READER_KEY, TestBridges.READER_SECRET);
    String page = browser.get("/console/jobs").body();

    assertThat(page).doesNotContain("<script").doesNotContain("<img");
    assertThat(page).contains("<code>--source &lt;script&gt;window.pwned=1&lt;/script&gt;");
  }
}
