package io.driftway.catalogbridge.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoredAlert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The alerts pipelines send to the bridge ({@code X-Amz-Target: Driftway.PutAlert}, the alert's
 * JSON as the body, signed like any Glue call) and the console reads ({@code Driftway.ListAlerts}).
 * Putting needs admin rights on the alert's database (what a pipeline writing that database has);
 * listing shows the databases the caller may read.
 */
final class AlertOperations implements GlueApi {

  static final String PUT_ALERT = "PutAlert";
  static final String LIST_ALERTS = "ListAlerts";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RESULTS = 100;

  private final CatalogStore store;
  private final Clock clock;

  AlertOperations(CatalogStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Set<String> operations() {
    return Set.of(PUT_ALERT, LIST_ALERTS);
  }

  @Override
  public byte[] call(String operation, byte[] body, Principal caller) {
    JsonNode request = parse(body, operation);
    ObjectNode response =
        switch (operation) {
          case PUT_ALERT -> putAlert(request, body, caller);
          case LIST_ALERTS -> listAlerts(request, caller);
          default ->
              throw GlueException.of(
                  GlueErrorType.UNKNOWN_OPERATION,
                  "Cannot run operation: unknown Driftway operation: " + operation);
        };
    return response.toString().getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode putAlert(JsonNode alert, byte[] body, Principal caller) {
    String id = text(alert, "alert_id", 255);
    String type = text(alert, "type", 64);
    String database = text(alert, "database", 255).toLowerCase(Locale.ROOT);
    String table = text(alert, "table", 255).toLowerCase(Locale.ROOT);
    caller.require(Access.ADMIN, database, "put alert");
    boolean stored =
        store.putAlert(
            new StoredAlert(
                0,
                id,
                type,
                database,
                table,
                clock.instant(),
                new String(body, StandardCharsets.UTF_8)));
    return JSON.createObjectNode().put("Stored", stored);
  }

  private ObjectNode listAlerts(JsonNode request, Principal caller) {
    String database = optional(request, "DatabaseName");
    String table = optional(request, "TableName");
    if (database != null) {
      caller.require(Access.READ_ONLY, database, "list alerts");
    }
    int limit =
        Names.pageSize(
            request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : null,
            MAX_RESULTS,
            "list alerts");
    long before = Long.MAX_VALUE;
    if (request.hasNonNull("NextToken")) {
      try {
        before = Long.parseLong(request.get("NextToken").asText());
      } catch (NumberFormatException e) {
        throw GlueException.invalidInput(
            "Cannot list alerts: bad NextToken: " + request.get("NextToken").asText());
      }
    }
    ObjectNode response = JSON.createObjectNode();
    ArrayNode alerts = response.putArray("Alerts");
    // Alerts of databases the caller may not read are skipped, not counted.
    while (alerts.size() < limit) {
      List<StoredAlert> page = store.listAlerts(database, table, before, limit);
      for (StoredAlert alert : page) {
        before = alert.seq();
        if (caller.canRead(alert.database())) {
          ObjectNode node = alerts.addObject();
          node.put("AlertId", alert.alertId());
          node.put("Type", alert.type());
          node.put("DatabaseName", alert.database());
          node.put("TableName", alert.table());
          node.put("ReceivedOn", alert.receivedAt().toEpochMilli() / 1000.0);
          node.put("Document", alert.document());
          if (alerts.size() == limit) {
            break;
          }
        }
      }
      if (page.size() < limit) {
        return response;
      }
    }
    response.put("NextToken", Long.toString(before));
    return response;
  }

  private static JsonNode parse(byte[] body, String operation) {
    try {
      JsonNode node =
          JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
      if (node == null || !node.isObject()) {
        throw GlueException.of(
            GlueErrorType.SERIALIZATION, "Cannot run " + operation + ": body is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw GlueException.of(
          GlueErrorType.SERIALIZATION,
          "Cannot run "
              + operation
              + ": body is not JSON: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static String text(JsonNode alert, String field, int maxLength) {
    JsonNode value = alert.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw GlueException.invalidInput("Cannot put alert: " + field + " is required: " + value);
    }
    String text = value.asText();
    if (text.length() > maxLength) {
      throw GlueException.invalidInput(
          "Cannot put alert: " + field + " is longer than " + maxLength + " characters: " + text);
    }
    return text;
  }

  private static String optional(JsonNode request, String field) {
    return request.hasNonNull(field) ? request.get(field).asText().toLowerCase(Locale.ROOT) : null;
  }
}
