package io.driftway.catalogbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alerts pipelines sent to the bridge (schema changes, freshness breaches and recoveries),
 * newest first, optionally of one database or table. Everything shown comes from the pipelines'
 * input and is written as text.
 */
final class AlertsPage implements ConsolePage {

  static final int PAGE = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shown in their own columns, so left out of the details. */
  private static final Set<String> COLUMNS =
      Set.of("alert_id", "type", "pipeline", "database", "table", "changes", "detected_at");

  @Override
  public String path() {
    return "/alerts";
  }

  @Override
  public String navLabel() {
    return "Alerts";
  }

  @Override
  public ConsoleResponse get(ConsoleRequest request) {
    ObjectNode body = ConsoleRequest.body().put("MaxResults", PAGE);
    Map<String, String> filter = new LinkedHashMap<>();
    for (String[] param : new String[][] {{"db", "DatabaseName"}, {"table", "TableName"}}) {
      String value = request.query(param[0]);
      if (value != null && !value.isEmpty()) {
        body.put(param[1], value);
        filter.put(param[0], value);
      }
    }
    if (request.query("before") != null) {
      body.put("NextToken", request.query("before"));
    }
    JsonNode response = request.driftway("ListAlerts", body);
    List<Html> rows = new ArrayList<>();
    for (JsonNode alert : response.path("Alerts")) {
      rows.add(row(alert));
    }
    Html heading =
        filter.isEmpty()
            ? Html.format("<p class=\"muted\">Every pipeline that reports to this bridge.</p>")
            : Html.format(
                "<p class=\"muted\">Of {}. <a href=\"/console/alerts\">All alerts</a></p>",
                String.join(".", filter.values()));
    Html table =
        rows.isEmpty()
            ? Html.format("<p class=\"muted\">No alerts.</p>")
            : Html.format(
                "<table class=\"alerts\"><thead><tr><th>Received</th><th>Type</th><th>Table</th>"
                    + "<th>Pipeline</th><th>Detected</th><th>What happened</th></tr></thead>"
                    + "<tbody>{}</tbody></table>",
                Html.join(rows));
    Html older = Html.empty();
    if (response.hasNonNull("NextToken")) {
      Map<String, String> next = new LinkedHashMap<>(filter);
      next.put("before", response.get("NextToken").asText());
      older =
          Html.format("<p><a href=\"{}\">Older alerts</a></p>", Html.url("/console/alerts", next));
    }
    return Layout.page(request, "Alerts", Html.join(heading, table, older));
  }

  private static Html row(JsonNode alert) {
    String database = alert.path("DatabaseName").asText();
    String table = alert.path("TableName").asText();
    JsonNode document = document(alert.path("Document").asText(""));
    Instant received = Instant.ofEpochMilli((long) (alert.path("ReceivedOn").asDouble() * 1000));
    String type = alert.path("Type").asText();
    return Html.format(
        "<tr><td>{}</td><td class=\"type-{}\">{}</td><td><a href=\"{}\">{}.{}</a></td><td>{}</td>"
            + "<td>{}</td><td>{}</td></tr>",
        Format.time(received),
        type,
        type,
        Html.url("/console/alerts", Map.of("db", database, "table", table)),
        database,
        table,
        document.path("pipeline").asText(""),
        document.path("detected_at").asText(""),
        details(document));
  }

  /** Schema changes as a list, any other field as {@code name: value}. */
  private static Html details(JsonNode document) {
    List<Html> parts = new ArrayList<>();
    JsonNode changes = document.path("changes");
    if (changes.isArray() && !changes.isEmpty()) {
      List<Html> items = new ArrayList<>();
      for (JsonNode change : changes) {
        items.add(
            Html.format(
                "<li><code>{} {}</code> {} → {} <span class=\"muted\">({})</span></li>",
                change.path("kind").asText(""),
                change.path("path").asText(""),
                change.path("from").asText("null"),
                change.path("to").asText("null"),
                change.path("policy").asText("")));
      }
      parts.add(Html.format("<ul class=\"changes\">{}</ul>", Html.join(items)));
    }
    List<Html> fields = new ArrayList<>();
    document
        .fields()
        .forEachRemaining(
            field -> {
              if (!COLUMNS.contains(field.getKey()) && !field.getValue().isNull()) {
                JsonNode value = field.getValue();
                fields.add(
                    Html.format(
                        "<div><span class=\"muted\">{}:</span> <span class=\"mono\">{}</span></div>",
                        field.getKey(),
                        truncate(value.isValueNode() ? value.asText() : value.toString())));
              }
            });
    parts.addAll(fields);
    return Html.join(parts);
  }

  private static String truncate(String text) {
    return text.length() <= 600 ? text : text.substring(0, 600) + "…";
  }

  private static JsonNode document(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode().put("unreadable", text);
    }
  }
}
