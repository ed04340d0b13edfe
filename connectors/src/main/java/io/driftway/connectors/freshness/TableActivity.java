package io.driftway.connectors.freshness;

import java.io.Serializable;
import java.util.Objects;

/**
 * A sign of input for a table: rows were handed to its writer at {@code atMillis}. The tracking
 * operator sends at most one per table and subtask each second; the {@link CommitMonitor} reads
 * them to tell flowing input from an idle source.
 *
 * @param table {@code database.table}
 * @param atMillis wall-clock time of the newest row this sign stands for
 */
public record TableActivity(String table, long atMillis) implements Serializable {
  private static final long serialVersionUID = 1L;

  public TableActivity {
    Objects.requireNonNull(table, "table");
  }
}
