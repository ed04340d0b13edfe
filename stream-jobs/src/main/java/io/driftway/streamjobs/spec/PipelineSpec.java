package io.driftway.streamjobs.spec;

import java.util.List;
import java.util.Optional;

/**
 * One pipeline, as declared in its YAML file. Load it with {@link PipelineSpecLoader}.
 *
 * <pre>{@code
 * PipelineSpec spec = PipelineSpecLoader.load(Path.of("orders.yaml"));
 * }</pre>
 */
public record PipelineSpec(
    String name,
    String file,
    List<SourceSpec> sources,
    FormatSpec format,
    RoutingSpec routing,
    List<TableSpec> tables,
    StorageSpec.Warehouse warehouse,
    StorageSpec.Catalog catalog,
    StorageSpec.Checkpointing checkpointing,
    int parallelism,
    AlertsSpec alerts) {

  public PipelineSpec {
    sources = List.copyOf(sources);
    tables = List.copyOf(tables);
  }

  /** The declared table of that name, if any. */
  public Optional<TableSpec> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
