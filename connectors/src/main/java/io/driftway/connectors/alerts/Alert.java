package io.driftway.connectors.alerts;

import java.io.Serializable;

/**
 * What every alert a pipeline sends has: its table, a stable id receivers deduplicate by, a JSON
 * body (each with a {@code type}), and a one-line summary for the log.
 *
 * <pre>{@code
 * String body = alert.toJson(); // {"alert_id": "...", "type": "schema_change", ...}
 * }</pre>
 */
public interface Alert extends Serializable {

  /** {@code database.table}; the Kafka record key, so one table's alerts stay in order. */
  String qualifiedTable();

  /** The deduplication id, the same on every delivery of this alert. */
  String alertId();

  /** The alert as one JSON object, the body of every delivery. */
  String toJson();

  /** A one-line summary for the log. */
  String summary();
}
