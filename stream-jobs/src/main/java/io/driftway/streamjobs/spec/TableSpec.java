package io.driftway.streamjobs.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target table: where it lives, how it is partitioned, and the schema rules for it.
 *
 * @param partitionBy partition transforms such as {@code day(event_time)}, {@code bucket(16,
 *     user_id)}
 * @param hints user-declared types by field path, applied before inference
 * @param policies schema policies, by name: {@code new-fields}, {@code type-conflicts}, and
 *     per-path {@code overrides}
 * @param properties Iceberg table properties, passed through
 */
public record TableSpec(
    String name,
    String database,
    List<String> partitionBy,
    Map<String, String> hints,
    Policies policies,
    Map<String, String> properties) {

  public TableSpec {
    partitionBy = List.copyOf(partitionBy);
    hints = Map.copyOf(hints);
    properties = Map.copyOf(properties);
  }

  /** The schema policies of a table, as written in the file. */
  public record Policies(
      String newFields,
      String typeConflicts,
      Map<String, String> overrides,
      Optional<Long> maxRecordBytes,
      Optional<Integer> maxDepth,
      Optional<Integer> maxFieldsPerStruct,
      Optional<Integer> mapAfterKeys) {

    public static final Policies DEFAULTS =
        new Policies(
            "evolve",
            "widen",
            Map.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public Policies {
      overrides = Map.copyOf(overrides);
    }
  }
}
