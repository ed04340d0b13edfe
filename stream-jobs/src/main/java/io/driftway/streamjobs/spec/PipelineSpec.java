package io.driftway.streamjobs.spec;

import io.driftway.connectors.alerts.AlertSettings;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.RoutingSettings;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.connectors.tracking.TrackingSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One pipeline, as declared in its YAML file. Load it with {@link PipelineSpecLoader}: the loader
 * builds the connectors' own settings records ({@link FormatSettings}, {@link RoutingSettings},
 * {@link TableSettings}, {@link AlertSettings}) directly, so a job passes them down as they are.
 * Sources, storage and checkpointing have no connector twin and keep their spec records.
 *
 * <pre>{@code
 * PipelineSpec spec = PipelineSpecLoader.load(Path.of("orders.yaml"));
 * TrackingSettings tracking = spec.tracking();
 * }</pre>
 *
 * @param tables the declared tables, then the routed-to tables that were not declared (with the
 *     default policies), in file order
 * @param database the pipeline's database, where every table that names none lives: declared tables
 *     without {@code database}, {@code routing.tables} targets, tables routing creates on the way,
 *     and the source ranges (the top-level {@code database}; when the file has none, the first
 *     declared table's; else {@code driftway})
 * @param writePath how rows reach Parquet ({@code sink.write-path})
 * @param maintenance each declared table's maintenance, by table name
 * @param places where some values stand in the file ({@code file:line path}), by their path such as
 *     {@code tables[0].partition-by[1]}, for checks made after loading (see {@link SchemaChecks})
 */
public record PipelineSpec(
    String name,
    String file,
    List<SourceSpec> sources,
    FormatSettings format,
    RoutingSettings routing,
    List<TableSettings> tables,
    String database,
    StorageSpec.Warehouse warehouse,
    StorageSpec.Catalog catalog,
    StorageSpec.Checkpointing checkpointing,
    int parallelism,
    AlertSettings alerts,
    WritePath writePath,
    Map<String, MaintenanceSpec> maintenance,
    Map<String, String> places) {

  /**
   * The database of a pipeline whose file names none, neither at the top nor on its first table.
   */
  static final String DEFAULT_DATABASE = "driftway";

  public PipelineSpec {
    sources = List.copyOf(sources);
    tables = List.copyOf(tables);
    maintenance = Map.copyOf(maintenance);
    places = Map.copyOf(places);
  }

  /** {@code file:line path} of the value at {@code path}, or the file and path when unknown. */
  String where(String path) {
    return places.getOrDefault(path, file + " " + path);
  }

  /** How table {@code name} is maintained; the defaults (off) when the file says nothing. */
  public MaintenanceSpec maintenance(String name) {
    return maintenance.getOrDefault(name, MaintenanceSpec.defaults());
  }

  /** The declared table of that name, if any. */
  public Optional<TableSettings> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The database of every table that names none ({@link #database()}). */
  public String defaultDatabase() {
    return database;
  }

  /** What the tracking operator needs, assembled from the settings read from the file. */
  public TrackingSettings tracking() {
    Map<String, TableSettings> byName = new LinkedHashMap<>();
    for (TableSettings table : tables) {
      byName.put(table.name(), table);
    }
    return new TrackingSettings(
        name, format, routing, byName, defaultDatabase(), checkpointing.settle());
  }

  /** This pipeline writing through {@code other} instead of its own catalog. */
  public PipelineSpec withCatalog(StorageSpec.Catalog other) {
    return new PipelineSpec(
        name,
        file,
        sources,
        format,
        routing,
        tables,
        database,
        warehouse,
        other,
        checkpointing,
        parallelism,
        alerts,
        writePath,
        maintenance,
        places);
  }

  /** This pipeline with {@code other} as its tables (same routing), e.g. a changed policy. */
  public PipelineSpec withTables(List<TableSettings> other) {
    return new PipelineSpec(
        name,
        file,
        sources,
        format,
        routing,
        other,
        database,
        warehouse,
        catalog,
        checkpointing,
        parallelism,
        alerts,
        writePath,
        maintenance,
        places);
  }

  /** This pipeline with every record routed to {@code table}, its only table. */
  public PipelineSpec routedTo(TableSettings table) {
    return new PipelineSpec(
        name,
        file,
        sources,
        format,
        RoutingSettings.single(table.name()),
        List.of(table),
        database,
        warehouse,
        catalog,
        checkpointing,
        parallelism,
        alerts,
        writePath,
        maintenance,
        places);
  }
}
