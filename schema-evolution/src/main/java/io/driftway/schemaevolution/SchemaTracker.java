package io.driftway.schemaevolution;

import io.driftway.schemaevolution.conform.Conformed;
import io.driftway.schemaevolution.conform.Conformer;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.SchemaChange;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One table's schema layer for one stream of records: tracks the table schema, evolves it when a
 * record drifts, conforms each record to it, and reports each decision once.
 *
 * <p>Not thread-safe: one tracker per table per subtask, called from the task thread. Parallel
 * subtasks reach the same table schema because the evolver is a join; the sink joins their
 * proposals at commit.
 *
 * <pre>{@code
 * SchemaTracker tracker = SchemaTracker.create(policy, currentTableSchema);
 * Tracked tracked = tracker.track(record);
 * tracked.changes().forEach(alerts::send);          // each decision once
 * if (tracked.conformed().isQuarantined()) {
 *   quarantine(record, tracked.conformed().quarantine());
 * } else {
 *   emit(tracked.conformed().row(), tracker.tableSchema());
 * }
 * }</pre>
 */
public final class SchemaTracker {

  private final TablePolicy policy;
  private final SchemaEvolver evolver;
  private final Conformer conformer;
  private final Set<SchemaChange> reported = new HashSet<>();
  private StructType table;
  private List<SchemaChange> pending;

  private SchemaTracker(TablePolicy policy, StructType table) {
    this.policy = policy;
    this.evolver = SchemaEvolver.of(policy);
    this.conformer = Conformer.of(policy);
    Evolution initial = evolver.evolve(table, StructType.empty());
    this.table = initial.after();
    // Adding the rescued-data column is a change the sink applies with the first record.
    this.pending = initial.changes();
  }

  /**
   * A tracker for a table whose current schema is {@code table} ({@link StructType#empty()} for a
   * table that does not exist yet). The rescued-data column is added when missing.
   */
  public static SchemaTracker create(TablePolicy policy, StructType table) {
    return new SchemaTracker(
        Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(table, "table"));
  }

  /** The table schema as evolved so far. */
  public StructType tableSchema() {
    return table;
  }

  /** The policy. */
  public TablePolicy policy() {
    return policy;
  }

  /**
   * Evolves the table schema for the record when it drifts, then conforms the record.
   *
   * @throws io.driftway.schemaevolution.merge.SchemaEvolutionException when the policy refuses the
   *     drift ({@code new-fields=fail}) — the pipeline stops
   */
  public Tracked track(DynamicRecord record) {
    Evolution evolution = evolver.evolve(table, record);
    List<SchemaChange> fresh = pending;
    pending = List.of();
    if (!evolution.isEmpty()) {
      table = evolution.after();
      fresh = new ArrayList<>(fresh);
      for (SchemaChange change : evolution.changes()) {
        if (change.kind().changesSchema() || reported.add(change.withoutFirstSeen())) {
          fresh.add(change);
        }
      }
    }
    Conformed conformed = conformer.conform(record, table);
    return new Tracked(conformed, fresh, table);
  }

  /**
   * What tracking one record gave.
   *
   * @param conformed the row or the quarantine reason
   * @param changes the schema changes and decisions this record caused, each reported once
   * @param tableSchema the table schema the row is in
   */
  public record Tracked(Conformed conformed, List<SchemaChange> changes, StructType tableSchema) {
    /** Copies the changes. */
    public Tracked {
      changes = List.copyOf(changes);
    }
  }
}
