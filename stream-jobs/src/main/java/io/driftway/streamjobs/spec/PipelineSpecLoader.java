package io.driftway.streamjobs.spec;

import io.driftway.connectors.alerts.AlertSettings;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.RoutingSettings;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.platform.config.EnvironmentSubstitution;
import io.driftway.schemaevolution.policy.NewFieldAction;
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
import java.util.Arrays;
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
    FormatSettings format =
        top.optional("format").map(PipelineSpecLoader::format).orElse(FormatSettings.json());
    String database =
        top.optional("database").map(PipelineSpecLoader::identifier).orElse("driftway");
    List<TableSettings> tables = new ArrayList<>();
    Set<String> tableNames = new HashSet<>();
    for (YamlNode node : top.optional("tables").map(YamlNode::list).orElse(List.of())) {
      TableSettings table = table(node, database);
      if (!tableNames.add(table.name())) {
        throw node.error("duplicate table '" + table.name() + "'");
      }
      tables.add(table);
    }
    RoutingSettings routing = routing(top.required("routing"));
    for (String target : routedTables(routing)) {
      if (tableNames.add(target)) {
        tables.add(TableSettings.defaults(database, target));
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
        top.optional("alerts").map(n -> alerts(n, sources)).orElse(AlertSettings.LOG_ONLY));
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

  private static FormatSettings format(YamlNode node) {
    YamlObject format = node.object(FORMAT);
    FormatSettings.Kind kind =
        format
            .required("type")
            .enumValue(
                Arrays.stream(FormatSettings.Kind.values())
                    .filter(FormatSettings.Kind::inPipelineFiles)
                    .toList(),
                FormatSettings.Kind::configName);
    Optional<YamlObject> csv = format.optional("csv").map(n -> n.object(CSV));
    Optional<YamlObject> registry = format.optional("registry").map(n -> n.object(REGISTRY));
    Optional<String> schema = format.optional("avro-schema").map(YamlNode::nonEmpty);
    if (kind == FormatSettings.Kind.AVRO_CONFLUENT && registry.isEmpty()) {
      throw node.error("format avro-confluent needs 'registry' with a 'url'");
    }
    if (kind == FormatSettings.Kind.AVRO && schema.isEmpty()) {
      throw node.error("format avro needs 'avro-schema' (the writer schema as JSON)");
    }
    if (format.has("csv") && kind != FormatSettings.Kind.CSV) {
      throw format.required("csv").error("'csv' options apply only to format type csv");
    }
    Optional<List<String>> header =
        csv.flatMap(c -> c.optional("header")).map(YamlNode::stringList);
    if (kind == FormatSettings.Kind.CSV && header.isEmpty()) {
      throw node.error("format csv needs 'csv' with a 'header': a message is one line");
    }
    return new FormatSettings(
        kind,
        csv.flatMap(c -> c.optional("delimiter")).map(PipelineSpecLoader::singleChar).orElse(','),
        csv.flatMap(c -> c.optional("quote")).map(PipelineSpecLoader::singleChar).orElse('"'),
        new HashSet<>(
            csv.flatMap(c -> c.optional("null-tokens"))
                .map(YamlNode::stringList)
                .orElse(List.of(""))),
        header.orElse(List.of()),
        registry.map(r -> uri(r.required("url"))).orElse(null),
        registry.flatMap(r -> r.optional("username")).map(YamlNode::nonEmpty).orElse(null),
        registry.flatMap(r -> r.optional("password")).map(YamlNode::scalar).orElse(null),
        schema.orElse(null));
  }

  private static RoutingSettings routing(YamlNode node) {
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
        return RoutingSettings.single(checkName(table, table.nonEmpty()));
      }
      case "by-source" -> {
        if (!routing.required("by-source").bool()) {
          throw routing
              .required("by-source")
              .error("by-source routing is switched on with 'by-source: true'");
        }
        return new RoutingSettings(RoutingSettings.Mode.BY_SOURCE, null, null, mapping);
      }
      default -> {
        return new RoutingSettings(
            RoutingSettings.Mode.BY_FIELD, null, routing.required("by-field").nonEmpty(), mapping);
      }
    }
  }

  private static List<String> routedTables(RoutingSettings routing) {
    List<String> names = new ArrayList<>();
    if (routing.table() != null) {
      names.add(routing.table());
    }
    names.addAll(routing.tables().values());
    return names;
  }

  private static TableSettings table(YamlNode node, String defaultDatabase) {
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
    String name = checkName(nameNode, nameNode.nonEmpty());
    String database =
        table.optional("database").map(PipelineSpecLoader::identifier).orElse(defaultDatabase);
    Map<String, String> hints = table.optional("hints").map(YamlNode::stringMap).orElse(Map.of());
    Map<String, String> properties =
        table.optional("properties").map(YamlNode::stringMap).orElse(Map.of());
    Optional<YamlNode> policiesNode = table.optional("policies");
    if (policiesNode.isEmpty()) {
      TableSettings defaults = TableSettings.defaults(database, name);
      return new TableSettings(
          database,
          name,
          partitions,
          hints,
          defaults.newFields(),
          defaults.typeConflicts(),
          Map.of(),
          null,
          null,
          null,
          null,
          properties);
    }
    YamlNode policiesAt = policiesNode.get();
    YamlObject policies = policiesAt.object(POLICIES);
    String newFields =
        policies
            .optional("new-fields")
            .map(YamlNode::nonEmpty)
            .orElse(TableSettings.DEFAULT_NEW_FIELDS);
    if (!NewFieldAction.isConfigName(newFields)) {
      throw policies
          .required("new-fields")
          .error(
              "unknown value '"
                  + newFields
                  + "' (allowed: "
                  + String.join(", ", NewFieldAction.configNames())
                  + ")");
    }
    String conflicts =
        policies
            .optional("type-conflicts")
            .map(YamlNode::nonEmpty)
            .orElse(TableSettings.DEFAULT_TYPE_CONFLICTS);
    checkConflictPolicy(policies.optional("type-conflicts").orElse(policiesAt), conflicts);
    Map<String, String> overrides =
        policies.optional("overrides").map(YamlNode::stringMap).orElse(Map.of());
    for (String value : overrides.values()) {
      if (!NewFieldAction.isConfigName(value)) {
        checkConflictPolicy(policies.required("overrides"), value);
      }
    }
    return new TableSettings(
        database,
        name,
        partitions,
        hints,
        newFields,
        conflicts,
        overrides,
        policies.optional("max-record-bytes").map(n -> (long) n.positiveInt()).orElse(null),
        policies.optional("max-depth").map(YamlNode::positiveInt).orElse(null),
        policies.optional("max-fields-per-struct").map(YamlNode::positiveInt).orElse(null),
        policies.optional("map-after-keys").map(YamlNode::positiveInt).orElse(null),
        properties);
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

  private static void checkConflictPolicy(YamlNode node, String value) {
    if (!CONFLICT_POLICY.matcher(value).matches()) {
      throw node.error(
          "unknown policy '"
              + value
              + "' (allowed: widen, cast:<type>, make_cols, make_struct, project:<type>, match_catalog, quarantine"
              + "; for new fields: "
              + String.join(", ", NewFieldAction.configNames())
              + ")");
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

  private static AlertSettings alerts(YamlNode node, List<SourceSpec> sources) {
    YamlObject alerts = node.object(ALERTS);
    String bootstrap = null;
    String topic = null;
    Optional<YamlNode> kafkaNode = alerts.optional("kafka");
    if (kafkaNode.isPresent()) {
      YamlObject kafka = kafkaNode.get().object(ALERTS_KAFKA);
      topic = kafka.required("topic").nonEmpty();
      // Without its own servers the alert topic lives on the (first) Kafka source's cluster.
      bootstrap =
          kafka
              .optional("bootstrap-servers")
              .map(YamlNode::nonEmpty)
              .or(
                  () ->
                      sources.stream()
                          .filter(SourceSpec.Kafka.class::isInstance)
                          .map(s -> ((SourceSpec.Kafka) s).bootstrapServers())
                          .findFirst())
              .orElseThrow(
                  () ->
                      kafkaNode
                          .get()
                          .error(
                              "no Kafka source to borrow bootstrap servers from, set"
                                  + " 'bootstrap-servers'"));
    }
    AlertSettings.Webhook webhook =
        alerts
            .optional("webhook")
            .map(
                n -> {
                  YamlObject w = n.object(WEBHOOK);
                  return new AlertSettings.Webhook(
                      uri(w.required("url")),
                      w.optional("timeout")
                          .map(YamlNode::duration)
                          .orElse(AlertSettings.Webhook.DEFAULT_TIMEOUT),
                      w.optional("max-attempts")
                          .map(YamlNode::positiveInt)
                          .orElse(AlertSettings.Webhook.DEFAULT_MAX_ATTEMPTS),
                      w.optional("initial-backoff")
                          .map(YamlNode::duration)
                          .orElse(AlertSettings.Webhook.DEFAULT_BACKOFF));
                })
            .orElse(null);
    return new AlertSettings(
        bootstrap, topic, webhook, alerts.optional("log").map(YamlNode::bool).orElse(true));
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
