package io.driftway.catalogbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Jobs with their recent runs (state, timings, progress of a running backfill as a bar and in
 * words, arguments, error message) and crawlers (state, last crawl); an admin can start and stop
 * runs and crawls, each after a confirmation step. Acts through the Glue operations as the
 * signed-in principal, so the API's rights apply.
 */
final class JobsPage implements ConsolePage {

  static final int RUNS_PER_JOB = 10;

  private final ConsoleContext context;

  JobsPage(ConsoleContext context) {
    this.context = context;
  }

  @Override
  public String path() {
    return "/jobs";
  }

  @Override
  public String navLabel() {
    return "Jobs";
  }

  @Override
  public ConsoleResponse get(ConsoleRequest request) {
    Instant now = context.clock().instant();
    List<Html> jobs = new ArrayList<>();
    for (JsonNode job :
        request.glue("GetJobs", ConsoleRequest.body().put("MaxResults", 100)).path("Jobs")) {
      jobs.add(job(request, job, now));
    }
    List<Html> crawlers = new ArrayList<>();
    for (JsonNode crawler :
        request
            .glue("GetCrawlers", ConsoleRequest.body().put("MaxResults", 100))
            .path("Crawlers")) {
      crawlers.add(crawler(request, crawler));
    }
    Html body =
        Html.format(
            "<h2>Job runs</h2>{}<h2>Crawlers</h2>{}",
            jobs.isEmpty() ? Html.format("<p class=\"muted\">No jobs.</p>") : Html.join(jobs),
            crawlers.isEmpty()
                ? Html.format("<p class=\"muted\">No crawlers.</p>")
                : Html.format(
                    "<table class=\"crawlers\"><thead><tr><th>Crawler</th><th>Database</th>"
                        + "<th>Targets</th><th>State</th><th>Last crawl</th><th>Error</th>"
                        + "<th></th></tr></thead><tbody>{}</tbody></table>",
                    Html.join(crawlers)));
    return Layout.page(request, "Job runs and crawlers", body);
  }

  private static Html job(ConsoleRequest request, JsonNode job, Instant now) {
    String name = job.path("Name").asText();
    JsonNode runs =
        request
            .glue(
                "GetJobRuns",
                ConsoleRequest.body().put("JobName", name).put("MaxResults", RUNS_PER_JOB))
            .path("JobRuns");
    List<Html> rows = new ArrayList<>();
    for (JsonNode run : runs) {
      rows.add(run(request, name, run, now));
    }
    Html start =
        Forms.action(request, "/console/jobs", Map.of("op", "start-run", "job", name), "Start run");
    return Html.format(
        "<h3>{} <span class=\"muted\">{}</span> {}</h3>{}{}",
        name,
        job.path("Command").path("Name").asText(""),
        start,
        arguments(job.path("DefaultArguments"), "Default arguments"),
        rows.isEmpty()
            ? Html.format("<p class=\"muted\">No runs.</p>")
            : Html.format(
                "<table class=\"runs\"><thead><tr><th>Run</th><th>State</th><th>Started</th>"
                    + "<th>Completed</th><th>Time</th><th>Progress</th><th>Arguments</th><th>Error</th><th></th>"
                    + "</tr></thead><tbody>{}</tbody></table>",
                Html.join(rows)));
  }

  private static Html run(ConsoleRequest request, String job, JsonNode run, Instant now) {
    String id = run.path("Id").asText();
    String state = run.path("JobRunState").asText();
    Instant started = Format.glueTime(run.path("StartedOn"));
    Instant completed = Format.glueTime(run.path("CompletedOn"));
    String time =
        run.hasNonNull("ExecutionTime") && completed != null
            ? Format.duration(Duration.ofSeconds(run.get("ExecutionTime").asLong()))
            : started == null ? "" : "running for " + Format.age(started, now);
    boolean active = List.of("STARTING", "RUNNING", "WAITING").contains(state);
    return Html.format(
        "<tr><td class=\"mono\">{}</td><td class=\"state-{}\">{}</td><td>{}</td><td>{}</td>"
            + "<td>{}</td><td>{}</td><td>{}</td><td class=\"error\">{}</td><td>{}</td></tr>",
        id,
        state,
        state,
        Format.time(started),
        Format.time(completed),
        time,
        progress(run),
        arguments(run.path("Arguments"), null),
        run.path("ErrorMessage").asText(""),
        active
            ? Forms.action(
                request, "/console/jobs", Map.of("op", "stop-run", "job", job, "run", id), "Stop")
            : Html.empty());
  }

