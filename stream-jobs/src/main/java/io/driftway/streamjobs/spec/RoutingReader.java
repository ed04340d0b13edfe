package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.ROUTING_BY_FIELD;
import static io.driftway.streamjobs.spec.PipelineKeys.ROUTING_BY_SOURCE;
import static io.driftway.streamjobs.spec.PipelineKeys.ROUTING_TABLE;
import static io.driftway.streamjobs.spec.PipelineKeys.ROUTING_TABLES;

import io.driftway.connectors.tracking.RoutingSettings;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the {@code routing} section into the connectors' {@link RoutingSettings}. */
final class RoutingReader {

  private RoutingReader() {}

  static RoutingSettings read(YamlNode node) {
    YamlObject routing = node.section();
    String mode =
        routing.exactlyOneOf(
            RoutingSettings.Mode.SINGLE.key(),
            RoutingSettings.Mode.BY_SOURCE.key(),
            RoutingSettings.Mode.BY_FIELD.key());
    Map<String, String> mapping = new LinkedHashMap<>();
    routing.optional(ROUTING_TABLES).ifPresent(n -> mapping.putAll(n.stringMap()));
    for (String table : mapping.values()) {
      routing.required(ROUTING_TABLES).checkTableName(table);
    }
    if (mode.equals(RoutingSettings.Mode.SINGLE.key())) {
      if (!mapping.isEmpty()) {
        throw routing
            .required(ROUTING_TABLES)
            .error("'tables' applies only to by-source and by-field routing");
      }
      return RoutingSettings.single(routing.required(ROUTING_TABLE).tableName());
    }
    if (mode.equals(RoutingSettings.Mode.BY_SOURCE.key())) {
      if (!routing.required(ROUTING_BY_SOURCE).bool()) {
        throw routing
            .required(ROUTING_BY_SOURCE)
            .error("by-source routing is switched on with 'by-source: true'");
      }
      return new RoutingSettings(RoutingSettings.Mode.BY_SOURCE, null, null, mapping);
    }
    return new RoutingSettings(
        RoutingSettings.Mode.BY_FIELD,
        null,
        routing.required(ROUTING_BY_FIELD).nonEmpty(),
        mapping);
  }
}
