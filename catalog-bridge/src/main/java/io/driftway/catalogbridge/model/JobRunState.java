package io.driftway.catalogbridge.model;

/** Glue's {@code JobRunState}s; the bridge uses all but WAITING and EXPIRED. */
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
