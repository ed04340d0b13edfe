package io.driftway.schemaevolution.merge;

import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import java.util.Objects;

/**
 * One decided schema change (or drift decision): ready to become an alert and a line in a schema
 * history.
 *
 * @param kind what changed
 * @param path where, as a JSON pointer into the table schema ({@code /payload/items/[]/qty})
 * @param from the type before (null for an added column)
 * @param to the type after (for {@code RESCUE_FIELD}: the type of the rescued values)
 * @param policy the policy that decided, as configured: {@code new-fields=evolve}, {@code
 *     on-conflict=cast:long}, {@code map-threshold=500}
 * @param firstSeen the record where the drift was first seen, or null when not known
 */
public record SchemaChange(
    ChangeKind kind,
    FieldPath path,
    DataType from,
    DataType to,
    String policy,
    SourceCoordinates firstSeen) {

  /** Validates the parts. */
  public SchemaChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(policy, "policy");
  }

  /** A change not yet tied to a record. */
  public static SchemaChange of(
      ChangeKind kind, FieldPath path, DataType from, DataType to, String policy) {
    return new SchemaChange(kind, path, from, to, policy, null);
  }

  /** This change, first seen at {@code coordinates}. */
  public SchemaChange withFirstSeen(SourceCoordinates coordinates) {
    return new SchemaChange(kind, path, from, to, policy, coordinates);
  }

  /** The same decision regardless of where it was seen: for de-duplicating alerts. */
  public SchemaChange withoutFirstSeen() {
    return firstSeen == null ? this : new SchemaChange(kind, path, from, to, policy, null);
  }

  /**
   * One line for logs and alerts: {@code ADD_COLUMN /payload/note: string (new-fields=evolve)},
   * {@code WIDEN /qty: int -> long (on-conflict=widen)}, {@code MAKE_OPTIONAL /id: long not null ->
   * long (missing-fields=null)}.
   */
  @Override
  public String toString() {
    String before =
        from == null ? "" : from + (kind == ChangeKind.MAKE_OPTIONAL ? " not null" : "");
    return kind
        + " "
        + path
        + ": "
        + (before.isEmpty() ? "" : before + " -> ")
        + to
        + " ("
        + policy
        + ")"
        + (firstSeen == null ? "" : " first seen at " + firstSeen.describe());
  }
}
