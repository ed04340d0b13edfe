package io.driftway.streamjobs.graph;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.RoutingSettings;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.connectors.tracking.TrackingSettings;
import io.driftway.streamjobs.spec.FormatSpec;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.TableSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tracking operator's settings from a pipeline spec. */
final class TrackingSettingsFactory {

  private TrackingSettingsFactory() {}

  static TrackingSettings settings(PipelineSpec spec) {
    Map<String, TableSettings> tables = new LinkedHashMap<>();
    for (TableSpec table : spec.tables()) {
      tables.put(table.name(), table(table));
    }
    String defaultDatabase = spec.tables().isEmpty() ? "driftway" : spec.tables().get(0).database();
    return new TrackingSettings(
        spec.name(), format(spec.format()), routing(spec), tables, defaultDatabase);
  }

  static TableSettings table(TableSpec table) {
    TableSpec.Policies p = table.policies();
    return new TableSettings(
        table.database(),
        table.name(),
        table.partitionBy(),
        table.hints(),
        p.newFields(),
        p.typeConflicts(),
        p.overrides(),
        p.maxRecordBytes().orElse(null),
        p.maxDepth().orElse(null),
        p.maxFieldsPerStruct().orElse(null),
        p.mapAfterKeys().orElse(null),
        table.properties());
  }

  private static FormatSettings format(FormatSpec format) {
    return new FormatSettings(
        FormatSettings.Kind.valueOf(format.type().name()),
        format.csv().delimiter(),
        format.csv().quote(),
        new HashSet<>(format.csv().nullTokens()),
        format.csv().header().orElse(List.of()),
        format.registry().map(FormatSpec.Registry::url).orElse(null),
        format.registry().flatMap(FormatSpec.Registry::username).orElse(null),
        format.registry().flatMap(FormatSpec.Registry::password).orElse(null),
        format.avroSchema().orElse(null));
  }

  private static RoutingSettings routing(PipelineSpec spec) {
    var routing = spec.routing();
    return new RoutingSettings(
        RoutingSettings.Mode.valueOf(routing.mode().name()),
        routing.table().orElse(null),
        routing.field().orElse(null),
        routing.tables());
  }
}
