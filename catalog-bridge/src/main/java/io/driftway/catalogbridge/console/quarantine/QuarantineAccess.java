package io.driftway.catalogbridge.console.quarantine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the console reads from and does with a table's quarantine. The bridge cannot read Parquet or
 * run a replay itself: {@code stream-jobs} implements this for the pipeline files it knows ({@code
 * driftway catalog serve --console-pipeline}, {@code driftway demo}) and plugs it in when it starts
 * the bridge, as it does the {@link io.driftway.catalogbridge.jobs.JobRunLauncher}.
 *
 * <pre>{@code
 * CatalogBridge bridge = CatalogBridge.builder(config)
 *     .jobLauncher(BackfillLauncher.embedded())
 *     .quarantine(PipelineQuarantine.of(List.of(Path.of("events.yaml"))))
 *     .start();
 * }</pre>
 *
 * <p>Called from server threads; implementations are thread-safe.
 */
public interface QuarantineAccess {

  /**
   * One quarantine row.
   *
   * @param id the row's stable id
   * @param quarantinedAt when the pipeline quarantined it
   * @param stage {@code decode}, {@code route}, {@code track}, {@code conform} or {@code held}
   * @param reason why, as the pipeline wrote it (untrusted text)
   * @param source the record's source coordinates, e.g. {@code kafka:events/0@41}
   * @param state {@code pending}, {@code replayed}, {@code failed-again}, {@code superseded} or
   *     {@code rejected}
   * @param raw the record's bytes as the source delivered them (untrusted)
   */
  // Equality by content is not needed here; the bytes are only shown.
  @SuppressWarnings("ArrayRecordComponent")
  record Row(
      String id,
      Instant quarantinedAt,
      String stage,
      String reason,
      String source,
      String state,
      byte[] raw) {

    public Row {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(quarantinedAt, "quarantinedAt");
      raw = raw == null ? new byte[0] : raw;
    }
  }

  /** A held schema change's decision. */
  enum Decision {
    /** Add the held columns and replay the held rows. */
    APPROVE,
    /** Leave the held rows in the quarantine, marked rejected. */
    REJECT,
    /** Write the held rows without the column, its values in the rescued-data column. */
    REJECT_AND_RESCUE
  }

  /**
   * The tables whose quarantine this access can read, as {@code database.table} in the order the
   * pipelines declare them.
   */
  List<String> tables();

  /**
   * The rows of {@code database.table}'s quarantine, oldest first, or empty when no known pipeline
   * declares the table.
   */
  Optional<List<Row>> rows(String database, String table);

  /**
   * The arguments of a Glue job run that replays the pending rows of {@code database.table}'s
   * quarantine ({@code --pipeline}, {@code --source quarantine://database.table}).
   *
   * @throws IllegalArgumentException when no known pipeline declares the table
   */
  Map<String, String> replayArguments(String database, String table);

  /**
   * Decides the held field {@code path} of {@code database.table} and returns the summary to show
   * (several lines, as {@code driftway schema approve|reject} prints it). Blocks until an
   * approval's replay ends.
   *
   * @throws IllegalArgumentException when no known pipeline declares the table
   */
  String decide(String database, String table, String path, Decision decision);

  /** The access of a bridge started without pipelines: no table has a readable quarantine. */
  static QuarantineAccess none() {
    return new QuarantineAccess() {
      @Override
      public List<String> tables() {
        return List.of();
      }

      @Override
      public Optional<List<Row>> rows(String database, String table) {
        return Optional.empty();
      }

      @Override
      public Map<String, String> replayArguments(String database, String table) {
        throw new IllegalArgumentException(
            "Cannot replay: this bridge knows no pipeline file (start it with `driftway catalog"
                + " serve --console-pipeline <file>`): "
                + database
                + "."
                + table);
      }

      @Override
      public String decide(String database, String table, String path, Decision decision) {
        throw new IllegalArgumentException(
            "Cannot decide held change: this bridge knows no pipeline file (start it with"
                + " `driftway catalog serve --console-pipeline <file>`): "
                + database
                + "."
                + table);
      }
    };
  }
}
