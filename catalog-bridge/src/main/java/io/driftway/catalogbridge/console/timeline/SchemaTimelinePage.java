package io.driftway.catalogbridge.console.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.catalogbridge.console.ConsoleContext;
import io.driftway.catalogbridge.console.ConsolePage;
import io.driftway.catalogbridge.console.ConsoleRequest;
import io.driftway.catalogbridge.console.ConsoleResponse;
import io.driftway.catalogbridge.console.Format;
import io.driftway.catalogbridge.console.Html;
import io.driftway.catalogbridge.console.Layout;
import io.driftway.catalogbridge.iceberg.IcebergMetadata;
import io.driftway.catalogbridge.model.GlueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.TableMetadata;

/**
 * {@code /console/timeline?db=<database>&table=<table>}: the table's schema versions drawn as a
 * timeline (inline SVG, one dot per version, linked to its section), each version's changes with
 * the policy, time and first-seen coordinates of the pipeline's alert, and a side-by-side diff of
 * any two versions ({@code &left=<id>&right=<id>}). Read-only: no actions.
 */
public final class SchemaTimelinePage implements ConsolePage {

  /** Stored alerts read per timeline; a table with more schema changes shows the newest. */
  static final int ALERTS = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ConsoleContext context;

  public SchemaTimelinePage(ConsoleContext context) {
    this.context = context;
  }

  @Override
  public String path() {
    return "/timeline";
  }

  @Override
  public String navLabel() {
    return null;
  }

  @Override
  public ConsoleResponse get(ConsoleRequest request) {
    String database = request.query("db");
    String table = request.query("table");
    if (database == null || table == null) {
      return ConsoleResponse.error(
          request, 400, "Cannot show schema timeline: db and table are required");
    }
    JsonNode found;
    try {
      found =
          request.glue(
              "GetTable", ConsoleRequest.body().put("DatabaseName", database).put("Name", table));
    } catch (GlueException e) {
      return ConsoleResponse.error(request, 404, e.getMessage());
    }
    String title = "Schema timeline of " + database + "." + table;
    String location = found.path("Table").path("Parameters").path("metadata_location").asText(null);
    if (location == null) {
      return Layout.page(
          request,
          title,
          Html.format("<p class=\"muted\">Not an Iceberg table: no schema versions to show.</p>"));
    }
    Optional<TableMetadata> metadata;
    try {
      metadata = IcebergMetadata.read(context.files(), location);
    } catch (RuntimeException e) {
      return ConsoleResponse.error(
          request, 500, "Cannot read Iceberg metadata: " + e.getMessage() + ": " + location);
    }
    if (metadata.isEmpty()) {
      return ConsoleResponse.error(
          request, 404, "Cannot read Iceberg metadata: file not found: " + location);
    }
    SchemaTimeline timeline =
        SchemaTimeline.of(metadata.get(), storedAlerts(request, database, table));
    List<Html> sections = new ArrayList<>();
    sections.add(
        Html.format(
            "<p class=\"muted\">{} schema versions · metadata <span class=\"mono\">{}</span> · "
                + "<a href=\"{}\">quarantine</a></p>",
            timeline.versions().size(),
            location,
            Html.url("/console/quarantine", Map.of("db", database, "table", table))));
    sections.add(svg(timeline));
    sections.add(diff(request, timeline, database, table));
    List<SchemaTimeline.Version> newestFirst = new ArrayList<>(timeline.versions());
    java.util.Collections.reverse(newestFirst);
    for (SchemaTimeline.Version version : newestFirst) {
      sections.add(version(version));
    }
    return Layout.page(request, title, Html.join(sections));
  }

  /**
   * The schema-change alerts pipelines sent to the bridge about the table (newest {@value
   * #ALERTS}), as the documents they sent; none when the principal may not list them.
   */
  private static List<JsonNode> storedAlerts(
      ConsoleRequest request, String database, String table) {
    List<JsonNode> alerts = new ArrayList<>();
    JsonNode listed;
    try {
      listed =
          request.driftway(
              "ListAlerts",
              ConsoleRequest.body()
                  .put("DatabaseName", database)
                  .put("TableName", table)
                  .put("MaxResults", ALERTS));
    } catch (GlueException e) {
      return alerts;
    }
    for (JsonNode alert : listed.path("Alerts")) {
      try {
        alerts.add(JSON.readTree(alert.path("Document").asText("{}")));
      } catch (java.io.IOException e) {
        // a document that is not JSON annotates nothing; the alerts page still shows it
      }
    }
    return alerts;
  }

