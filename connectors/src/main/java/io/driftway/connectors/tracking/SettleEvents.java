package io.driftway.connectors.tracking;

import org.apache.flink.runtime.operators.coordination.OperatorEvent;

/**
 * What the tracking subtasks and their {@link SettleCoordinator} tell each other. The schemas
 * travel encoded by {@link SchemaCodec}; no one changes the bytes once sent.
 */
final class SettleEvents {
  private SettleEvents() {}

  /**
   * Subtask to coordinator, at each checkpoint barrier ({@code round} the checkpoint id) and at the
   * end of its input ({@code round} {@link SettleRounds#END}): the record schemas that would move
   * its tables (no tables when it holds nothing). A subtask that proposes schemas waits for the
   * {@link Decision}.
   */
  static final class Propose implements OperatorEvent {
    private static final long serialVersionUID = 1L;

    private final long round;
    private final byte[] schemas;

    Propose(long round, byte[] schemas) {
      this.round = round;
      this.schemas = schemas;
    }

    long round() {
      return round;
    }

    byte[] schemas() {
      return schemas;
    }
  }

  /** Coordinator to subtask: the joined schemas per table of the round the subtask proposed in. */
  static final class Decision implements OperatorEvent {
    private static final long serialVersionUID = 1L;

    private final long round;
    private final byte[] schemas;

    Decision(long round, byte[] schemas) {
      this.round = round;
      this.schemas = schemas;
    }

    long round() {
      return round;
    }

    byte[] schemas() {
      return schemas;
    }
  }
}
