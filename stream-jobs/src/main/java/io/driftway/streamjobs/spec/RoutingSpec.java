package io.driftway.streamjobs.spec;

import java.util.Map;
import java.util.Optional;

/**
 * Which table a record goes to: one table for everything, a table per topic or stream, or a table
 * chosen by a field's value. {@code tables} maps a topic, stream or field value to a table name;
 * without an entry the name itself is used.
 */
public record RoutingSpec(
    Mode mode, Optional<String> table, Optional<String> field, Map<String, String> tables) {

  /** The routing modes. */
  public enum Mode {
    SINGLE("single"),
    BY_SOURCE("by-source"),
    BY_FIELD("by-field");

    private final String spelling;

    Mode(String spelling) {
      this.spelling = spelling;
    }

    public String spelling() {
      return spelling;
    }
  }

  public RoutingSpec {
    tables = Map.copyOf(tables);
  }
}