  /** One dot per version on a line, oldest left; every coordinate is a number this code made. */
  private static Html svg(SchemaTimeline timeline) {
    List<SchemaTimeline.Version> versions = timeline.versions();
    int step = 140;
    int width = Math.max(300, 60 + step * Math.max(0, versions.size() - 1) + 60);
    List<Html> marks = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      SchemaTimeline.Version version = versions.get(i);
      int x = 60 + step * i;
      int changes = (int) version.changes().stream().filter(c -> !c.fromAlert()).count();
      marks.add(
          Html.format(
              "<a href=\"#v{}\" class=\"version-mark\" data-schema-id=\"{}\">"
                  + "<circle cx=\"{}\" cy=\"40\" r=\"{}\" class=\"{}\"></circle>"
                  + "<text x=\"{}\" y=\"20\" text-anchor=\"middle\">schema {}</text>"
                  + "<text x=\"{}\" y=\"70\" text-anchor=\"middle\" class=\"muted\">{}</text>"
                  + "<text x=\"{}\" y=\"86\" text-anchor=\"middle\" class=\"muted\">{}</text></a>",
              version.schemaId(),
              version.schemaId(),
              x,
              version.current() ? 10 : 8,
              version.current() ? "current" : "past",
              x,
              version.schemaId(),
              x,
              version.firstUsed() == null ? "" : Format.time(version.firstUsed()).substring(0, 16),
              x,
              i == 0 ? "created" : changes + (changes == 1 ? " change" : " changes")));
    }
    return Html.format(
        "<svg class=\"timeline\" width=\"{}\" height=\"100\" viewBox=\"0 0 {} 100\" role=\"img\""
            + " aria-label=\"schema versions\"><line x1=\"40\" y1=\"40\" x2=\"{}\" y2=\"40\""
            + " class=\"axis\"></line>{}</svg>",
        width,
        width,
        width - 40,
        Html.join(marks));
  }

  private static Html version(SchemaTimeline.Version version) {
    List<Html> rows = new ArrayList<>();
    for (SchemaTimeline.Change change : version.changes()) {
      rows.add(
          Html.format(
              "<tr class=\"change\"><td class=\"kind\">{}</td><td class=\"mono path\">{}</td>"
                  + "<td class=\"mono\">{}</td><td class=\"mono\">{}</td><td>{}</td>"
                  + "<td class=\"mono\">{}</td></tr>",
              change.kind() + (change.fromAlert() ? " (decision)" : ""),
              change.path(),
              change.from(),
              change.to(),
              change.policy(),
              change.firstSeen()));
    }
    Html changes =
        rows.isEmpty()
            ? Html.format("<p class=\"muted\">The first schema: {} columns.</p>", columns(version))
            : Html.format(
                "<table class=\"changes\"><thead><tr><th>Change</th><th>Path</th><th>From</th>"
                    + "<th>To</th><th>Policy</th><th>First seen</th></tr></thead>"
                    + "<tbody>{}</tbody></table>",
                Html.join(rows));
    return Html.format(
        "<section class=\"version\" id=\"v{}\" data-schema-id=\"{}\"><h2>Schema {}{}</h2>"
            + "<p class=\"muted\">{}{}</p>{}</section>",
        version.schemaId(),
        version.schemaId(),
        version.schemaId(),
        version.current() ? " (current)" : "",
        version.firstUsed() == null
            ? "no snapshot yet"
            : "from " + Format.time(version.firstUsed()),
        version.pipeline() == null ? "" : " · announced by pipeline " + version.pipeline(),
        changes);
  }

  private static int columns(SchemaTimeline.Version version) {
    return version.schema().columns().size();
  }

  private static Html diff(
      ConsoleRequest request, SchemaTimeline timeline, String database, String table) {
    List<SchemaTimeline.Version> versions = timeline.versions();
    if (versions.size() < 2) {
      return Html.empty();
    }
    int left = parse(request.query("left"), versions.get(versions.size() - 2).schemaId());
    int right = parse(request.query("right"), versions.get(versions.size() - 1).schemaId());
    Html form =
        Html.format(
            "<form method=\"get\" action=\"/console/timeline\" class=\"diff-form\">"
                + "<input type=\"hidden\" name=\"db\" value=\"{}\">"
                + "<input type=\"hidden\" name=\"table\" value=\"{}\">"
                + "Compare schema <select name=\"left\">{}</select> with"
                + " <select name=\"right\">{}</select> <button type=\"submit\">Compare</button>"
                + "</form>",
            database,
            table,
            options(versions, left),
            options(versions, right));
    Optional<SchemaTimeline.Version> l = timeline.version(left);
    Optional<SchemaTimeline.Version> r = timeline.version(right);
    if (l.isEmpty() || r.isEmpty()) {
      return Html.join(form, Html.format("<p class=\"error\">No such schema version.</p>"));
    }
    List<Html> rows = new ArrayList<>();
    for (SchemaDiff.Row row : SchemaDiff.of(l.get().schema(), r.get().schema()).rows()) {
      rows.add(
          Html.format(
              "<tr class=\"{}\"><td class=\"mono\">{}</td><td class=\"mono\">{}</td>"
                  + "<td class=\"mono\">{}</td><td class=\"mono\">{}</td></tr>",
              "diff-" + row.status().name().toLowerCase(java.util.Locale.ROOT),
              row.leftPath(),
              row.leftType(),
              row.rightPath(),
              row.rightType()));
    }
    return Html.format(
        "<h2>Side by side</h2>{}<table class=\"diff\"><thead><tr><th colspan=\"2\">Schema {}</th>"
            + "<th colspan=\"2\">Schema {}</th></tr></thead><tbody>{}</tbody></table>",
        form,
        left,
        right,
        Html.join(rows));
  }

  private static Html options(List<SchemaTimeline.Version> versions, int selected) {
    List<Html> options = new ArrayList<>();
    for (SchemaTimeline.Version version : versions) {
      options.add(
          Html.format(
              "<option value=\"{}\"{}>{}</option>",
              version.schemaId(),
              version.schemaId() == selected ? Html.format(" selected") : Html.empty(),
              version.schemaId()));
    }
    return Html.join(options);
  }

  private static int parse(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
