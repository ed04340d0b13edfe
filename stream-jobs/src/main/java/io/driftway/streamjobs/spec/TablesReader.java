package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.MAP_AFTER_KEYS;
import static io.driftway.streamjobs.spec.PipelineKeys.MAX_DEPTH;
import static io.driftway.streamjobs.spec.PipelineKeys.MAX_FIELDS_PER_STRUCT;
import static io.driftway.streamjobs.spec.PipelineKeys.MAX_RECORD_BYTES;
import static io.driftway.streamjobs.spec.PipelineKeys.NEW_FIELDS;
import static io.driftway.streamjobs.spec.PipelineKeys.POLICY_OVERRIDES;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_DATABASE;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_HINTS;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_NAME;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_PARTITION_BY;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_PROPERTIES;
import static io.driftway.streamjobs.spec.PipelineKeys.TYPE_CONFLICTS;

import io.driftway.connectors.tracking.TableSettings;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one item of the {@code tables} section into the connectors' {@link TableSettings}: name,
 * database, partition transforms, hints, policies and properties. Policies are checked for their
 * shape first (to name the allowed values), then parsed by the schema layer, types included.
 */
final class TablesReader {

  private static final Pattern CONFLICT_POLICY =
      Pattern.compile("widen|make_cols|make_struct|match_catalog|quarantine|(cast|project):\\S+");
  private static final Pattern PARTITION =
      Pattern.compile(
          "(?:(identity|year|month|day|hour)\\(\\s*([\\w.]+)\\s*\\)"
              + "|(bucket|truncate)\\(\\s*(\\d+)\\s*,\\s*([\\w.]+)\\s*\\)|([\\w.]+))");

  private TablesReader() {}

  static TableSettings read(YamlNode node, String defaultDatabase) {
    YamlObject table = node.section();
    List<String> partitions = new ArrayList<>();
    table
        .optional(TABLE_PARTITION_BY)
        .ifPresent(
            n -> {
              for (YamlNode item : n.list()) {
                partitions.add(partition(item));
              }
            });
    String name = table.required(TABLE_NAME).tableName();
    String database =
        table.optional(TABLE_DATABASE).map(YamlNode::tableName).orElse(defaultDatabase);
    Map<String, String> hints =
        table.optional(TABLE_HINTS).map(YamlNode::stringMap).orElse(Map.of());
    // Without a policies section every policy and limit takes its default.
    YamlObject policies = table.optional("policies").map(YamlNode::section).orElse(null);
    String newFields =
        policies == null ? NEW_FIELDS.defaultValue().orElseThrow() : newFields(policies);
    String conflicts =
        policies == null ? TYPE_CONFLICTS.defaultValue().orElseThrow() : typeConflicts(policies);
    Map<String, String> overrides = policies == null ? Map.of() : overrides(policies);
    Integer maxRecordBytes = positive(policies, MAX_RECORD_BYTES);
    Integer maxDepth = positive(policies, MAX_DEPTH);
    Integer maxFieldsPerStruct = positive(policies, MAX_FIELDS_PER_STRUCT);
    Integer mapAfterKeys = positive(policies, MAP_AFTER_KEYS);
    TableSettings settings =
        new TableSettings(
            database,
            name,
            partitions,
            hints,
            newFields,
            conflicts,
            overrides,
            maxRecordBytes == null ? null : maxRecordBytes.longValue(),
            maxDepth,
            maxFieldsPerStruct,
            mapAfterKeys,
            table.optional(TABLE_PROPERTIES).map(YamlNode::stringMap).orElse(Map.of()));
    try {
      // The schema layer parses types and policies: a job never starts with one it cannot read.
      settings.policy();
    } catch (RuntimeException e) {
      throw node.error("table " + database + "." + name + ": " + e.getMessage());
    }
    return settings;
  }

  private static String newFields(YamlObject policies) {
    String value =
        policies
            .optional(NEW_FIELDS)
            .map(YamlNode::nonEmpty)
            .orElse(NEW_FIELDS.defaultValue().orElseThrow());
    if (!NewFieldAction.isConfigName(value)) {
      throw policies
          .required(NEW_FIELDS)
          .error(
              "unknown value '"
                  + value
                  + "' (allowed: "
                  + String.join(", ", NEW_FIELDS.allowed())
                  + ")");
    }
    return value;
  }

  private static String typeConflicts(YamlObject policies) {
    String value =
        policies
            .optional(TYPE_CONFLICTS)
            .map(YamlNode::nonEmpty)
            .orElse(TYPE_CONFLICTS.defaultValue().orElseThrow());
    checkConflictPolicy(policies.optional(TYPE_CONFLICTS).orElse(policies.node()), value);
    return value;
  }

  private static Map<String, String> overrides(YamlObject policies) {
    Map<String, String> overrides =
        policies.optional(POLICY_OVERRIDES).map(YamlNode::stringMap).orElse(Map.of());
    for (String value : overrides.values()) {
      if (!NewFieldAction.isConfigName(value)) {
        checkConflictPolicy(policies.required(POLICY_OVERRIDES), value);
      }
    }
    return overrides;
  }

  private static Integer positive(YamlObject policies, PipelineKey<Integer> key) {
    return policies == null ? null : policies.optional(key).map(YamlNode::positiveInt).orElse(null);
  }

  private static void checkConflictPolicy(YamlNode node, String value) {
    if (!CONFLICT_POLICY.matcher(value).matches()) {
      throw node.error(
          "unknown policy '"
              + value
              + "' (allowed: "
              + String.join(", ", TYPE_CONFLICTS.allowed())
              + "; for new fields: "
              + String.join(", ", NEW_FIELDS.allowed())
              + ")");
    }
  }

  private static String partition(YamlNode node) {
    String text = node.nonEmpty();
    Matcher matcher = PARTITION.matcher(text);
    if (!matcher.matches() && text.contains("(") && !text.contains(")")) {
      throw node.error(
          "partition transform '"
              + text
              + "' is cut at a comma: inside [...] write it in quotes, e.g. \"bucket(16, user_id)\"");
    }
    if (!matcher.matches()) {
      throw node.error(
          "unknown partition transform '"
              + text
              + "' (allowed: identity(col), year(col), month(col), day(col), hour(col), bucket(n, col), truncate(w, col), or a bare column name)");
    }
    if (matcher.group(4) != null && Integer.parseInt(matcher.group(4)) <= 0) {
      throw node.error(
          "the width of " + matcher.group(3) + " must be positive, found '" + text + "'");
    }
    return text.replaceAll("\\s+", "");
  }
}
