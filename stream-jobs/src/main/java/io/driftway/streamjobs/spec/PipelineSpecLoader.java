package io.driftway.streamjobs.spec;

import io.driftway.platform.config.EnvironmentSubstitution;
import io.driftway.streamjobs.spec.YamlNode.YamlObject;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a pipeline file. Every mistake is reported with the file, the line, the key
 * and what is allowed, e.g. {@code Cannot load pipeline: unknown value 'earliset' (allowed:
 * earliest, latest, committed, timestamp): orders.yaml:9 sources[0].kafka.starting-position}.
 *
 * <p>Values may refer to environment variables as {@code ${NAME}}, so secrets stay out of files.
 *
 * <pre>{@code
 * PipelineSpec spec = PipelineSpecLoader.load(Path.of("stream-jobs/examples/kafka-json.yaml"));
 * }</pre>
 */
public final class PipelineSpecLoader {

  private static final Set<String> TOP =
      Set.of(
          "name",
          "sources",
          "format",
          "routing",
          "tables",
          "database",
          "warehouse",
          "catalog",
          "checkpointing",
          "parallelism",
          "alerts");
  private static final Set<String> SOURCE = Set.of("kafka", "kinesis");
  private static final Set<String> KAFKA =
      Set.of(
          "bootstrap-servers",
          "topics",
          "topic-pattern",
          "group-id",
          "starting-position",
          "starting-timestamp",
          "properties");
  private static final Set<String> KINESIS =
      Set.of(
          "streams",
          "region",
          "endpoint",
          "starting-position",
          "starting-timestamp",
          "consumer",
          "consumer-name",
          "access-key-id",
          "secret-access-key");
  private static final Set<String> FORMAT = Set.of("type", "csv", "registry", "avro-schema");
  private static final Set<String> CSV = Set.of("delimiter", "quote", "null-tokens", "header");
  private static final Set<String> REGISTRY = Set.of("url", "username", "password");
  private static final Set<String> ROUTING = Set.of("table", "by-source", "by-field", "tables");
  private static final Set<String> TABLE =
      Set.of("name", "database", "partition-by", "hints", "policies", "properties");
  private static final Set<String> POLICIES =
      Set.of(
          "new-fields",
          "type-conflicts",
          "overrides",
          "max-record-bytes",
          "max-depth",
          "max-fields-per-struct",
          "map-after-keys");
  private static final Set<String> WAREHOUSE =
      Set.of(
          "location",
          "s3-endpoint",
          "s3-region",
          "s3-path-style",
          "access-key-id",
          "secret-access-key");
  private static final Set<String> CATALOG =
      Set.of(
          "type",
          "endpoint",
          "region",
          "uri",
          "user",
          "password",
          "access-key-id",
          "secret-access-key");
  private static final Set<String> CHECKPOINTING = Set.of("interval", "storage");
  private static final Set<String> ALERTS = Set.of("kafka", "webhook", "log");
  private static final Set<String> ALERTS_KAFKA = Set.of("bootstrap-servers", "topic");
  private static final Set<String> WEBHOOK =
      Set.of("url", "timeout", "max-attempts", "initial-backoff");