  private static Html crawler(ConsoleRequest request, JsonNode crawler) {
    String name = crawler.path("Name").asText();
    String state = crawler.path("State").asText();
    List<String> targets = new ArrayList<>();
    for (JsonNode target : crawler.path("Targets").path("S3Targets")) {
      targets.add(target.path("Path").asText());
    }
    JsonNode last = crawler.path("LastCrawl");
    Html action =
        "READY".equals(state)
            ? Forms.action(
                request, "/console/jobs", Map.of("op", "start-crawler", "crawler", name), "Start")
            : "RUNNING".equals(state)
                ? Forms.action(
                    request, "/console/jobs", Map.of("op", "stop-crawler", "crawler", name), "Stop")
                : Html.empty();
    return Html.format(
        "<tr><td>{}</td><td>{}</td><td class=\"mono\">{}</td><td class=\"state-{}\">{}</td>"
            + "<td>{}</td><td class=\"error\">{}</td><td>{}</td></tr>",
        name,
        crawler.path("DatabaseName").asText(""),
        String.join(", ", targets),
        state,
        state,
        last.isMissingNode()
            ? ""
            : last.path("Status").asText("")
                + " "
                + Format.time(Format.glueTime(last.path("StartTime"))),
        last.path("ErrorMessage").asText(""),
        action);
  }

  private static Html arguments(JsonNode arguments, String label) {
    if (!arguments.isObject() || arguments.isEmpty()) {
      return Html.empty();
    }
    List<Html> items = new ArrayList<>();
    arguments
        .fields()
        .forEachRemaining(
            e ->
                items.add(
                    Html.format(
                        "<div><code>{} {}</code></div>", e.getKey(), e.getValue().asText())));
    return label == null
        ? Html.join(items)
        : Html.format("<div class=\"muted\">{}:</div>{}", label, Html.join(items));
  }

  /**
   * The run's last reported progress (Driftway's {@code Progress} member, in words as Glue's {@code
   * StateDetail}), with a bar when the share done is known. An SVG, not a styled div: the page's
   * Content-Security-Policy allows no inline style, and a bar's length is an SVG attribute.
   */
  static Html progress(JsonNode run) {
    JsonNode progress = run.path("Progress");
    // An ended run has no StateDetail; its last Progress is in GetJobRun, not drawn as a bar.
    if (!progress.isObject() || !run.hasNonNull("StateDetail")) {
      return Html.empty();
    }
    String text = run.path("StateDetail").asText();
    JsonNode percent = progress.path("Percent");
    if (!percent.isNumber()) {
      return Html.format("<span class=\"progress-text\">{}</span>", text);
    }
    double done = Math.max(0, Math.min(100, percent.asDouble()));
    return Html.format(
        "<svg class=\"progress\" viewBox=\"0 0 100 8\" width=\"120\" height=\"10\""
            + " preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}% done\">"
            + "<rect class=\"track\" width=\"100\" height=\"8\"></rect>"
            + "<rect class=\"done\" width=\"{}\" height=\"8\"></rect></svg>"
            + " <span class=\"progress-text\">{}</span>",
        String.format(java.util.Locale.ROOT, "%.0f", Math.floor(done)),
        String.format(java.util.Locale.ROOT, "%.1f", done),
        text);
  }

  @Override
  public ConsoleResponse post(ConsoleRequest request) {
    String op = request.form("op");
    String job = request.form("job");
    String run = request.form("run");
    String crawler = request.form("crawler");
    Action action =
        switch (op == null ? "" : op) {
          case "start-run" ->
              new Action(
                  Html.format(
                      "<p>Start a run of job <b>{}</b> with its default arguments?</p>", job),
                  "StartJobRun",
                  ConsoleRequest.body().put("JobName", job));
          case "stop-run" -> {
            ObjectNode body = ConsoleRequest.body().put("JobName", job);
            body.putArray("JobRunIds").add(run);
            yield new Action(
                Html.format("<p>Stop run <code>{}</code> of job <b>{}</b>?</p>", run, job),
                "BatchStopJobRun",
                body);
          }
          case "start-crawler" ->
              new Action(
                  Html.format("<p>Start crawler <b>{}</b>?</p>", crawler),
                  "StartCrawler",
                  ConsoleRequest.body().put("Name", crawler));
          case "stop-crawler" ->
              new Action(
                  Html.format("<p>Stop crawler <b>{}</b>?</p>", crawler),
                  "StopCrawler",
                  ConsoleRequest.body().put("Name", crawler));
          default -> null;
        };
    if (action == null) {
      return ConsoleResponse.error(request, 400, "Cannot act: unknown action: " + op);
    }
    if (!request.confirmed()) {
      return Forms.confirm(request, "Confirm", action.summary(), "/console/jobs");
    }
    JsonNode result = request.glue(action.operation(), action.body());
    JsonNode errors = result.path("Errors");
    if (errors.isArray() && !errors.isEmpty()) {
      return ConsoleResponse.error(
          request,
          400,
          "Cannot stop run: " + errors.get(0).path("ErrorDetail").path("ErrorMessage").asText());
    }
    return ConsoleResponse.redirect("/console/jobs");
  }

  /** What a form asks for: its summary for the confirmation, and the Glue call that does it. */
  private record Action(Html summary, String operation, ObjectNode body) {}
}
