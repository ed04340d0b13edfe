package io.driftway.catalogbridge.console.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The stored schema-change alerts of a table, as the pipelines sent them to the bridge: what
 * annotates the computed changes of a {@link SchemaTimeline}.
 */
@FunctionalInterface
public interface SchemaAlerts {

  /** The alerts about {@code database.table}, any order; empty when none were stored. */
  List<JsonNode> forTable(String database, String table);

  /** No stored alerts: timelines show what the schemas alone say. */
  static SchemaAlerts none() {
    return (database, table) -> List.of();
  }
}
