package io.driftway.connectors.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One decided, applied schema change of a table, as its alert: what changed (each change with its
 * kind, JSON-pointer path, from/to types and the deciding policy), where the drift was first seen,
 * a sample of the offending value, and when.
 *
 * <p>Schema ids are fingerprints of the table schema before and after the change: the same on every
 * subtask and after a restart, so {@link #alertId()} deduplicates across the job.
 *
 * <pre>{@code
 * String json = alert.toJson();
 * }</pre>
 */
public record SchemaChangeAlert(
    String pipeline,
    String database,
    String table,
    String schemaIdBefore,
    String schemaIdAfter,
    List<Change> changes,
    String firstSeenAt,
    String sample,
    Instant detectedAt)
    implements Alert {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Longest sample kept in an alert. */
  static final int SAMPLE_CHARS = 512;

  public SchemaChangeAlert {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(schemaIdAfter, "schemaIdAfter");
    changes = List.copyOf(changes);
    if (sample != null && sample.length() > SAMPLE_CHARS) {
      sample = sample.substring(0, SAMPLE_CHARS) + "...";
    }
  }

  /** One change: {@code ADD_COLUMN /payload/coupon null -> string (new-fields: evolve)}. */
  public record Change(String kind, String path, String fromType, String toType, String policy)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      return kind + " " + path + " " + fromType + " -> " + toType + " (" + policy + ")";
    }
  }

  /** {@code database.table}. */
  @Override
  public String qualifiedTable() {
    return database + "." + table;
  }

  /** The deduplication key: one alert per table and resulting schema. */
  @Override
  public String alertId() {
    return qualifiedTable() + "@" + schemaIdAfter;
  }

  /** The alert as one JSON object, the body of every delivery. */
  @Override
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("alert_id", alertId());
    root.put("type", "schema_change");
    root.put("pipeline", pipeline);
    root.put("database", database);
    root.put("table", table);
    root.put("schema_id_before", schemaIdBefore);
    root.put("schema_id_after", schemaIdAfter);
    ArrayNode list = root.putArray("changes");
    for (Change change : changes) {
      ObjectNode node = list.addObject();
      node.put("kind", change.kind());
      node.put("path", change.path());
      node.put("from", change.fromType());
      node.put("to", change.toType());
      node.put("policy", change.policy());
    }
    root.put("first_seen_at", firstSeenAt);
    root.put("sample", sample);
    root.put("detected_at", detectedAt.toString());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "Cannot write alert as JSON: " + e.getMessage() + ": " + alertId(), e);
    }
  }

  /** A one-line summary for the log. */
  @Override
  public String summary() {
    return "Schema change in "
        + qualifiedTable()
        + " ("
        + schemaIdBefore
        + " -> "
        + schemaIdAfter
        + "), first seen at "
        + firstSeenAt
        + ": "
        + changes;
  }
}
