package io.driftway.connectors.tracking;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * Which table a record goes to: one table, a table per topic or stream, or a table named by a
 * field's value; {@code tables} renames a topic, stream or field value to a table.
 */
public record RoutingSettings(
    Mode mode, Optional<String> table, Optional<String> field, Map<String, String> tables)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The routing modes. */
  public enum Mode {
    SINGLE,
    BY_SOURCE,
    BY_FIELD
  }

  public RoutingSettings {
    tables = Map.copyOf(tables);
  }

  /** Every record to {@code table}. */
  public static RoutingSettings single(String table) {
    return new RoutingSettings(Mode.SINGLE, Optional.of(table), Optional.empty(), Map.of());
  }
}
