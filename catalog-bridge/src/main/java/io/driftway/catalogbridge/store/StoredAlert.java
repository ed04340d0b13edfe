package io.driftway.catalogbridge.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert a pipeline sent to the bridge: the columns it is found by, and the JSON document as sent
 * (untrusted: it comes from the pipeline's input).
 *
 * @param seq its position among stored alerts (later alerts have larger positions); 0 before it is
 *     stored
 * @param type the alert's {@code type}, e.g. {@code schema_change} or {@code freshness_breached}
 */
public record StoredAlert(
    long seq,
    String alertId,
    String type,
    String database,
    String table,
    Instant receivedAt,
    String document) {

  public StoredAlert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(document, "document");
  }
}
