package io.driftway.connectors.tracking;

import java.io.Serializable;

/**
 * How much a subtask may hold for a schema settle before it settles without waiting for the
 * checkpoint barrier: at most {@code maxRecords} records and {@code maxBytes} bytes of their raw
 * values, whichever is reached first. Reaching it settles exactly as a barrier would; below it
 * nothing changes.
 *
 * <pre>{@code
 * SettleBound bound = new SettleBound(10_000, 16L * 1024 * 1024);
 * }</pre>
 */
public record SettleBound(int maxRecords, long maxBytes) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The default record count: one interval of a steady stream fits, a backlog does not. */
  public static final int DEFAULT_MAX_RECORDS = 10_000;

  /** The default byte count of held raw values (16 MiB). */
  public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

  /** The bound a pipeline that names none gets. */
  public static final SettleBound DEFAULTS =
      new SettleBound(DEFAULT_MAX_RECORDS, DEFAULT_MAX_BYTES);

  public SettleBound {
    if (maxRecords < 1) {
      throw new IllegalArgumentException(
          "Cannot bound settling: max held records must be at least 1: " + maxRecords);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException(
          "Cannot bound settling: max held bytes must be at least 1: " + maxBytes);
    }
  }
}
