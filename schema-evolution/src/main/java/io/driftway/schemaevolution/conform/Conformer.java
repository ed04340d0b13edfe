package io.driftway.schemaevolution.conform;

import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.types.StructType;

/**
 * Writes a dynamic record as a row of a table schema — the general path. Every leaf value ends in
 * its column, in the rescued-data column (as JSON keyed by its pointer in the record), or the
 * record is quarantined with a reason: nothing is dropped.
 *
 * <p>A value goes to rescued data when the table has no column for it (new fields under {@code
 * rescue} or {@code ignore}), when it is a second value for one column (duplicate keys, or keys
 * that differ only in case), and when it does not fit its column and the conflict action does not
 * make it fit ({@code cast} and {@code match_catalog} cast exactly, {@code project} and {@code
 * widen} do not cast). Under {@code quarantine}, such a value quarantines the record instead.
 *
 * <p>Call it with the table schema after {@link io.driftway.schemaevolution.merge.SchemaEvolver
 * evolving} it for the record; the schema must hold the rescued-data column.
 *
 * <pre>{@code
 * Conformer conformer = Conformer.of(policy);
 * Conformed result = conformer.conform(record, evolution.after());
 * if (result.isQuarantined()) {
 *   quarantine(record, result.quarantine());
 * } else {
 *   emit(result.row());
 * }
 * }</pre>
 */
public interface Conformer {

  /** The conformer of a table policy. */
  static Conformer of(TablePolicy policy) {
    return new PolicyConformer(policy);
  }

  /** Conforms one record to {@code table}. Thread-safe. */
  Conformed conform(DynamicRecord record, StructType table);
}