  static final Set<String> NEW_FIELD_POLICIES = Set.of("evolve", "rescue", "fail", "ignore");
  private static final Pattern CONFLICT_POLICY =
      Pattern.compile("widen|make_cols|make_struct|match_catalog|quarantine|(cast|project):\\S+");
  private static final Pattern PARTITION =
      Pattern.compile(
          "(?:(identity|year|month|day|hour)\\(\\s*([\\w.]+)\\s*\\)"
              + "|(bucket|truncate)\\(\\s*(\\d+)\\s*,\\s*([\\w.]+)\\s*\\)|([\\w.]+))");
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

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
    return pipeline(new YamlNode(file, "", root).object(TOP), file);
  }

  private static PipelineSpec pipeline(YamlObject top, String file) {
    String name = top.required("name").nonEmpty();
    List<SourceSpec> sources = new ArrayList<>();
    List<YamlNode> sourceNodes = top.required("sources").list();
    if (sourceNodes.isEmpty()) {
      throw top.required("sources").error("expected at least one source");
    }
    for (YamlNode node : sourceNodes) {
      sources.add(source(node, name));
    }
    FormatSpec format =
        top.optional("format").map(PipelineSpecLoader::format).orElse(FormatSpec.json());
    String database =
        top.optional("database").map(PipelineSpecLoader::identifier).orElse("driftway");
    List<TableSpec> tables = new ArrayList<>();
    Set<String> tableNames = new HashSet<>();
    for (YamlNode node : top.optional("tables").map(YamlNode::list).orElse(List.of())) {
      TableSpec table = table(node, database);
      if (!tableNames.add(table.name())) {
        throw node.error("duplicate table '" + table.name() + "'");
      }
      tables.add(table);
    }
    RoutingSpec routing = routing(top.required("routing"));
    for (String target : routedTables(routing)) {
      if (tableNames.add(target)) {
        tables.add(
            new TableSpec(
                target, database, List.of(), Map.of(), TableSpec.Policies.DEFAULTS, Map.of()));
      }
    }
    return new PipelineSpec(
        name,
        file,
        sources,
        format,
        routing,
        tables,
        warehouse(top.required("warehouse")),
        top.optional("catalog")
            .map(PipelineSpecLoader::catalog)
            .orElse(StorageSpec.Catalog.defaultBridge()),
        top.optional("checkpointing")
            .map(PipelineSpecLoader::checkpointing)
            .orElse(
                new StorageSpec.Checkpointing(
                    StorageSpec.Checkpointing.DEFAULT_INTERVAL, Optional.empty())),
        top.optional("parallelism").map(YamlNode::positiveInt).orElse(1),
        top.optional("alerts").map(PipelineSpecLoader::alerts).orElse(AlertsSpec.LOG_ONLY));
  }

  private static SourceSpec source(YamlNode node, String pipeline) {
    YamlObject source = node.object(SOURCE);
    String kind = source.exactlyOneOf("kafka", "kinesis");
    YamlObject body = source.required(kind).object(kind.equals("kafka") ? KAFKA : KINESIS);
    if (kind.equals("kafka")) {
      String which = body.exactlyOneOf("topics", "topic-pattern");
      SourceSpec.KafkaStart start =
          body.optional("starting-position")
              .map(n -> n.enumValue(SourceSpec.KafkaStart.class, SourceSpec.KafkaStart::spelling))
              .orElse(SourceSpec.KafkaStart.COMMITTED);
      Optional<Instant> timestamp = startTimestamp(body, start == SourceSpec.KafkaStart.TIMESTAMP);
      Optional<String> pattern = body.optional("topic-pattern").map(YamlNode::nonEmpty);
      pattern.ifPresent(p -> checkRegex(body.required("topic-pattern"), p));
      return new SourceSpec.Kafka(
          body.required("bootstrap-servers").nonEmpty(),
          which.equals("topics") ? body.required("topics").stringList() : List.of(),
          pattern,
          body.optional("group-id").map(YamlNode::nonEmpty).orElse("driftway-" + pipeline),
          start,
          timestamp,
          body.optional("properties").map(YamlNode::stringMap).orElse(Map.of()));
    }
    SourceSpec.KinesisStart start =
        body.optional("starting-position")
            .map(n -> n.enumValue(SourceSpec.KinesisStart.class, SourceSpec.KinesisStart::spelling))
            .orElse(SourceSpec.KinesisStart.LATEST);
    SourceSpec.KinesisConsumer consumer =
        body.optional("consumer")
            .map(
                n ->
                    n.enumValue(
                        SourceSpec.KinesisConsumer.class, SourceSpec.KinesisConsumer::spelling))
            .orElse(SourceSpec.KinesisConsumer.POLLING);
    Optional<String> consumerName = body.optional("consumer-name").map(YamlNode::nonEmpty);
    if (consumer == SourceSpec.KinesisConsumer.ENHANCED_FAN_OUT && consumerName.isEmpty()) {
      throw body.node().error("enhanced-fan-out needs 'consumer-name' (the registered consumer)");
    }
    return new SourceSpec.Kinesis(
        body.required("streams").stringList(),
        body.required("region").nonEmpty(),
        body.optional("endpoint").map(PipelineSpecLoader::uri),
        start,
        startTimestamp(body, start == SourceSpec.KinesisStart.AT_TIMESTAMP),
        consumer,
        consumerName,
        body.optional("access-key-id").map(YamlNode::nonEmpty),
        body.optional("secret-access-key").map(YamlNode::scalar));
  }

  private static Optional<Instant> startTimestamp(YamlObject body, boolean needed) {
    Optional<YamlNode> node = body.optional("starting-timestamp");
    if (needed && node.isEmpty()) {
      throw body.node()
          .error(
              "this starting-position needs 'starting-timestamp' (ISO-8601, e.g. 2026-11-01T00:00:00Z)");
    }
    if (!needed && node.isPresent()) {
      throw node.get()
          .error("'starting-timestamp' applies only to starting-position timestamp/AT_TIMESTAMP");
    }
    return node.map(PipelineSpecLoader::instant);
  }

  private static FormatSpec format(YamlNode node) {
    YamlObject format = node.object(FORMAT);
    FormatSpec.Type type =
        format.required("type").enumValue(FormatSpec.Type.class, FormatSpec.Type::spelling);
    FormatSpec.Csv csv =
        format.optional("csv").map(PipelineSpecLoader::csv).orElse(FormatSpec.Csv.DEFAULTS);
    Optional<FormatSpec.Registry> registry =
        format.optional("registry").map(PipelineSpecLoader::registry);
    Optional<String> schema = format.optional("avro-schema").map(YamlNode::nonEmpty);
    if (type == FormatSpec.Type.AVRO_CONFLUENT && registry.isEmpty()) {
      throw node.error("format avro-confluent needs 'registry' with a 'url'");
    }
    if (type == FormatSpec.Type.AVRO && schema.isEmpty()) {
      throw node.error("format avro needs 'avro-schema' (the writer schema as JSON)");
    }
    if (format.has("csv") && type != FormatSpec.Type.CSV) {
      throw format.required("csv").error("'csv' options apply only to format type csv");
    }
    return new FormatSpec(type, csv, registry, schema);
  }

  private static FormatSpec.Csv csv(YamlNode node) {
    YamlObject csv = node.object(CSV);
    return new FormatSpec.Csv(
        csv.optional("delimiter").map(PipelineSpecLoader::singleChar).orElse(','),
        csv.optional("quote").map(PipelineSpecLoader::singleChar).orElse('"'),
        csv.optional("null-tokens").map(YamlNode::stringList).orElse(List.of("")),
        csv.optional("header").map(YamlNode::stringList));
  }

  private static FormatSpec.Registry registry(YamlNode node) {
    YamlObject registry = node.object(REGISTRY);
    return new FormatSpec.Registry(
        uri(registry.required("url")),
        registry.optional("username").map(YamlNode::nonEmpty),
        registry.optional("password").map(YamlNode::scalar));
  }

  private static RoutingSpec routing(YamlNode node) {
    YamlObject routing = node.object(ROUTING);
    String mode = routing.exactlyOneOf("table", "by-source", "by-field");
    Map<String, String> mapping = new LinkedHashMap<>();
    routing.optional("tables").ifPresent(n -> n.stringMap().forEach((k, v) -> mapping.put(k, v)));
    for (Map.Entry<String, String> entry : mapping.entrySet()) {
      checkName(routing.required("tables"), entry.getValue());
    }
    switch (mode) {
      case "table" -> {
        if (!mapping.isEmpty()) {
          throw routing
              .required("tables")
              .error("'tables' applies only to by-source and by-field routing");
        }
        YamlNode table = routing.required("table");
        return new RoutingSpec(
            RoutingSpec.Mode.SINGLE,
            Optional.of(checkName(table, table.nonEmpty())),
            Optional.empty(),
            Map.of());
      }
      case "by-source" -> {
        if (!routing.required("by-source").bool()) {
          throw routing
              .required("by-source")
              .error("by-source routing is switched on with 'by-source: true'");
        }
        return new RoutingSpec(
            RoutingSpec.Mode.BY_SOURCE, Optional.empty(), Optional.empty(), mapping);
      }
      default -> {
        return new RoutingSpec(
            RoutingSpec.Mode.BY_FIELD,
            Optional.empty(),
            Optional.of(routing.required("by-field").nonEmpty()),
            mapping);
      }
    }
  }

  private static List<String> routedTables(RoutingSpec routing) {
    List<String> names = new ArrayList<>(routing.table().stream().toList());
    names.addAll(routing.tables().values());
    return names;
  }

  private static TableSpec table(YamlNode node, String defaultDatabase) {
    YamlObject table = node.object(TABLE);
    YamlNode nameNode = table.required("name");
    List<String> partitions = new ArrayList<>();
    table
        .optional("partition-by")
        .ifPresent(
            n -> {
              for (YamlNode item : n.list()) {
                partitions.add(partition(item));
              }
            });
    return new TableSpec(
        checkName(nameNode, nameNode.nonEmpty()),
        table.optional("database").map(PipelineSpecLoader::identifier).orElse(defaultDatabase),
        partitions,
        table.optional("hints").map(YamlNode::stringMap).orElse(Map.of()),
        table
            .optional("policies")
            .map(PipelineSpecLoader::policies)
            .orElse(TableSpec.Policies.DEFAULTS),
        table.optional("properties").map(YamlNode::stringMap).orElse(Map.of()));
  }

  private static String partition(YamlNode node) {
    String text = node.nonEmpty();
    Matcher matcher = PARTITION.matcher(text);
    if (!matcher.matches() && text.contains("(") && !text.contains(")")) {
      throw node.error(
          "partition transform '"
              + text
              + "' is cut at a comma: inside [...] write it in quotes, e.g. \"bucket(16, user_id)\"");
    }
    if (!matcher.matches()) {
      throw node.error(
          "unknown partition transform '"
              + text
              + "' (allowed: identity(col), year(col), month(col), day(col), hour(col), bucket(n, col), truncate(w, col), or a bare column name)");
    }
    if (matcher.group(4) != null && Integer.parseInt(matcher.group(4)) <= 0) {
      throw node.error(
          "the width of " + matcher.group(3) + " must be positive, found '" + text + "'");
    }
    return text.replaceAll("\\s+", "");
  }

  private static TableSpec.Policies policies(YamlNode node) {
    YamlObject policies = node.object(POLICIES);
    String newFields = policies.optional("new-fields").map(YamlNode::nonEmpty).orElse("evolve");
    if (!NEW_FIELD_POLICIES.contains(newFields)) {
      throw policies
          .required("new-fields")
          .error("unknown value '" + newFields + "' (allowed: evolve, rescue, fail, ignore)");
    }
    String conflicts = policies.optional("type-conflicts").map(YamlNode::nonEmpty).orElse("widen");
    checkConflictPolicy(policies.optional("type-conflicts").orElse(node), conflicts);
    Map<String, String> overrides =
        policies.optional("overrides").map(YamlNode::stringMap).orElse(Map.of());
    for (String value : overrides.values()) {
      if (!NEW_FIELD_POLICIES.contains(value)) {
        checkConflictPolicy(policies.required("overrides"), value);
      }
    }
    return new TableSpec.Policies(
        newFields,
        conflicts,
        overrides,
        policies.optional("max-record-bytes").map(n -> (long) n.positiveInt()),
        policies.optional("max-depth").map(YamlNode::positiveInt),
        policies.optional("max-fields-per-struct").map(YamlNode::positiveInt),
        policies.optional("map-after-keys").map(YamlNode::positiveInt));
  }

  private static void checkConflictPolicy(YamlNode node, String value) {
    if (!CONFLICT_POLICY.matcher(value).matches()) {
      throw node.error(
          "unknown policy '"
              + value
              + "' (allowed: widen, cast:<type>, make_cols, make_struct, project:<type>, match_catalog, quarantine"
              + "; for new fields: evolve, rescue, fail, ignore)");
    }
  }

  private static StorageSpec.Warehouse warehouse(YamlNode node) {
    YamlObject warehouse = node.object(WAREHOUSE);
    String location = warehouse.required("location").nonEmpty();
    boolean s3 = location.startsWith("s3://") || location.startsWith("s3a://");
    for (String key : List.of("s3-endpoint", "s3-region", "s3-path-style")) {
      if (!s3 && warehouse.has(key)) {
        throw warehouse.required(key).error("'" + key + "' applies only to an s3:// location");
      }
    }
    return new StorageSpec.Warehouse(
        location,
        warehouse.optional("s3-endpoint").map(PipelineSpecLoader::uri),
        warehouse.optional("s3-region").map(YamlNode::nonEmpty),
        warehouse.optional("s3-path-style").map(YamlNode::bool).orElse(false),
        warehouse.optional("access-key-id").map(YamlNode::nonEmpty),
        warehouse.optional("secret-access-key").map(YamlNode::scalar));
  }

  private static StorageSpec.Catalog catalog(YamlNode node) {
    YamlObject catalog = node.object(CATALOG);
    StorageSpec.CatalogType type =
        catalog
            .required("type")
            .enumValue(StorageSpec.CatalogType.class, StorageSpec.CatalogType::spelling);
    if (type == StorageSpec.CatalogType.JDBC && !catalog.has("uri")) {
      throw node.error("catalog type jdbc needs 'uri' (a JDBC URL)");
    }
    return new StorageSpec.Catalog(
        type,
        catalog.optional("endpoint").map(PipelineSpecLoader::uri),
        catalog.optional("region").map(YamlNode::nonEmpty),
        catalog.optional("uri").map(YamlNode::nonEmpty),
        catalog.optional("user").map(YamlNode::nonEmpty),
        catalog.optional("password").map(YamlNode::scalar),
        catalog.optional("access-key-id").map(YamlNode::nonEmpty),
        catalog.optional("secret-access-key").map(YamlNode::scalar));
  }

  private static StorageSpec.Checkpointing checkpointing(YamlNode node) {
    YamlObject checkpointing = node.object(CHECKPOINTING);
    return new StorageSpec.Checkpointing(
        checkpointing
            .optional("interval")
            .map(YamlNode::duration)
            .orElse(StorageSpec.Checkpointing.DEFAULT_INTERVAL),
        checkpointing.optional("storage").map(YamlNode::nonEmpty));
  }

  private static AlertsSpec alerts(YamlNode node) {
    YamlObject alerts = node.object(ALERTS);
    Optional<AlertsSpec.KafkaTopic> kafka =
        alerts
            .optional("kafka")
            .map(
                n -> {
                  YamlObject k = n.object(ALERTS_KAFKA);
                  return new AlertsSpec.KafkaTopic(
                      k.optional("bootstrap-servers").map(YamlNode::nonEmpty),
                      k.required("topic").nonEmpty());
                });
    Optional<AlertsSpec.Webhook> webhook =
        alerts
            .optional("webhook")
            .map(
                n -> {
                  YamlObject w = n.object(WEBHOOK);
                  return new AlertsSpec.Webhook(
                      uri(w.required("url")),
                      w.optional("timeout")
                          .map(YamlNode::duration)
                          .orElse(AlertsSpec.Webhook.DEFAULT_TIMEOUT),
                      w.optional("max-attempts")
                          .map(YamlNode::positiveInt)
                          .orElse(AlertsSpec.Webhook.DEFAULT_MAX_ATTEMPTS),
                      w.optional("initial-backoff")
                          .map(YamlNode::duration)
                          .orElse(AlertsSpec.Webhook.DEFAULT_BACKOFF));
                });
    return new AlertsSpec(kafka, webhook, alerts.optional("log").map(YamlNode::bool).orElse(true));
  }

  private static String identifier(YamlNode node) {
    return checkName(node, node.nonEmpty());
  }

  private static String checkName(YamlNode node, String name) {
    if (!NAME.matcher(name).matches()) {
      throw node.error(
          "not a valid table or database name '"
              + name
              + "' (use lower-case letters, digits and _, starting with a letter or _; Glue and Athena fold names to lower case)");
    }
    return name;
  }

  private static char singleChar(YamlNode node) {
    String value = node.scalar();
    String unescaped = value.equals("\\t") ? "\t" : value;
    if (unescaped.length() != 1) {
      throw node.error("expected a single character, found '" + value + "'");
    }
    return unescaped.charAt(0);
  }

  private static URI uri(YamlNode node) {
    String value = node.nonEmpty();
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw node.error(
            "expected an absolute URL such as http://127.0.0.1:8080, found '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw node.error("not a valid URL '" + value + "'");
    }
  }

  private static Instant instant(YamlNode node) {
    String value = node.nonEmpty();
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw node.error(
          "expected an ISO-8601 instant such as 2026-11-01T00:00:00Z, found '" + value + "'");
    }
  }

  private static void checkRegex(YamlNode node, String pattern) {
    try {
      Pattern.compile(pattern);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw node.error("not a valid regular expression '" + pattern + "': " + e.getDescription());
    }
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
