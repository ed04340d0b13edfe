package io.driftway.connectors.freshness;

import org.apache.flink.runtime.operators.coordination.OperatorEvent;

/** What the monitor operator and its coordinator tell each other. */
final class MonitorEvents {
  private MonitorEvents() {}

  /** Operator to coordinator: rows reached {@code table}'s writer at {@code atMillis}. */
  record Input(String table, long atMillis) implements OperatorEvent {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Coordinator to operator, after each look at the catalog: the table's newest commit (null when
   * unknown) and whether it breaches its SLO (null when it has none), for the gauges.
   */
  record Seen(String table, Long newestCommitMillis, Boolean breached) implements OperatorEvent {
    private static final long serialVersionUID = 1L;
  }
}
