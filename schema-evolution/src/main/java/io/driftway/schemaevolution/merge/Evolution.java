package io.driftway.schemaevolution.merge;

import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of evolving a table schema with record schemas: the schema before and after, and
 * every decided change in a deterministic order.
 *
 * @param before the table schema given
 * @param after the evolved table schema (equal to {@code before} when nothing moved)
 * @param changes the schema changes and drift decisions
 */
public record Evolution(StructType before, StructType after, List<SchemaChange> changes) {

  /** Validates and copies the parts. */
  public Evolution {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    changes = List.copyOf(changes);
  }

  /** True when the table schema moved. */
  public boolean schemaChanged() {
    return !before.equals(after);
  }

  /** True when there is nothing to apply and nothing to report. */
  public boolean isEmpty() {
    return changes.isEmpty() && !schemaChanged();
  }

  /** This evolution with every change marked as first seen at {@code coordinates}. */
  public Evolution withFirstSeen(SourceCoordinates coordinates) {
    if (changes.isEmpty()) {
      return this;
    }
    List<SchemaChange> seen = new ArrayList<>(changes.size());
    for (SchemaChange change : changes) {
      seen.add(change.firstSeen() == null ? change.withFirstSeen(coordinates) : change);
    }
    return new Evolution(before, after, seen);
  }
}
