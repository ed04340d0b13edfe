package io.driftway.connectors.quarantine;

import java.util.Locale;

/** Where on the data path a record was refused. */
public enum Stage {
  /** The bytes are not valid in the declared format (bad JSON, unknown schema id, ...). */
  DECODE,
  /** No target table could be chosen (routing field missing or not a valid table name). */
  ROUTE,
  /** The table's policy refused the record's schema (a limit, {@code fail}, {@code quarantine}). */
  TRACK,
  /** The record's values could not be written in the table schema. */
  CONFORM;

  /** The lower-case name stored in the quarantine table. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
