package io.driftway.connectors.tracking;

import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.TypeParser;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target table's settings as written in the pipeline file: serializable text that each subtask
 * turns into a {@link TablePolicy} when it opens, so a mistake is found before the job starts by
 * {@link #policy()} in the client too. Limits are null where the schema layer's defaults apply
 * (plain nullable values: {@code Optional} is not serializable), and so is {@code freshnessSlo}
 * when the table has none (no freshness alerts).
 */
public record TableSettings(
    String database,
    String name,
    List<String> partitionBy,
    Map<String, String> hints,
    String newFields,
    String typeConflicts,
    Map<String, String> overrides,
    Long maxRecordBytes,
    Integer maxDepth,
    Integer maxFieldsPerStruct,
    Integer mapAfterKeys,
    Map<String, String> properties,
    Duration freshnessSlo,
    boolean inferTimestamps)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public TableSettings {
    partitionBy = List.copyOf(partitionBy);
    hints = Map.copyOf(new LinkedHashMap<>(hints));
    overrides = Map.copyOf(overrides);
    properties = Map.copyOf(properties);
  }

  /** The new-field policy of a table that names none. */
  public static final String DEFAULT_NEW_FIELDS = NewFieldAction.EVOLVE.configName();

  /** The type-conflict policy of a table that names none. */
  public static final String DEFAULT_TYPE_CONFLICTS = "widen";

  /** A table with the default policies: evolve new fields, widen where Iceberg allows. */
  public static TableSettings defaults(String database, String name) {
    return new TableSettings(
        database,
        name,
        List.of(),
        Map.of(),
        DEFAULT_NEW_FIELDS,
        DEFAULT_TYPE_CONFLICTS,
        Map.of(),
        null,
        null,
        null,
        null,
        Map.of(),
        null,
        false);
  }

  /** The policy these settings describe. */
  public TablePolicy policy() {
    TablePolicy.Builder builder =
        TablePolicy.builder()
            .newFields(NewFieldAction.parse(newFields))
            .onConflict(ConflictAction.parse(typeConflicts));
    overrides.forEach(
        (path, action) -> {
          if (NewFieldAction.isConfigName(action)) {
            builder.newFields(path, NewFieldAction.parse(action));
          } else {
            builder.onConflict(path, ConflictAction.parse(action));
          }
        });
    Map<String, io.driftway.schemaevolution.types.DataType> hinted = new LinkedHashMap<>();
    hints.forEach((path, type) -> hinted.put(path, TypeParser.parse(type)));
    builder.hints(SchemaHints.of(hinted));
    Limits limits = Limits.defaults();
    if (maxRecordBytes != null) {
      limits = limits.withMaxRecordBytes(maxRecordBytes);
    }
    if (maxDepth != null) {
      limits = limits.withMaxNestingDepth(maxDepth);
    }
    if (maxFieldsPerStruct != null) {
      limits = limits.withMaxFieldsPerStruct(maxFieldsPerStruct);
    }
    if (mapAfterKeys != null) {
      limits = limits.withMapThreshold(mapAfterKeys);
    }
    return builder.limits(limits).build();
  }

  /** These settings for a table of the same name in {@code otherDatabase}. */
  public TableSettings inDatabase(String otherDatabase) {
    return new TableSettings(
        otherDatabase,
        name,
        partitionBy,
        hints,
        newFields,
        typeConflicts,
        overrides,
        maxRecordBytes,
        maxDepth,
        maxFieldsPerStruct,
        mapAfterKeys,
        properties,
        freshnessSlo,
        inferTimestamps);
  }
}
