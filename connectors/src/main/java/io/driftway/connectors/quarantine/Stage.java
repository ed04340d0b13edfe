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
  CONFORM,
  /**
   * The record brings a field its table holds for approval ({@code new-fields: hold}); it waits
   * here until {@code driftway schema approve} replays it (or {@code reject} decides otherwise).
   */
  HELD;

  /** The lower-case name stored in the quarantine table. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every label, in declaration order: {@code decode, route, track, conform, held}. */
  public static java.util.List<String> labels() {
    return java.util.Arrays.stream(values()).map(Stage::label).toList();
  }
}
