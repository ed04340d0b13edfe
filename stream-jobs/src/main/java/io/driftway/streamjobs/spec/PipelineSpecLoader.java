package io.driftway.streamjobs.spec;

import static io.driftway.streamjobs.spec.PipelineKeys.DATABASE;
import static io.driftway.streamjobs.spec.PipelineKeys.NAME;
import static io.driftway.streamjobs.spec.PipelineKeys.PARALLELISM;
import static io.driftway.streamjobs.spec.PipelineKeys.SINK_WRITE_PATH;
import static io.driftway.streamjobs.spec.PipelineKeys.TABLE_DATABASE;

import io.driftway.connectors.alerts.AlertSettings;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.RoutingSettings;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.platform.config.EnvironmentSubstitution;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a pipeline file against {@link PipelineKeys}, one reader per section. Every
 * mistake is reported with the file, the line, the key and what is allowed, e.g. {@code Cannot load
 * pipeline: unknown value 'earliset' (allowed: earliest, latest, committed, timestamp):
 * orders.yaml:9 sources[0].kafka.starting-position}.
 *
 * <p>Values may refer to environment variables as {@code ${NAME}}, so secrets stay out of files.
 *
 * <pre>{@code
 * PipelineSpec spec = PipelineSpecLoader.load(Path.of("stream-jobs/examples/kafka-json.yaml"));
 * }</pre>
 */
public final class PipelineSpecLoader {

  private PipelineSpecLoader() {}

  /** Loads {@code file}; environment variables come from this process. */
  public static PipelineSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecException("Cannot load pipeline: no such file: " + file);
    } catch (IOException e) {
      throw new SpecException("Cannot load pipeline: " + e.getMessage() + ": " + file, e);
    }
    return parse(file.toString(), text, System::getenv);
  }

  /** Parses {@code text} as the pipeline file named {@code file}, resolving {@code ${NAME}}. */
  public static PipelineSpec parse(String file, String text, UnaryOperator<String> environment) {
    String resolved = substitute(file, text, environment);
    Node root;
    try (Reader reader = new StringReader(resolved)) {
      root = new Yaml(new LoaderOptions()).compose(reader);
    } catch (MarkedYAMLException e) {
      throw new SpecException(
          "Cannot load pipeline: not valid YAML: "
              + e.getProblem()
              + ": "
              + file
              + ":"
              + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1),
          e);
    } catch (IOException e) {
      throw new SpecException("Cannot load pipeline: " + e.getMessage() + ": " + file, e);
    }
    if (root == null) {
      throw new SpecException("Cannot load pipeline: the file is empty: " + file);
    }
    return pipeline(new YamlNode(file, "", root).section(), file);
  }

  private static PipelineSpec pipeline(YamlObject top, String file) {
    String name = top.required(NAME).nonEmpty();
    List<SourceSpec> sources =
        top.optional("sources").map(node -> SourcesReader.read(node, name)).orElse(List.of());
    FormatSettings format =
        top.optional("format").map(FormatReader::read).orElse(FormatSettings.json());
    String database = database(top);
    StorageSpec.Checkpointing checkpointing =
        top.optional("checkpointing")
            .map(StorageReader::checkpointing)
            .orElse(StorageReader.defaultCheckpointing());
    List<TableSettings> tables = new ArrayList<>();
    Map<String, MaintenanceSpec> maintenance = new LinkedHashMap<>();
    Set<String> tableNames = new HashSet<>();
    Map<String, String> places = new LinkedHashMap<>();
    for (YamlNode node : top.optional("tables").map(YamlNode::list).orElse(List.of())) {
      TableSettings table = TablesReader.read(node, database, format.kind());
      TablesReader.places(node, places);
      if (!tableNames.add(table.name())) {
        throw node.error("duplicate table '" + table.name() + "'");
      }
      tables.add(table);
      maintenance.put(
          table.name(),
          MaintenanceReader.read(node.section().optional("maintenance"), checkpointing.interval()));
    }
    RoutingSettings routing = RoutingReader.read(top.required("routing"));
    top.required("routing")
        .section()
        .optional(PipelineKeys.ROUTING_BY_FIELD)
        .ifPresent(n -> places.put(n.path(), n.where()));
    // A routed-to table that no declaration names gets the default policies.
    List<String> routed = new ArrayList<>();
    if (routing.table() != null) {
      routed.add(routing.table());
    }
    routed.addAll(routing.tables().values());
    for (String target : routed) {
      if (tableNames.add(target)) {
        tables.add(TableSettings.defaults(database, target));
      }
    }
    StorageSpec.Catalog catalog =
        top.optional("catalog")
            .map(StorageReader::catalog)
            .orElse(StorageSpec.Catalog.defaultBridge());
    PipelineSpec spec =
        new PipelineSpec(
            name,
            file,
            sources,
            format,
            routing,
            tables,
            database,
            StorageReader.warehouse(top.required("warehouse")),
            catalog,
            checkpointing,
            top.optional(PARALLELISM)
                .map(YamlNode::positiveInt)
                .orElse(PARALLELISM.defaultValue().orElseThrow()),
            top.optional("alerts")
                .map(n -> AlertsReader.read(n, sources, catalog))
                .orElse(AlertSettings.LOG_ONLY),
            top.optional("sink")
                .flatMap(n -> n.section().optional(SINK_WRITE_PATH))
                .map(n -> n.enumValue(WritePath.class, WritePath::spelling))
                .orElse(SINK_WRITE_PATH.defaultValue().orElseThrow()),
            maintenance,
            places);
    // A fixed Avro writer schema tells column types before any record arrives.
    SchemaChecks.againstWriterSchema(spec);
    return spec;
  }

  /**
   * The pipeline's database, where every table that names none lives (declared tables without
   * {@code database}, {@code routing.tables} targets, tables routing creates, the source ranges):
   * the top-level {@code database}; when the file has none, the first declared table's; else {@code
   * driftway}.
   */
  private static String database(YamlObject top) {
    Optional<String> declared = top.optional(DATABASE).map(YamlNode::tableName);
    if (declared.isPresent()) {
      return declared.get();
    }
    return top.optional("tables")
        .map(YamlNode::list)
        .filter(list -> !list.isEmpty())
        .flatMap(list -> list.get(0).section().optional(TABLE_DATABASE))
        .map(YamlNode::tableName)
        .orElse(DATABASE.defaultValue().orElseThrow());
  }

  private static String substitute(String file, String text, UnaryOperator<String> environment) {
    try {
      return EnvironmentSubstitution.of(file, environment).resolve(text);
    } catch (EnvironmentSubstitution.UnsetVariableException e) {
      throw new SpecException(
          "Cannot load pipeline: " + e.getMessage() + ": " + file + ":" + e.line());
    }
  }
}
