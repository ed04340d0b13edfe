package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.FRESHNESS_SLO;
import static io.driftway.streamjobs.spec.PipelineKeys.MAP_AFTER_KEYS;
import static io.driftway.streamjobs.spec.PipelineKeys.MAX_DEPTH;
import static io.driftway.streamjobs.spec.PipelineKeys.MAX_FIELDS_PER_STRUCT;
import static io.driftway.streamjobs.spec.PipelineKeys.MAX_RECORD_BYTES;
import static io.driftway.streamjobs.spec.PipelineKeys.NEW_FIELDS;
import static io.driftway.streamjobs.spec.PipelineKeys.POLICY_OVERRIDES;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_DATABASE;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_HINTS;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_INFER_TIMESTAMPS;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_NAME;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_PARTITION_BY;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_PROPERTIES;
import static io.driftway.streamjobs.spec.PipelineKeys.TYPE_CONFLICTS;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.types.TypeParser;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.time.Duration;
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

  static TableSettings read(YamlNode node, String defaultDatabase, FormatSettings.Kind format) {
    YamlObject table = node.section();
    List<String> partitions = new ArrayList<>();
    List<YamlNode> partitionNodes = new ArrayList<>();
    table
        .optional(TABLE_PARTITION_BY)
        .ifPresent(
            n -> {
              for (YamlNode item : n.list()) {
                partitions.add(partition(item));
                partitionNodes.add(item);
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
            table.optional(TABLE_PROPERTIES).map(YamlNode::stringMap).orElse(Map.of()),
            table.optional(FRESHNESS_SLO).map(TablesReader::freshnessSlo).orElse(null),
            table
                .optional(TABLE_INFER_TIMESTAMPS)
                .map(YamlNode::bool)
                .orElse(TABLE_INFER_TIMESTAMPS.defaultValue().orElseThrow()));
    try {
      // The schema layer parses types and policies: a job never starts with one it cannot read.
      settings.policy();
    } catch (RuntimeException e) {
      throw node.error("table " + database + "." + name + ": " + e.getMessage());
    }
    for (int i = 0; i < partitions.size(); i++) {
      checkTimeTransform(
          partitionNodes.get(i), database + "." + name, partitions.get(i), hints, format);
    }
    return settings;
  }

  /**
   * Notes where the table's partition transforms, hints and overrides stand in the file, for the
   * checks against a known schema ({@link SchemaChecks}).
   */
  static void places(YamlNode node, Map<String, String> places) {
    YamlObject table = node.section();
    places.put(node.path(), node.where());
    table
        .optional(TABLE_PARTITION_BY)
        .ifPresent(
            n -> {
              // Keyed by index even when a single transform stands without brackets.
              List<YamlNode> items = n.list();
              for (int j = 0; j < items.size(); j++) {
                places.put(n.path() + "[" + j + "]", items.get(j).where());
              }
            });
    table.optional(TABLE_HINTS).ifPresent(n -> places.put(n.path(), n.where()));
    table
        .optional("policies")
        .flatMap(p -> p.section().optional(POLICY_OVERRIDES))
        .ifPresent(n -> places.put(n.path(), n.where()));
  }

  /**
   * A year/month/day/hour transform needs a date or timestamp column. JSON and CSV carry no such
   * type, so without a hint the column is a string and Iceberg would refuse the spec at run time.
   */
  private static void checkTimeTransform(
      YamlNode node,
      String table,
      String text,
      Map<String, String> hints,
      FormatSettings.Kind format) {
    Matcher m = PARTITION.matcher(text);
    if (!m.matches() || m.group(1) == null || m.group(1).equals("identity")) {
      return;
    }
    String transform = m.group(1);
    String column = m.group(2);
    String key = FieldPath.parse(column).key();
    DataType hinted = null;
    for (Map.Entry<String, String> hint : hints.entrySet()) {
      if (FieldPath.parse(hint.getKey()).key().equals(key)) {
        hinted = TypeParser.parse(hint.getValue());
      }
    }
    boolean hour = transform.equals("hour");
    String wanted = hour ? "a timestamp" : "a date or timestamp";
    if (hinted == null) {
      if (format == FormatSettings.Kind.JSON || format == FormatSettings.Kind.CSV) {
        throw node.error(
            "table "
                + table
                + ": partition transform '"
                + text
                + "' needs "
                + wanted
                + " column, but "
                + format.configName()
                + " gives "
                + column
                + " no such type without a schema hint: add a hint, e.g. hints: {"
                + column
                + ": timestamptz}");
      }
      return;
    }
    TypeKind kind = hinted.kind();
    boolean fits =
        kind == TypeKind.TIMESTAMP
            || kind == TypeKind.TIMESTAMPTZ
            || (!hour && kind == TypeKind.DATE);
    if (!fits) {
      throw node.error(
          "table "
              + table
              + ": partition transform '"
              + text
              + "' needs "
              + wanted
              + " column, but the hint makes "
              + column
              + " "
              + hinted
              + ": hint it as timestamptz, timestamp"
              + (hour ? "" : " or date")
              + " or partition by identity("
              + column
              + ")");
    }
  }

  private static Duration freshnessSlo(YamlNode node) {
    Duration slo = node.duration();
    if (slo.isZero() || slo.isNegative()) {
      throw node.error(
          "expected a positive duration such as 30s or 2m, found '" + node.nonEmpty() + "'");
    }
    return slo;
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
