package io.driftway.catalogbridge.model;

/**
 * Glue's {@code JobRunState}s. The bridge records STARTING, RUNNING, STOPPING, STOPPED, SUCCEEDED,
 * FAILED and TIMEOUT; the others are listed so that every Glue state reads back.
 */
public enum JobRunState {
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  SUCCEEDED,
  FAILED,
  TIMEOUT,
  ERROR,
  WAITING,
  EXPIRED;

  /** True for a state a run never leaves. */
  public boolean isFinal() {
    return this == STOPPED
        || this == SUCCEEDED
        || this == FAILED
        || this == TIMEOUT
        || this == ERROR
        || this == EXPIRED;
  }
}
