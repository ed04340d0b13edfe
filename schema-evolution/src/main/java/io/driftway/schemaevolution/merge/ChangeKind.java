package io.driftway.schemaevolution.merge;

/** The kinds of schema change and of drift decision. */
public enum ChangeKind {
  /** A new optional column (top level or nested). */
  ADD_COLUMN(true),
  /** A legal Iceberg widening: int to long, float to double, decimal precision up. */
  WIDEN(true),
  /** A required column (or list element, map value) became optional. */
  MAKE_OPTIONAL(true),
  /**
   * The explosion guard on a struct column already in the table: the struct keeps its columns and a
   * new {@code map<string, T>} field inside it ({@code Limits.OVERFLOW_FIELD}, the change's path)
   * takes its new keys from now on. A struct not yet in the table that is born over the threshold
   * is an {@link #ADD_COLUMN} of a map instead.
   */
  OVERFLOW_TO_MAP(true),
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
