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
 * A table's freshness SLO was breached (rows reached its writer after its newest commit, and that
 * commit is older than the SLO) or recovered (a newer commit). A breach and its recovery name the
 * snapshot that went stale, which makes their ids: deciding again after a restart yields the same
 * id, so a receiver deduplicates a repeated alert by {@code alert_id}.
 *
 * <pre>{@code
 * {"alert_id": "orders/sales.orders@freshness/4312/breached", "type": "freshness_breached",
 *  "pipeline": "orders", "database": "sales", "table": "orders", "slo": "PT2M",
 *  "stale_snapshot_id": 4312, "newest_commit_at": "...", "last_input_at": "...",
 *  "breached_since": "...", "detected_at": "..."}
 * }</pre>
 *
 * @param staleSnapshotId the snapshot that was newest when the breach began, {@code -1} when the
 *     table had none
 * @param newestCommitAt the table's newest commit, null when it has none yet
 * @param lastInputAt the newest row handed to the table's writer
 * @param breachedSince when the newest commit (or the first input after it) became older than the
 *     SLO
 */
public record FreshnessAlert(
    String pipeline,
    String database,
    String table,
    Kind kind,
    Duration slo,
    long staleSnapshotId,
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
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(slo, "slo");
    Objects.requireNonNull(breachedSince, "breachedSince");
    Objects.requireNonNull(detectedAt, "detectedAt");
  }

  static FreshnessAlert of(
      String pipeline,
      String qualifiedTable,
      Kind kind,
      Duration slo,
      long staleSnapshotId,
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
        staleSnapshotId,
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
    return pipeline
        + "/"
        + qualifiedTable()
        + "@freshness/"
        + (staleSnapshotId == FreshnessWatch.NO_SNAPSHOT ? "none" : staleSnapshotId)
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
    if (staleSnapshotId == FreshnessWatch.NO_SNAPSHOT) {
      root.putNull("stale_snapshot_id");
    } else {
      root.put("stale_snapshot_id", staleSnapshotId);
    }
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
            + " (pipeline "
            + pipeline
            + "): rows arrived (last at "
            + lastInputAt
            + ") but the newest commit is "
            + (newestCommitAt == null ? "none" : "at " + newestCommitAt)
        : "Freshness SLO "
            + slo
            + " of "
            + qualifiedTable()
            + " (pipeline "
            + pipeline
            + ") recovered: newest commit at "
            + newestCommitAt
            + " (breached since "
            + breachedSince
            + ")";
  }
}
