package io.driftway.connectors.tracking;

import io.driftway.connectors.quarantine.HeldReason;
import io.driftway.connectors.quarantine.Stage;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.merge.NewFieldHeldException;
import io.driftway.schemaevolution.record.DynamicRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records that wait under {@code new-fields: hold}: each becomes a {@code held} quarantine row that
 * names the fields it waits for, with one alert per table and set of held fields (per subtask; the
 * alert id deduplicates across subtasks). A held record may look at the catalog for an approved
 * column at most once a second per table, so a producer that sends the held field in every record
 * does not cost a catalog call per record.
 */
final class HeldRecords {

  /** How often a table with held records looks at the catalog for approved columns. */
  private static final long REFRESH_MILLIS = 1_000;

  private final TrackingOutput output;
  private final SchemaAlerts alerts;
  private final Map<String, Long> refreshedAt = new HashMap<>();
  private final Set<String> alerted = new HashSet<>();

  HeldRecords(TrackingOutput output, SchemaAlerts alerts) {
    this.output = output;
    this.alerts = alerts;
  }

  /** Whether a held record of {@code table} may look at the catalog again now. */
  boolean mayRefresh(TableState table) {
    long now = output.clock().millis();
    Long last = refreshedAt.get(table.settings.name());
    if (last != null && now - last < REFRESH_MILLIS) {
      return false;
    }
    refreshedAt.put(table.settings.name(), now);
    return true;
  }

  /** Holds a record that was held a moment ago too (no new catalog look). */
  void holdAgain(RawRecord raw, DynamicRecord record, TableState table) {
    NewFieldHeldException held;
    try {
      table.evolve(record);
      throw new IllegalStateException(
          "Cannot hold record: it fits the table on a second look: " + record.coordinates());
    } catch (NewFieldHeldException e) {
      held = e;
    }
    hold(raw, record, table, held);
  }

  /** Keeps the record as a {@code held} quarantine row and alerts once per set of held fields. */
  void hold(RawRecord raw, DynamicRecord record, TableState table, NewFieldHeldException held) {
    String name = table.settings.database() + "." + table.settings.name();
    output.quarantine(
        raw,
        table.quarantineId,
        Stage.HELD,
        HeldReason.of(name, held.held()),
        held.getClass().getName());
    String afterId =
        table.schemaId
            + "/held-"
            + SchemaFingerprint.ofText(SchemaAlerts.heldChanges(held).toString());
    if (alerted.add(name + "@" + afterId)) {
      output.alert(alerts.held(table, held, afterId, raw, record));
    }
  }
}
