package io.driftway.schemaevolution.merge;

import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.types.StructType;
import java.util.Collection;

/**
 * Moves a table schema forward to hold record schemas, as its {@link TablePolicy} decides: add
 * columns, widen, make optional, resolve choices, guard against exploding structs (a new one
 * becomes a map, one the table has gets an overflow map inside it), rescue or refuse. The schema
 * never moves backward: no column is dropped, renamed or narrowed, and a column keeps the spelling
 * it was created with.
 *
 * <p>Determinism: the result depends on the table schema and on the {@linkplain SchemaJoin join} of
 * the record schemas, never on their order — which is why {@link #evolve(StructType, Collection)}
 * joins the schemas of a batch (all subtasks' proposals for one commit) first. New columns of one
 * evolution are appended in case-insensitive name order. Across commits, a column keeps the type it
 * was created with when a later type is not a legal widening of it (unless a {@code cast}, {@code
 * project}, {@code make_cols} or {@code make_struct} action fixes the type for that path), so such
 * conflicts resolve in favour of the type that reached the table first.
 *
 * <p>The rescued-data column ({@link TablePolicy#rescuedColumn()}) is added to any table that lacks
 * it, as an optional string.
 *
 * <pre>{@code
 * SchemaEvolver evolver = SchemaEvolver.of(policy);
 * Evolution evolution = evolver.evolve(table, record);
 * if (evolution.schemaChanged()) {
 *   commitSchema(evolution.after());
 * }
 * evolution.changes().forEach(alerts::send);
 * }</pre>
 */
public interface SchemaEvolver {

  /** The evolver for a table policy. */
  static SchemaEvolver of(TablePolicy policy) {
    return new PolicyEvolver(policy);
  }

  /**
   * Evolves {@code table} to hold {@code record}.
   *
   * @throws SchemaEvolutionException when the policy refuses the drift
   */
  Evolution evolve(StructType table, StructType record);

  /**
   * Evolves {@code table} to hold every schema of a batch, joined first, so the result does not
   * depend on their order.
   *
   * @throws SchemaEvolutionException when the policy refuses the drift
   */
  Evolution evolve(StructType table, Collection<StructType> records);

  /** Evolves {@code table} for one record; changes carry the record's coordinates. */
  default Evolution evolve(StructType table, DynamicRecord record) {
    return evolve(table, record.schema()).withFirstSeen(record.coordinates());
  }

  /** The policy this evolver follows. */
  TablePolicy policy();
}
