package io.driftway.streamjobs.crawl;

import java.util.List;

/**
 * What one crawl did. The listing counters make the incremental behaviour observable: a later crawl
 * lists the folders above the partition level and the new partitions only, never a known one.
 *
 * @param database the database
 * @param table the table
 * @param classification the table's format ({@code parquet}, {@code json}, {@code csv}, {@code
 *     avro}), or null when no table was written
 * @param tableCreated the table was created
 * @param tableUpdated the table's columns or formats were updated
 * @param tableGone the location holds nothing any more (see {@code log} for what was done)
 * @param columnsAdded new columns, as {@code name type}
 * @param columnsChanged widened or otherwise changed columns, as {@code name old -> new}
 * @param schemaChangesNotApplied changes left alone because UpdateBehavior is {@code LOG}
 * @param partitionsAdded new partitions created, as their values joined by {@code /}
 * @param partitionsKnown partitions the catalog already had whose folders are still there
 * @param partitionsDeleted gone partitions deleted (DELETE_FROM_DATABASE)
 * @param partitionsDeprecated gone partitions marked {@code DEPRECATED_BY_CRAWLER}
 * @param partitionsGoneLogged gone partitions only logged (LOG)
 * @param filesSampled files read to infer the schema
 * @param recordsSampled records read from them
 * @param foldersListed every folder listed, in order (one delimiter listing each)
 * @param objectsListed files and sub-folders those listings returned
 * @param log what was done or left alone, one line each
 */
public record CrawlResult(
    String database,
    String table,
    String classification,
    boolean tableCreated,
    boolean tableUpdated,
    boolean tableGone,
    List<String> columnsAdded,
    List<String> columnsChanged,
    List<String> schemaChangesNotApplied,
    List<String> partitionsAdded,
    int partitionsKnown,
    List<String> partitionsDeleted,
    List<String> partitionsDeprecated,
    List<String> partitionsGoneLogged,
    int filesSampled,
    long recordsSampled,
    List<String> foldersListed,
    long objectsListed,
    List<String> log) {

  /** Copies the lists. */
  public CrawlResult {
    columnsAdded = List.copyOf(columnsAdded);
    columnsChanged = List.copyOf(columnsChanged);
    schemaChangesNotApplied = List.copyOf(schemaChangesNotApplied);
    partitionsAdded = List.copyOf(partitionsAdded);
    partitionsDeleted = List.copyOf(partitionsDeleted);
    partitionsDeprecated = List.copyOf(partitionsDeprecated);
    partitionsGoneLogged = List.copyOf(partitionsGoneLogged);
    foldersListed = List.copyOf(foldersListed);
    log = List.copyOf(log);
  }

  /** One line: what happened to the table, its columns and partitions, and what was read. */
  public String summary() {
    String tableState =
        tableCreated ? "created" : tableUpdated ? "updated" : tableGone ? "gone" : "unchanged";
    return String.format(
        "table %s.%s %s: %d columns added, %d changed, %d not applied (LOG);"
            + " partitions: %d added, %d known, %d deleted, %d deprecated, %d gone (logged);"
            + " %d files sampled (%d records), %d folders listed (%d objects)",
        database,
        table,
        tableState,
        columnsAdded.size(),
        columnsChanged.size(),
        schemaChangesNotApplied.size(),
        partitionsAdded.size(),
        partitionsKnown,
        partitionsDeleted.size(),
        partitionsDeprecated.size(),
        partitionsGoneLogged.size(),
        filesSampled,
        recordsSampled,
        foldersListed.size(),
        objectsListed);
  }
}
