package io.driftway.connectors.tracking;

import java.io.Serializable;
import java.util.Map;

/**
 * Which table a record goes to: one table, a table per topic or stream, or a table named by a
 * field's value; {@code tables} renames a topic, stream or field value to a table.
 *
 * <p>Components are plain nullable values, not {@code Optional}: settings are Java-serialized into
 * the job, and {@code Optional} is not serializable.
 *
 * @param table the table of {@link Mode#SINGLE} routing, else null
 * @param field the routing field of {@link Mode#BY_FIELD} routing, else null
 */
public record RoutingSettings(Mode mode, String table, String field, Map<String, String> tables)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The routing modes, with the key that selects each in a pipeline file. */
  public enum Mode {
    SINGLE("table"),
    BY_SOURCE("by-source"),
    BY_FIELD("by-field");

    private final String key;

    Mode(String key) {
      this.key = key;
    }

    /** The {@code routing} key that selects this mode: {@code table}, {@code by-source}, ... */
    public String key() {
      return key;
    }
  }

  public RoutingSettings {
    tables = Map.copyOf(tables);
  }

  /** Every record to {@code table}. */
  public static RoutingSettings single(String table) {
    return new RoutingSettings(Mode.SINGLE, table, null, Map.of());
  }
}
