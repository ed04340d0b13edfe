package io.driftway.connectors.tracking;

import io.driftway.connectors.format.FormatSettings;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the tracking operator needs besides the catalog: the pipeline's name, how records are
 * encoded and routed, the declared tables, and the database of tables that routing creates on the
 * way (by field value or by source), and how much the tracker may hold for a schema settle.
 */
public record TrackingSettings(
    String pipeline,
    FormatSettings format,
    RoutingSettings routing,
    Map<String, TableSettings> tables,
    String defaultDatabase,
    SettleBound settle)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public TrackingSettings {
    // Declaration order is kept: it is the order `driftway validate` lists tables in.
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /** Settings with the default settle bound. */
  public TrackingSettings(
      String pipeline,
      FormatSettings format,
      RoutingSettings routing,
      Map<String, TableSettings> tables,
      String defaultDatabase) {
    this(pipeline, format, routing, tables, defaultDatabase, SettleBound.DEFAULTS);
  }

  /** These settings with another encoding (a backfill over files reads each file's own). */
  public TrackingSettings withFormat(FormatSettings otherFormat) {
    return new TrackingSettings(pipeline, otherFormat, routing, tables, defaultDatabase, settle);
  }

  /** The settings of {@code table}: declared, or the defaults in the default database. */
  public TableSettings table(String table) {
    TableSettings declared = tables.get(table);
    return declared != null ? declared : TableSettings.defaults(defaultDatabase, table);
  }
}
