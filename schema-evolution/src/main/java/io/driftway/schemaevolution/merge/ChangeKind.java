package io.driftway.schemaevolution.merge;

/** The kinds of schema change and of drift decision. */
public enum ChangeKind {
  /** A new optional column (top level or nested). */
  ADD_COLUMN(true),
  /** A legal Iceberg widening: int to long, float to double, decimal precision up. */
  WIDEN(true),
  /** A required column (or list element, map value) became optional. */
  MAKE_OPTIONAL(true),
  /** A struct that kept growing keys became {@code map<string, T>} (the explosion guard). */
  DEMOTE_TO_MAP(true),
  /**
   * A choice was resolved by the conflict action: {@code from} is the choice, {@code to} the type
   * the column has. The schema does not change (a new column's type is in its ADD_COLUMN).
   */
  RESOLVE_CHOICE(false),
  /** A new field is not added (policy {@code rescue}); its values go to rescued data. */
  RESCUE_FIELD(false);

  private final boolean changesSchema;

  ChangeKind(boolean changesSchema) {
    this.changesSchema = changesSchema;
  }

  /** True when a change of this kind moves the table schema; false for decisions only. */
  public boolean changesSchema() {
    return changesSchema;
  }
}
