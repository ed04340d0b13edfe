package io.driftway.catalogbridge.storage;

/** Whether a file or prefix exists, or that it could not be told (no access, unknown scheme). */
public enum Presence {
  PRESENT,
  ABSENT,
  UNKNOWN
}
