package io.driftway.connectors.tracking;

import io.driftway.connectors.alerts.SchemaChangeAlert;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.merge.NewFieldHeldException;
import io.driftway.schemaevolution.merge.SchemaChange;
import io.driftway.schemaevolution.record.DynamicRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema alerts a tracker sends: a table's schema moved (or a decision left it as it is), or
 * new fields wait for approval. Ids are made from schema fingerprints, so the same move seen by
 * several subtasks, or again after a restart, is the same alert.
 */
final class SchemaAlerts {

  /** The most bytes of the raw record an alert carries as its sample. */
  private static final int SAMPLE_BYTES = 2_048;

  private final String pipeline;
  private final TrackingOutput output;

  SchemaAlerts(String pipeline, TrackingOutput output) {
    this.pipeline = pipeline;
    this.output = output;
  }

  /**
   * Sends the alert of a schema move from {@code before} to {@code after} ({@code before} itself
   * when the decision leaves the schema as it is), first seen on {@code record}.
   */
  void moved(
      TableState before,
      TableState after,
      List<SchemaChange> changes,
      RawRecord raw,
      DynamicRecord record) {
    List<SchemaChangeAlert.Change> list = new ArrayList<>(changes.size());
    for (SchemaChange change : changes) {
      list.add(
          new SchemaChangeAlert.Change(
              change.kind().name(),
              change.path().toString(),
              change.from() == null ? null : change.from().toString(),
              change.to() == null ? null : change.to().toString(),
              change.policy()));
    }
    // Decisions that leave the schema as it is (rescue, resolve) get their own id beside it.
    String afterId =
        before == after
            ? after.schemaId + "/" + SchemaFingerprint.ofText(list.toString())
            : after.schemaId;
    output.alert(
        new SchemaChangeAlert(
            pipeline,
            after.settings.database(),
            after.settings.name(),
            before.schemaId,
            afterId,
            list,
            record.coordinates().describe(),
            sample(raw),
            Instant.now(output.clock())));
  }

  /**
   * The alert that {@code held}'s fields wait for approval; its id is {@code afterId}, which names
   * the table's schema and the held fields.
   */
  SchemaChangeAlert held(
      TableState table,
      NewFieldHeldException held,
      String afterId,
      RawRecord raw,
      DynamicRecord record) {
    return new SchemaChangeAlert(
        pipeline,
        table.settings.database(),
        table.settings.name(),
        table.schemaId,
        afterId,
        heldChanges(held),
        record.coordinates().describe(),
        sample(raw),
        Instant.now(output.clock()));
  }

  /** One {@code HOLD} change per held field. */
  static List<SchemaChangeAlert.Change> heldChanges(NewFieldHeldException held) {
    List<SchemaChangeAlert.Change> changes = new ArrayList<>(held.held().size());
    for (NewFieldHeldException.Held field : held.held()) {
      changes.add(
          new SchemaChangeAlert.Change(
              "HOLD", field.path().toString(), null, field.type().toString(), held.policy()));
    }
    return changes;
  }

  private static String sample(RawRecord raw) {
    byte[] bytes = raw.value();
    if (bytes == null) {
      return null;
    }
    return new String(bytes, 0, Math.min(bytes.length, SAMPLE_BYTES), StandardCharsets.UTF_8);
  }
}
