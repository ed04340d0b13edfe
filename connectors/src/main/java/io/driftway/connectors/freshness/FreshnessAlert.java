package io.driftway.connectors.freshness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftway.connectors.alerts.Alert;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A table's freshness SLO was breached (input flows, but its newest commit is older than the SLO)
 * or recovered. The breach and its recovery share {@code breachedSince}, which makes their ids.
 *
 * <pre>{@code
 * {"alert_id": "sales.orders@freshness/1764990000000/breached", "type": "freshness_breached",
 *  "pipeline": "orders", "database": "sales", "table": "orders", "slo": "PT2M",
 *  "newest_commit_at": "...", "last_input_at": "...", "breached_since": "...", "detected_at": "..."}
 * }</pre>
 *
 * @param newestCommitAt the table's newest commit, null when it has none yet
 * @param lastInputAt the newest row handed to the table's writer
 */
public record FreshnessAlert(
    String pipeline,
    String database,
    String table,
    Kind kind,
    Duration slo,
    Instant newestCommitAt,
    Instant lastInputAt,
    Instant breachedSince,
    Instant detectedAt)
    implements Alert {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Breached or recovered. */
  public enum Kind {
    BREACHED,
    RECOVERED;

    /** The alert's {@code type}: {@code freshness_breached} or {@code freshness_recovered}. */
    public String type() {
      return "freshness_" + name().toLowerCase(Locale.ROOT);
    }
  }

  public FreshnessAlert {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(slo, "slo");
    Objects.requireNonNull(breachedSince, "breachedSince");
    Objects.requireNonNull(detectedAt, "detectedAt");
  }

  static FreshnessAlert breached(
      String pipeline,
      String qualifiedTable,
      Duration slo,
      Instant newestCommitAt,
      Instant lastInputAt,
      long now) {
    Instant at = Instant.ofEpochMilli(now);
    return of(pipeline, qualifiedTable, Kind.BREACHED, slo, newestCommitAt, lastInputAt, at, at);
  }

  static FreshnessAlert recovered(
      String pipeline,
      String qualifiedTable,
      Duration slo,
      Instant newestCommitAt,
      Instant lastInputAt,
      long now,
      Instant breachedSince) {
    return of(
        pipeline,
        qualifiedTable,
        Kind.RECOVERED,
        slo,
        newestCommitAt,
        lastInputAt,
        breachedSince,
        Instant.ofEpochMilli(now));
  }

  private static FreshnessAlert of(
      String pipeline,
      String qualifiedTable,
      Kind kind,
      Duration slo,
      Instant newestCommitAt,
      Instant lastInputAt,
      Instant breachedSince,
      Instant detectedAt) {
    int dot = qualifiedTable.indexOf('.');
    return new FreshnessAlert(
        pipeline,
        qualifiedTable.substring(0, dot),
        qualifiedTable.substring(dot + 1),
        kind,
        slo,
        newestCommitAt,
        lastInputAt,
        breachedSince,
        detectedAt);
  }

  @Override
  public String qualifiedTable() {
    return database + "." + table;
  }

  @Override
  public String alertId() {
    return qualifiedTable()
        + "@freshness/"
        + breachedSince.toEpochMilli()
        + "/"
        + kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("alert_id", alertId());
    root.put("type", kind.type());
    root.put("pipeline", pipeline);
    root.put("database", database);
    root.put("table", table);
    root.put("slo", slo.toString());
    root.put("newest_commit_at", newestCommitAt == null ? null : newestCommitAt.toString());
    root.put("last_input_at", lastInputAt == null ? null : lastInputAt.toString());
    root.put("breached_since", breachedSince.toString());
    root.put("detected_at", detectedAt.toString());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "Cannot write alert as JSON: " + e.getMessage() + ": " + alertId(), e);
    }
  }

  @Override
  public String summary() {
    return kind == Kind.BREACHED
        ? "Freshness SLO "
            + slo
            + " breached by "
            + qualifiedTable()
            + ": input flows (last at "
            + lastInputAt
            + ") but the newest commit is "
            + (newestCommitAt == null ? "none" : "at " + newestCommitAt)
        : "Freshness SLO "
            + slo
            + " of "
            + qualifiedTable()
            + " recovered: newest commit at "
            + newestCommitAt
            + " (breached since "
            + breachedSince
            + ")";
  }
}
