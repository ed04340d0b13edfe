package io.driftway.catalogbridge.console.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftway.catalogbridge.console.ConsoleContext;
import io.driftway.catalogbridge.console.ConsolePage;
import io.driftway.catalogbridge.console.ConsoleRequest;
import io.driftway.catalogbridge.console.ConsoleResponse;
import io.driftway.catalogbridge.console.Format;
import io.driftway.catalogbridge.console.Forms;
import io.driftway.catalogbridge.console.Html;
import io.driftway.catalogbridge.console.Layout;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /console/quarantine}: the tables whose quarantine the bridge can read; for one table
 * ({@code ?db=&table=}) its rows counted by stage and reason and over time, the newest samples with
 * their raw bytes shown safely ({@link RawBytes}), the replays run from here, and for an admin the
 * buttons to replay the pending rows (a Glue job run of {@code quarantine://db.table}) and to
 * approve or reject each held new field. Every action asks for confirmation and shows its summary.
 */
public final class QuarantinePage implements ConsolePage {

  /** The Glue job whose runs are the console's replays; created on the first replay. */
  public static final String REPLAY_JOB = "driftway-quarantine-replay";

  static final int SAMPLES = 20;
  static final int RAW_LIMIT = 1024;

  private static final Pattern HELD_FIELD = Pattern.compile("new field (/\\S*) \\(");

  private final ConsoleContext context;

  public QuarantinePage(ConsoleContext context) {
    this.context = context;
  }

  @Override
  public String path() {
    return "/quarantine";
  }

  @Override
  public String navLabel() {
    return "Quarantine";
  }

  @Override
  public ConsoleResponse get(ConsoleRequest request) {
    String database = request.query("db");
    String table = request.query("table");
    if (database == null || table == null) {
      return index(request);
    }
    if (!request.principal().canRead(database)) {
      return ConsoleResponse.error(
          request,
          403,
          "Cannot show quarantine: principal "
              + request.principal().name()
              + " has no read rights on database: "
              + database);
    }
    Optional<List<QuarantineAccess.Row>> read = quarantine().rows(database, table);
    String title = "Quarantine of " + database + "." + table;
    if (read.isEmpty()) {
      return Layout.page(
          request,
          title,
          Html.format(
              "<p class=\"muted\">No pipeline file of this bridge declares {}.{}, so its quarantine"
                  + " is not known here.</p>",
              database,
              table));
    }
    List<QuarantineAccess.Row> rows = read.get();
    QuarantineCounts counts = QuarantineCounts.of(rows);
    List<Html> body = new ArrayList<>();
    body.add(
        Html.format(
            "<p class=\"muted\">{} rows in {}.{}_quarantine · by state: {} · "
                + "<a href=\"{}\">schema timeline</a></p>",
            Format.count(rows.size()),
            database,
            table,
            states(counts),
            Html.url("/console/timeline", Map.of("db", database, "table", table))));
    body.add(actions(request, database, table, rows, counts));
    body.add(byReason(counts));
    body.add(overTime(counts));
    body.add(replays(request, database, table));
    body.add(samples(rows));
    return Layout.page(request, title, Html.join(body));
  }

  @Override
  public ConsoleResponse post(ConsoleRequest request) {
    String database = request.form("db");
    String table = request.form("table");
    String op = request.form("op");
    if (database == null || table == null || op == null) {
      return ConsoleResponse.error(request, 400, "Cannot act: db, table and op are required");
    }
    if (!request.principal().canAdmin(database)) {
      return ConsoleResponse.error(
          request,
          403,
          "Cannot act on quarantine: principal "
              + request.principal().name()
              + " has no admin rights on database: "
              + database);
    }
    String back =
        Html.url("/console/quarantine", Map.of("db", database, "table", table)).toString();
    try {
      return switch (op) {
        case "replay" -> replay(request, database, table, back);
        case "approve", "reject", "rescue" -> decide(request, database, table, op, back);
        default -> ConsoleResponse.error(request, 400, "Cannot act: unknown op: " + op);
      };
    } catch (IllegalArgumentException | GlueException e) {
      return ConsoleResponse.error(request, 400, e.getMessage());
    }
  }

  private ConsoleResponse replay(
      ConsoleRequest request, String database, String table, String back) {
    Map<String, String> arguments = quarantine().replayArguments(database, table);
    long pending =
        quarantine().rows(database, table).orElse(List.of()).stream()
            .filter(r -> "pending".equals(r.state()))
            .count();
    if (!request.confirmed()) {
      return Forms.confirm(
          request,
          "Replay the quarantine of " + database + "." + table + "?",
          Html.format(
              "<p>Send the {} pending rows of {}.{}_quarantine through the pipeline's current"
                  + " rules again, exactly once, as a run of Glue job {} with arguments</p>"
                  + "<pre class=\"mono\">{}</pre>",
              Format.count(pending),
              database,
              table,
              REPLAY_JOB,
              describe(arguments)),
          back);
    }
    ensureReplayJob(request);
    ObjectNode start = ConsoleRequest.body().put("JobName", REPLAY_JOB);
    ObjectNode args = start.putObject("Arguments");
    arguments.forEach(args::put);
    String runId = request.glue("StartJobRun", start).path("JobRunId").asText();
    return Layout.page(
        request,
        "Replay started",
        Html.format(
            "<div class=\"summary\"><p>Replay run <span class=\"mono run-id\">{}</span> of job {}"
                + " started for {} pending rows of {}.{}_quarantine.</p>"
                + "<pre class=\"mono\">{}</pre><p><a href=\"{}\">Back to the quarantine</a>,"
                + " where the run's state shows under Replays.</p></div>",
            runId,
            REPLAY_JOB,
            Format.count(pending),
            database,
            table,
            describe(arguments),
            Html.text(back)));
  }

  private ConsoleResponse decide(
      ConsoleRequest request, String database, String table, String op, String back) {
    String path = request.form("path");
    if (path == null || !path.startsWith("/")) {
      return ConsoleResponse.error(request, 400, "Cannot decide: a field path is required");
    }
    QuarantineAccess.Decision decision =
        switch (op) {
          case "approve" -> QuarantineAccess.Decision.APPROVE;
          case "reject" -> QuarantineAccess.Decision.REJECT;
          default -> QuarantineAccess.Decision.REJECT_AND_RESCUE;
        };
    String what =
        switch (decision) {
          case APPROVE -> "Approve: add the column and replay the held rows that wait for it";
          case REJECT -> "Reject: the held rows stay in the quarantine, marked rejected";
          case REJECT_AND_RESCUE ->
              "Reject and rescue: write the held rows without the column, its values in the"
                  + " rescued-data column";
        };
    if (!request.confirmed()) {
      return Forms.confirm(
          request,
          "Decide held field " + path + " of " + database + "." + table + "?",
          Html.format("<p>{}.</p>", what),
          back);
    }
    String summary = quarantine().decide(database, table, path, decision);
    return Layout.page(
        request,
        "Decided " + path,
        Html.format(
            "<div class=\"summary\"><pre class=\"mono\">{}</pre><p><a href=\"{}\">Back to the"
                + " quarantine</a></p></div>",
            summary,
            Html.text(back)));
  }

  private static void ensureReplayJob(ConsoleRequest request) {
    try {
      request.glue("GetJob", ConsoleRequest.body().put("JobName", REPLAY_JOB));
    } catch (GlueException e) {
      if (e.type() != GlueErrorType.ENTITY_NOT_FOUND) {
        throw e;
      }
      ObjectNode create =
          ConsoleRequest.body()
              .put("Name", REPLAY_JOB)
              .put("Description", "Quarantine replays started from the Driftway console")
              .put("Role", "driftway-console");
      create.putObject("Command").put("Name", "driftway-backfill").put("ScriptLocation", "none");
      try {
        request.glue("CreateJob", create);
      } catch (GlueException raced) {
        if (raced.type() != GlueErrorType.ALREADY_EXISTS) {
          throw raced;
        }
      }
    }
  }

  private ConsoleResponse index(ConsoleRequest request) {
    List<Html> rows = new ArrayList<>();
    for (String qualified : quarantine().tables()) {
      int dot = qualified.indexOf('.');
      String database = qualified.substring(0, dot);
      String table = qualified.substring(dot + 1);
      if (!request.principal().canRead(database)) {
        continue;
      }
      rows.add(
          Html.format(
              "<li><a href=\"{}\">{}</a></li>",
              Html.url("/console/quarantine", Map.of("db", database, "table", table)),
              qualified));
    }
    Html body =
        rows.isEmpty()
            ? Html.format(
                "<p class=\"muted\">No pipeline file is known to this bridge (start it with"
                    + " <code>driftway catalog serve --console-pipeline &lt;file&gt;</code>),"
                    + " so no quarantine can be read.</p>")
            : Html.format("<ul class=\"quarantines\">{}</ul>", Html.join(rows));
    return Layout.page(request, "Quarantine", body);
  }

  private static Html actions(
      ConsoleRequest request,
      String database,
      String table,
      List<QuarantineAccess.Row> rows,
      QuarantineCounts counts) {
    if (!request.canAct() || !request.principal().canAdmin(database)) {
      return Html.empty();
    }
    List<Html> parts = new ArrayList<>();
    long pending = counts.byState().getOrDefault("pending", 0L);
    parts.add(
        Html.format(
            "<p>{} <span class=\"muted\">{} pending rows</span></p>",
            Forms.action(
                request,
                "/console/quarantine",
                ordered("op", "replay", "db", database, "table", table),
                "Replay pending rows"),
            Format.count(pending)));
    Set<String> held = new LinkedHashSet<>();
    for (QuarantineAccess.Row row : rows) {
      if ("held".equals(row.stage()) && "pending".equals(row.state()) && row.reason() != null) {
        Matcher m = HELD_FIELD.matcher(row.reason());
        while (m.find()) {
          held.add(m.group(1));
        }
      }
    }
    for (String path : held) {
      parts.add(
          Html.format(
              "<div class=\"held\">Held new field <span class=\"mono\">{}</span>: {} {} {}</div>",
              path,
              Forms.action(
                  request,
                  "/console/quarantine",
                  ordered("op", "approve", "db", database, "table", table, "path", path),
                  "Approve"),
              Forms.action(
                  request,
                  "/console/quarantine",
                  ordered("op", "reject", "db", database, "table", table, "path", path),
                  "Reject"),
              Forms.action(
                  request,
                  "/console/quarantine",
                  ordered("op", "rescue", "db", database, "table", table, "path", path),
                  "Reject and rescue")));
    }
    return Html.format("<div class=\"actions\">{}</div>", Html.join(parts));
  }

  private static Html byReason(QuarantineCounts counts) {
    if (counts.byReason().isEmpty()) {
      return Html.format("<p class=\"muted\">Nothing quarantined.</p>");
    }
    List<Html> rows = new ArrayList<>();
    for (QuarantineCounts.Group group : counts.byReason()) {
      rows.add(
          Html.format(
              "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"reason\">{}</td><td>{}</td>"
                  + "<td>{}</td></tr>",
              Format.count(group.count()),
              group.stage(),
              group.reason(),
              Format.time(group.first()),
              Format.time(group.last())));
    }
    return Html.format(
        "<h2>By stage and reason</h2><table class=\"reasons\"><thead><tr><th>Rows</th>"
            + "<th>Stage</th><th>Reason</th><th>First</th><th>Last</th></tr></thead>"
            + "<tbody>{}</tbody></table>",
        Html.join(rows));
  }

  /** Bars per time bucket, one colour per stage (CSS), heights scaled to the largest bucket. */
  private static Html overTime(QuarantineCounts counts) {
    List<QuarantineCounts.Bucket> buckets = counts.overTime();
    if (buckets.isEmpty()) {
      return Html.empty();
    }
    long max = buckets.stream().mapToLong(QuarantineCounts.Bucket::total).max().orElse(1);
    List<Html> bars = new ArrayList<>();
    int x = 10;
    for (QuarantineCounts.Bucket bucket : buckets) {
      int y = 110;
      List<Html> parts = new ArrayList<>();
      for (Map.Entry<String, Long> stage : new java.util.TreeMap<>(bucket.byStage()).entrySet()) {
        int height = (int) Math.max(1, Math.round(100.0 * stage.getValue() / max));
        y -= height;
        parts.add(
            Html.format(
                "<rect x=\"{}\" y=\"{}\" width=\"24\" height=\"{}\" class=\"stage-{}\">"
                    + "<title>{}: {} rows</title></rect>",
                x,
                y,
                height,
                stage.getKey().replaceAll("[^a-z]", ""),
                stage.getKey(),
                stage.getValue()));
      }
      bars.add(
          Html.format(
              "<g>{}<text x=\"{}\" y=\"125\" class=\"muted\">{}</text></g>",
              Html.join(parts),
              x,
              Format.time(bucket.start())
                  .substring(bucket.width().compareTo(Duration.ofDays(1)) >= 0 ? 5 : 11, 16)));
      x += 60;
    }
    return Html.format(
        "<h2>Over time</h2><svg class=\"bars\" width=\"{}\" height=\"130\" role=\"img\""
            + " aria-label=\"quarantined rows over time\">{}</svg>",
        Math.max(200, x + 20),
        Html.join(bars));
  }

  private static Html replays(ConsoleRequest request, String database, String table) {
    JsonNode runs;
    try {
      runs =
          request.glue(
              "GetJobRuns", ConsoleRequest.body().put("JobName", REPLAY_JOB).put("MaxResults", 10));
    } catch (GlueException e) {
      return Html.empty(); // no replay run from here yet (or no right to see jobs)
    }
    String source = "quarantine://" + database + "." + table;
    List<Html> rows = new ArrayList<>();
    for (JsonNode run : runs.path("JobRuns")) {
      if (!source.equalsIgnoreCase(run.path("Arguments").path("--source").asText())) {
        continue;
      }
      rows.add(
          Html.format(
              "<tr class=\"replay\"><td class=\"mono\">{}</td><td class=\"state\">{}</td>"
                  + "<td>{}</td><td class=\"num\">{}</td><td class=\"error\">{}</td></tr>",
              run.path("Id").asText(),
              run.path("JobRunState").asText(),
              Format.time(Format.glueTime(run.path("StartedOn"))),
              run.path("ExecutionTime").asText(""),
              run.path("ErrorMessage").asText("")));
    }
    if (rows.isEmpty()) {
      return Html.empty();
    }
    return Html.format(
        "<h2>Replays</h2><table class=\"replays\"><thead><tr><th>Run</th><th>State</th>"
            + "<th>Started</th><th>Seconds</th><th>Error</th></tr></thead><tbody>{}</tbody>"
            + "</table>",
        Html.join(rows));
  }

  private static Html samples(List<QuarantineAccess.Row> rows) {
    if (rows.isEmpty()) {
      return Html.empty();
    }
    List<QuarantineAccess.Row> newest = new ArrayList<>(rows);
    Collections.reverse(newest);
    List<Html> items = new ArrayList<>();
    for (QuarantineAccess.Row row : newest.subList(0, Math.min(SAMPLES, newest.size()))) {
      RawBytes raw = RawBytes.of(row.raw(), RAW_LIMIT);
      items.add(
          Html.format(
              "<tr class=\"sample\" data-id=\"{}\"><td>{}</td><td>{}</td><td class=\"state\">{}"
                  + "</td><td class=\"mono\">{}</td><td class=\"reason\">{}</td>"
                  + "<td><pre class=\"raw {}\">{}</pre><span class=\"muted\">{}</span></td></tr>",
              row.id(),
              Format.time(row.quarantinedAt()),
              row.stage(),
              row.state(),
              row.source(),
              row.reason(),
              raw.binary() ? "hex" : "text",
              raw.text(),
              Format.count(raw.length())
                  + " bytes"
                  + (raw.binary() ? ", binary" : "")
                  + (raw.truncated() ? ", first " + Format.count(RAW_LIMIT) + " shown" : "")));
    }
    return Html.format(
        "<h2>Newest rows</h2><table class=\"samples\"><thead><tr><th>Quarantined</th>"
            + "<th>Stage</th><th>State</th><th>Source</th><th>Reason</th><th>Raw bytes</th></tr>"
            + "</thead><tbody>{}</tbody></table>",
        Html.join(items));
  }

  private static String states(QuarantineCounts counts) {
    List<String> parts = new ArrayList<>();
    counts.byState().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> parts.add(e.getKey() + " " + Format.count(e.getValue())));
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private static String describe(Map<String, String> arguments) {
    StringBuilder out = new StringBuilder();
    arguments.forEach((k, v) -> out.append(k).append(' ').append(v).append('\n'));
    return out.toString();
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private QuarantineAccess quarantine() {
    return context.quarantine();
  }
}
