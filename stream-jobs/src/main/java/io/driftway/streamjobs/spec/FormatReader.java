package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.AVRO_SCHEMA;
import static io.driftway.streamjobs.spec.PipelineKeys.CSV_DELIMITER;
import static io.driftway.streamjobs.spec.PipelineKeys.CSV_HEADER;
import static io.driftway.streamjobs.spec.PipelineKeys.CSV_NULL_TOKENS;
import static io.driftway.streamjobs.spec.PipelineKeys.CSV_QUOTE;
import static io.driftway.streamjobs.spec.PipelineKeys.FORMAT_TYPE;
import static io.driftway.streamjobs.spec.PipelineKeys.REGISTRY_PASSWORD;
import static io.driftway.streamjobs.spec.PipelineKeys.REGISTRY_SUBJECT_STRATEGY;
import static io.driftway.streamjobs.spec.PipelineKeys.REGISTRY_URL;
import static io.driftway.streamjobs.spec.PipelineKeys.REGISTRY_USERNAME;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Reads the {@code format} section into the connectors' {@link FormatSettings}. */
final class FormatReader {

  private FormatReader() {}

  static FormatSettings read(YamlNode node) {
    YamlObject format = node.section();
    FormatSettings.Kind kind =
        format
            .required(FORMAT_TYPE)
            .enumValue(
                List.of(FormatSettings.Kind.values()).stream()
                    .filter(FormatSettings.Kind::inPipelineFiles)
                    .toList(),
                FormatSettings.Kind::configName);
    Optional<YamlObject> csv = format.optional("csv").map(YamlNode::section);
    Optional<YamlObject> registry = format.optional("registry").map(YamlNode::section);
    Optional<String> schema = format.optional(AVRO_SCHEMA).map(YamlNode::nonEmpty);
    if (kind == FormatSettings.Kind.AVRO_CONFLUENT && registry.isEmpty()) {
      throw node.error("format avro-confluent needs 'registry' with a 'url'");
    }
    if (kind == FormatSettings.Kind.AVRO && schema.isEmpty()) {
      throw node.error("format avro needs 'avro-schema' (the writer schema as JSON)");
    }
    if (csv.isPresent() && kind != FormatSettings.Kind.CSV) {
      throw format.required("csv").error("'csv' options apply only to format type csv");
    }
    Optional<List<String>> header =
        csv.flatMap(c -> c.optional(CSV_HEADER)).map(YamlNode::stringList);
    if (kind == FormatSettings.Kind.CSV && header.isEmpty()) {
      throw node.error("format csv needs 'csv' with a 'header': a message is one line");
    }
    try {
      return settings(kind, csv, registry, schema, header);
    } catch (IllegalArgumentException e) {
      throw (schema.isPresent() ? format.required(AVRO_SCHEMA) : node).error(e.getMessage());
    }
  }

  private static FormatSettings settings(
      FormatSettings.Kind kind,
      Optional<YamlObject> csv,
      Optional<YamlObject> registry,
      Optional<String> schema,
      Optional<List<String>> header) {
    return new FormatSettings(
        kind,
        csv.flatMap(c -> c.optional(CSV_DELIMITER))
            .map(YamlNode::singleChar)
            .orElse(CSV_DELIMITER.defaultValue().orElseThrow().charAt(0)),
        csv.flatMap(c -> c.optional(CSV_QUOTE))
            .map(YamlNode::singleChar)
            .orElse(CSV_QUOTE.defaultValue().orElseThrow().charAt(0)),
        new HashSet<>(
            csv.flatMap(c -> c.optional(CSV_NULL_TOKENS))
                .map(YamlNode::stringList)
                .orElse(CSV_NULL_TOKENS.defaultValue().orElseThrow())),
        header.orElse(List.of()),
        registry.map(r -> r.required(REGISTRY_URL).uri()).orElse(null),
        registry.flatMap(r -> r.optional(REGISTRY_USERNAME)).map(YamlNode::nonEmpty).orElse(null),
        registry.flatMap(r -> r.optional(REGISTRY_PASSWORD)).map(YamlNode::scalar).orElse(null),
        schema.orElse(null),
        registry
            .flatMap(r -> r.optional(REGISTRY_SUBJECT_STRATEGY))
            .map(
                n ->
                    n.enumValue(
                        FormatSettings.SubjectStrategy.class,
                        FormatSettings.SubjectStrategy::configName))
            .orElse(REGISTRY_SUBJECT_STRATEGY.defaultValue().orElseThrow()));
  }
}
