package io.driftway.catalogbridge.sync;

import java.util.List;

/**
 * One place where the Glue view and the files disagree.
 *
 * @param partition the partition values, empty for table-level divergences
 * @param location the location checked
 */
public record Divergence(
    Kind kind,
    String database,
    String table,
    List<String> partition,
    String location,
    String detail) {

  /** What disagrees. */
  public enum Kind {
    /** An Iceberg table's {@code metadata_location} names a file that does not exist. */
    ORPHANED_METADATA,
    /** The metadata file exists but is not Iceberg table metadata. */
    METADATA_UNREADABLE,
    /** Glue columns (name and type) differ from the Iceberg table's current schema. */
    COLUMNS_DRIFT,
    /** A table's storage location holds nothing any more. */
    LOCATION_MISSING,
    /** A partition's location holds nothing any more. */
    PARTITION_LOCATION_MISSING
  }

  public Divergence {
    partition = List.copyOf(partition);
  }

  /** One line for people: {@code ORPHANED_METADATA sales.orders: <detail>: <location>}. */
  public String describe() {
    String where = database + "." + table + (partition.isEmpty() ? "" : " " + partition);
    return kind + " " + where + ": " + detail + (location == null ? "" : ": " + location);
  }
}
