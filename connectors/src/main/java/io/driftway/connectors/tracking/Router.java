package io.driftway.connectors.tracking;

import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Picks each record's target table from the pipeline's {@link RoutingSettings}: one table, a table
 * per topic or stream (known before decoding), or a table named by a field's value (known after). A
 * record that cannot be routed goes to the pipeline's fallback quarantine table.
 *
 * <p>Built by {@link TrackAndConform} when a subtask opens; stateless, so one subtask thread uses
 * it without locking.
 *
 * <pre>{@code
 * Router router = new Router(settings);
 * String table = router.beforeDecoding(raw.coordinates()); // null: route by field after decoding
 * }</pre>
 */
final class Router {

  private final TrackingSettings settings;
  private final RoutingSettings routing;

  Router(TrackingSettings settings) {
    this.settings = settings;
    this.routing = settings.routing();
  }

  /** The table of a record from where it came, or null when a field's value decides. */
  String beforeDecoding(SourceCoordinates at) {
    return switch (routing.mode()) {
      case SINGLE -> routing.table();
      case BY_SOURCE -> {
        String source = sourceName(at);
        yield routing.tables().getOrDefault(source, TableNames.sanitize(source));
      }
      case BY_FIELD -> null;
    };
  }

  /** The table named by the routing field of {@code record}, or null when it names none. */
  String byField(DynamicRecord record) {
    Object value = record.values().get(routing.field());
    if (value == null) {
      return null;
    }
    String text = value.toString();
    String mapped = routing.tables().get(text);
    String name = mapped != null ? mapped : TableNames.sanitize(text);
    return TableNames.isValid(name) ? name : null;
  }

  /** Why {@link #byField} found no table for {@code record}, for its quarantine row. */
  String failure(DynamicRecord record) {
    String field = routing.field();
    Object value = record.values().get(field);
    return value == null
        ? "Cannot route record: the routing field is missing or null: " + field
        : "Cannot route record: the routing field's value is not a table name: "
            + field
            + "="
            + value;
  }

  /**
   * Where records go that reach no table (undecodable before routing, or unroutable): the single
   * table's quarantine, else one named after the pipeline.
   */
  TableIdentifier fallbackQuarantine() {
    String name =
        routing.mode() == RoutingSettings.Mode.SINGLE
            ? routing.table()
            : TableNames.sanitize(settings.pipeline());
    return QuarantineTable.idFor(TableIdentifier.of(settings.table(name).database(), name));
  }

  private static String sourceName(SourceCoordinates at) {
    if (at instanceof SourceCoordinates.Kafka kafka) {
      return kafka.topic();
    }
    if (at instanceof SourceCoordinates.Kinesis kinesis) {
      return kinesis.stream();
    }
    if (at instanceof SourceCoordinates.File file) {
      return file.path();
    }
    return "unknown";
  }
}
