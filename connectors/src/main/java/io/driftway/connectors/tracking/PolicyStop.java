package io.driftway.connectors.tracking;

import io.driftway.schemaevolution.merge.NewFieldRefusedException;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.record.DynamicRecord;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * The failure that stops the job for good when a policy ({@code new-fields: fail}) refuses a new
 * field: restarting would meet the same record again, so Flink's restart strategy is told not to
 * try. The record and those after it are not committed (neither rows nor source offsets), so a run
 * with a changed policy starts again from them and loses nothing.
 */
final class PolicyStop {

  private PolicyStop() {}

  static SuppressRestartsException of(
      TableState table, NewFieldRefusedException refused, DynamicRecord record) {
    return new SuppressRestartsException(
        new SchemaEvolutionException(
            "Cannot evolve table "
                + table.settings.database()
                + "."
                + table.settings.name()
                + ": new field "
                + refused.path()
                + " ("
                + refused.type()
                + ") is refused by policy "
                + refused.policy()
                + "; change the policy to evolve, rescue or ignore and run again to resume from"
                + " this record: "
                + record.coordinates().describe()));
  }
}
