package io.driftway.connectors.tracking;

import io.driftway.connectors.format.FormatSettings;
import java.io.Serializable;
import java.util.Map;

/**
 * Everything the tracking operator needs besides the catalog: the pipeline's name, how records are
 * encoded and routed, the declared tables, and the database of tables that routing creates on the
 * way (by field value or by source).
 */
public record TrackingSettings(
    String pipeline,
    FormatSettings format,
    RoutingSettings routing,
    Map<String, TableSettings> tables,
    String defaultDatabase)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public TrackingSettings {
    tables = Map.copyOf(tables);
  }

  /** The settings of {@code table}: declared, or the defaults in the default database. */
  public TableSettings table(String table) {
    TableSettings declared = tables.get(table);
    return declared != null ? declared : TableSettings.defaults(defaultDatabase, table);
  }
}
