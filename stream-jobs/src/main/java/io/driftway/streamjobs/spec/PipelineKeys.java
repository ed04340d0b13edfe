package io.driftway.streamjobs.spec;

import io.driftway.connectors.alerts.AlertSettings;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.SettleBound;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.platform.config.ConfigOption;
import io.driftway.platform.config.DataSize;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.NewFieldAction;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every key of a pipeline file, declared once: the section readers take their allowed keys,
 * defaults and allowed values from here, {@code driftway validate} checks files against them, and
 * {@link PipelineReference} writes {@code docs/pipeline-reference.md} from them. Adding a key means
 * declaring it here and reading it in its section's reader.
 *
 * <pre>{@code
 * Set<String> kafkaKeys = PipelineKeys.keysOf("sources[].kafka"); // bootstrap-servers, topics, ...
 * }</pre>
 */
public final class PipelineKeys {

  private static final List<PipelineKey<?>> DECLARED = new ArrayList<>();
  private static final Pattern DOT = Pattern.compile("\\.");

  private static final String MAP = "map of names to values";
  private static final String INSTANT = "instant (ISO-8601)";
  private static final String CHAR = "single character";

  // --- top level

  public static final PipelineKey<String> NAME =
      declare("name")
          .required()
          .string(
              "The pipeline's name: names its Flink job, consumer group and checkpoint folder.");
  public static final PipelineKey<String> DATABASE =
      declare("database")
          .string(
              PipelineSpec.DEFAULT_DATABASE,
              "The database of every table that names none: declared tables without a database,"
                  + " routing.tables targets, tables routing creates, the source ranges; when"
                  + " absent, the first declared table's database, else driftway.");
  public static final PipelineKey<Integer> PARALLELISM =
      declare("parallelism")
          .integer(1, "Parallel subtasks of every operator (a positive whole number).");

  // --- sources: each item has exactly one of kafka, kinesis

  public static final PipelineKey<String> KAFKA_BOOTSTRAP_SERVERS =
      declare("sources[].kafka.bootstrap-servers")
          .required()
          .string("The Kafka cluster, host:port[,host:port...].");
  public static final PipelineKey<List<String>> KAFKA_TOPICS =
      declare("sources[].kafka.topics")
          .stringList("Topics to read; exactly one of topics and topic-pattern.");
  public static final PipelineKey<String> KAFKA_TOPIC_PATTERN =
      declare("sources[].kafka.topic-pattern")
          .string("A Java regular expression of topics to read, new ones included.");
  public static final PipelineKey<String> KAFKA_GROUP_ID =
      declare("sources[].kafka.group-id").string("The consumer group; default driftway-<name>.");
  public static final PipelineKey<SourceSpec.KafkaStart> KAFKA_STARTING_POSITION =
      declare("sources[].kafka.starting-position")
          .oneOf(
              SourceSpec.KafkaStart.class,
              SourceSpec.KafkaStart::spelling,
              SourceSpec.KafkaStart.COMMITTED,
              "Where to start without a committed offset of the group (committed falls back to earliest).");
  public static final PipelineKey<String> KAFKA_STARTING_TIMESTAMP =
      declare("sources[].kafka.starting-timestamp")
          .typed(INSTANT, "Start at this time; only with starting-position timestamp.");
  public static final PipelineKey<Map<String, String>> KAFKA_PROPERTIES =
      declare("sources[].kafka.properties")
          .map("Kafka consumer properties passed as they are (TLS, SASL, ...).");

  public static final PipelineKey<List<String>> KINESIS_STREAMS =
      declare("sources[].kinesis.streams")
          .required()
          .stringList("Streams to read, by name or ARN.");
  public static final PipelineKey<String> KINESIS_REGION =
      declare("sources[].kinesis.region").required().string("The AWS region of the streams.");
  public static final PipelineKey<URI> KINESIS_ENDPOINT =
      declare("sources[].kinesis.endpoint")
          .uri("A Kinesis API endpoint instead of AWS's (an absolute URL).");
  public static final PipelineKey<SourceSpec.KinesisStart> KINESIS_STARTING_POSITION =
      declare("sources[].kinesis.starting-position")
          .oneOf(
              SourceSpec.KinesisStart.class,
              SourceSpec.KinesisStart::spelling,
              SourceSpec.KinesisStart.LATEST,
              "Where a shard without a checkpoint starts.");
  public static final PipelineKey<String> KINESIS_STARTING_TIMESTAMP =
      declare("sources[].kinesis.starting-timestamp")
          .typed(INSTANT, "Start at this time; only with starting-position AT_TIMESTAMP.");
  public static final PipelineKey<SourceSpec.KinesisConsumer> KINESIS_CONSUMER =
      declare("sources[].kinesis.consumer")
          .oneOf(
              SourceSpec.KinesisConsumer.class,
              SourceSpec.KinesisConsumer::spelling,
              SourceSpec.KinesisConsumer.POLLING,
              "How shards are read: GetRecords polling, or enhanced fan-out.");
  public static final PipelineKey<String> KINESIS_CONSUMER_NAME =
      declare("sources[].kinesis.consumer-name")
          .string("The registered consumer; required with enhanced-fan-out.");
  public static final PipelineKey<String> KINESIS_ACCESS_KEY_ID =
      declare("sources[].kinesis.access-key-id")
          .string("A static AWS access key; without it the default credential chain applies.");
  public static final PipelineKey<String> KINESIS_SECRET_ACCESS_KEY =
      declare("sources[].kinesis.secret-access-key")
          .string("The secret of access-key-id (write ${NAME} to keep it out of the file).");

  // --- format

  public static final PipelineKey<FormatSettings.Kind> FORMAT_TYPE =
      declare("format.type")
          .required()
          .oneOf(
              Arrays.stream(FormatSettings.Kind.values())
                  .filter(FormatSettings.Kind::inPipelineFiles)
                  .toList(),
              FormatSettings.Kind::configName,
              "How record bytes are encoded; without a format section, json.");
  public static final PipelineKey<String> CSV_DELIMITER =
      declare("format.csv.delimiter").typed(CHAR, ",", "The CSV field separator (\\t for a tab).");
  public static final PipelineKey<String> CSV_QUOTE =
      declare("format.csv.quote").typed(CHAR, "\"", "The CSV quote character.");
  public static final PipelineKey<List<String>> CSV_NULL_TOKENS =
      declare("format.csv.null-tokens").stringList(List.of(""), "CSV values read as null.");
  public static final PipelineKey<List<String>> CSV_HEADER =
      declare("format.csv.header")
          .stringList("The column names (a message is one line); required for csv.");
  public static final PipelineKey<URI> REGISTRY_URL =
      declare("format.registry.url")
          .required()
          .uri("The Confluent Schema Registry of avro-confluent (an absolute URL).");
  public static final PipelineKey<String> REGISTRY_USERNAME =
      declare("format.registry.username").string("Basic-auth user for the registry.");
  public static final PipelineKey<String> REGISTRY_PASSWORD =
      declare("format.registry.password").string("Basic-auth password for the registry.");
  public static final PipelineKey<FormatSettings.SubjectStrategy> REGISTRY_SUBJECT_STRATEGY =
      declare("format.registry.subject-strategy")
          .oneOf(
              FormatSettings.SubjectStrategy.class,
              FormatSettings.SubjectStrategy::configName,
              FormatSettings.SubjectStrategy.ANY,
              "Which subject a record's schema id must be a version of: any, or topic"
                  + " (<topic>-value, Confluent's TopicNameStrategy); others are quarantined.");
  public static final PipelineKey<String> AVRO_SCHEMA =
      declare("format.avro-schema")
          .string("The writer schema (JSON) of plain avro records; required for avro.");

  // --- routing: exactly one of table, by-source, by-field

  public static final PipelineKey<String> ROUTING_TABLE =
      declare("routing.table").string("Every record to this one table.");
  public static final PipelineKey<Boolean> ROUTING_BY_SOURCE =
      declare("routing.by-source").bool("true: a table per topic or stream, named after it.");
  public static final PipelineKey<String> ROUTING_BY_FIELD =
      declare("routing.by-field").string("A table per value of this top-level field.");
  public static final PipelineKey<Map<String, String>> ROUTING_TABLES =
      declare("routing.tables")
          .map(
              "Topic, stream or field value to table name, where the name is not the value itself.");

  // --- tables

  public static final PipelineKey<String> TABLE_NAME =
      declare("tables[].name").required().string("The table (lower-case letters, digits and _).");
  public static final PipelineKey<String> TABLE_DATABASE =
      declare("tables[].database")
          .string("The table's database; default the pipeline's database (the top-level key).");
  public static final PipelineKey<List<String>> TABLE_PARTITION_BY =
      declare("tables[].partition-by")
          .stringList(
              "Partition transforms: identity, year, month, day, hour (col), bucket(n, col), truncate(w, col); year..hour on JSON/CSV need a date/timestamp hint.");
  public static final PipelineKey<Map<String, String>> TABLE_HINTS =
      declare("tables[].hints")
          .map(
              "Field path (/payload/items/[]/price; [] a list element, {key}/{} a map key/value) to type (e.g. decimal(12,2)), applied before inference.");
  public static final PipelineKey<Boolean> TABLE_INFER_TIMESTAMPS =
      declare("tables[].infer-timestamps")
          .bool(
              false,
              "true: JSON ISO-8601 text is a date/timestamp/timestamptz, and integers in fields named like *_at, *_time, *_ts, ts or eventTime between 2000 and 2100 as epoch ms a timestamptz, without hints.");
  public static final PipelineKey<String> NEW_FIELDS =
      declare("tables[].policies.new-fields")
          .oneOf(
              NewFieldAction.configNames(),
              TableSettings.DEFAULT_NEW_FIELDS,
              "What a field without a column does; hold: its records wait for `driftway schema approve`.");
  public static final PipelineKey<String> TYPE_CONFLICTS =
      declare("tables[].policies.type-conflicts")
          .oneOf(
              List.of(
                  "widen",
                  "cast:<type>",
                  "make_cols",
                  "make_struct",
                  "project:<type>",
                  "match_catalog",
                  "quarantine"),
              TableSettings.DEFAULT_TYPE_CONFLICTS,
              "How a field seen with an incompatible type is resolved.");
  public static final PipelineKey<Map<String, String>> POLICY_OVERRIDES =
      declare("tables[].policies.overrides")
          .map(
              "Field path (/payload/price, /items/[]/qty) to a new-fields or type-conflicts policy for that field.");
  public static final PipelineKey<Integer> MAX_RECORD_BYTES =
      declare("tables[].policies.max-record-bytes")
          .integer(
              "Larger records go to quarantine; default "
                  + Limits.defaults().maxRecordBytes()
                  + ".");
  public static final PipelineKey<Integer> MAX_DEPTH =
      declare("tables[].policies.max-depth")
          .integer(
              "Deeper nesting goes to quarantine; default "
                  + Limits.defaults().maxNestingDepth()
                  + ".");
  public static final PipelineKey<Integer> MAX_FIELDS_PER_STRUCT =
      declare("tables[].policies.max-fields-per-struct")
          .integer(
              "Structs with more fields go to quarantine; default "
                  + Limits.defaults().maxFieldsPerStruct()
                  + ".");
  public static final PipelineKey<Integer> MAP_AFTER_KEYS =
      declare("tables[].policies.map-after-keys")
          .integer(
              "Explosion guard: a new struct with more keys becomes a string-keyed map; a struct"
                  + " column the table has keeps its columns and puts further new keys in its"
                  + " _extra_keys map; default "
                  + Limits.defaults().mapThreshold()
                  + ".");
  public static final PipelineKey<Map<String, String>> TABLE_PROPERTIES =
      declare("tables[].properties")
          .map(
              "Iceberg table properties, passed as they are. A table the pipeline creates gets"
                  + " write.parquet.dict-size-bytes 16384 (Iceberg: 2 MiB) unless set here: small"
                  + " streaming files keep dictionaries only for low-cardinality columns.");
  public static final PipelineKey<Duration> FRESHNESS_SLO =
      declare("tables[].freshness-slo")
          .duration(
              "Alert when input flows but the table's newest commit is older than this (e.g. 2m),"
                  + " and again when it recovers; none by default.");

  // --- tables[].maintenance: Iceberg's Flink TableMaintenance, per table

  public static final PipelineKey<Boolean> MAINTENANCE_ENABLED =
      declare("tables[].maintenance.enabled")
          .bool(
              false,
              "true: the pipeline job maintains this table with Iceberg's TableMaintenance (the tasks below).");
  public static final PipelineKey<Integer> MAINTENANCE_TRIGGER_COMMITS =
      declare("tables[].maintenance.trigger.commits")
          .integer(10, "Run each task after this many new commits to the table.");
  public static final PipelineKey<Duration> MAINTENANCE_TRIGGER_INTERVAL =
      declare("tables[].maintenance.trigger.interval")
          .duration(Duration.ofHours(1), "Run each task at least this often while commits arrive.");
  public static final PipelineKey<Duration> MAINTENANCE_TRIGGER_RATE_LIMIT =
      declare("tables[].maintenance.trigger.rate-limit")
          .duration(Duration.ofMinutes(1), "The shortest time between two task runs on the table.");
  public static final PipelineKey<Boolean> REWRITE_DATA_FILES_ENABLED =
      declare("tables[].maintenance.rewrite-data-files.enabled")
          .bool(true, "Compaction: small data files are rewritten into larger ones.");
  public static final PipelineKey<DataSize> REWRITE_DATA_FILES_TARGET_SIZE =
      declare("tables[].maintenance.rewrite-data-files.target-file-size")
          .dataSize(DataSize.ofMebibytes(512), "The size compaction aims at for each data file.");
  public static final PipelineKey<Boolean> EXPIRE_SNAPSHOTS_ENABLED =
      declare("tables[].maintenance.expire-snapshots.enabled")
          .bool(
              true,
              "Old snapshots are expired, never one a checkpoint restore or a backfill bookmark needs (README: Table maintenance).");
  public static final PipelineKey<Duration> EXPIRE_SNAPSHOTS_MAX_AGE =
      declare("tables[].maintenance.expire-snapshots.max-age")
          .duration(
              Duration.ofDays(5),
              "Snapshots older than this are expired; longer than checkpointing.interval.");
  public static final PipelineKey<Integer> EXPIRE_SNAPSHOTS_RETAIN_LAST =
      declare("tables[].maintenance.expire-snapshots.retain-last")
          .integer(1, "Snapshots kept whatever their age (a positive whole number).");
  public static final PipelineKey<Boolean> DELETE_ORPHAN_FILES_ENABLED =
      declare("tables[].maintenance.delete-orphan-files.enabled")
          .bool(true, "Files under the table's location that no snapshot references are deleted.");
  public static final PipelineKey<Duration> DELETE_ORPHAN_FILES_MIN_AGE =
      declare("tables[].maintenance.delete-orphan-files.min-age")
          .duration(
              Duration.ofDays(3),
              "Only files older than this are deleted; longer than checkpointing.interval.");
  public static final PipelineKey<Boolean> REWRITE_MANIFESTS_ENABLED =
      declare("tables[].maintenance.rewrite-manifests.enabled")
          .bool(
              true,
              "Manifests are rewritten (clustered by partition); by driftway maintain and the Glue job run, not the pipeline job (Iceberg 1.11's Flink maintenance has no such task).");
  public static final PipelineKey<String> MAINTENANCE_LOCK_JDBC_URI =
      declare("tables[].maintenance.lock.jdbc-uri")
          .string(
              "A JDBC database for Iceberg's JdbcLockFactory; default the catalog's with a jdbc catalog, else Iceberg's in-job lock.");

  // --- warehouse, catalog, checkpointing

  public static final PipelineKey<String> WAREHOUSE_LOCATION =
      declare("warehouse.location")
          .required()
          .string("Where table files go: s3://bucket/prefix or a local folder.");
  public static final PipelineKey<URI> WAREHOUSE_S3_ENDPOINT =
      declare("warehouse.s3-endpoint")
          .uri("An S3 API endpoint instead of AWS's; s3:// locations only.");
  public static final PipelineKey<String> WAREHOUSE_S3_REGION =
      declare("warehouse.s3-region").string("The bucket's AWS region; s3:// locations only.");
  public static final PipelineKey<Boolean> WAREHOUSE_S3_PATH_STYLE =
      declare("warehouse.s3-path-style")
          .bool(
              false, "Path-style S3 requests (most S3-compatible servers); s3:// locations only.");
  public static final PipelineKey<String> WAREHOUSE_ACCESS_KEY_ID =
      declare("warehouse.access-key-id")
          .string("A static AWS access key; without it the default credential chain applies.");
  public static final PipelineKey<String> WAREHOUSE_SECRET_ACCESS_KEY =
      declare("warehouse.secret-access-key").string("The secret of access-key-id.");
  public static final PipelineKey<StorageSpec.CatalogType> CATALOG_TYPE =
      declare("catalog.type")
          .required()
          .oneOf(
              StorageSpec.CatalogType.class,
              StorageSpec.CatalogType::spelling,
              null,
              "The catalog; without a catalog section, glue at the catalog bridge on http://127.0.0.1:9047.");
  public static final PipelineKey<URI> CATALOG_ENDPOINT =
      declare("catalog.endpoint")
          .uri("A Glue API endpoint instead of AWS's (e.g. the catalog bridge).");
  public static final PipelineKey<String> CATALOG_REGION =
      declare("catalog.region").string("The AWS region of the Glue catalog.");
  public static final PipelineKey<String> CATALOG_URI =
      declare("catalog.uri").string("The JDBC URL of a jdbc catalog; required for jdbc.");
  public static final PipelineKey<String> CATALOG_USER =
      declare("catalog.user").string("The JDBC catalog's user.");
  public static final PipelineKey<String> CATALOG_PASSWORD =
      declare("catalog.password").string("The JDBC catalog's password.");
  public static final PipelineKey<String> CATALOG_ACCESS_KEY_ID =
      declare("catalog.access-key-id").string("A static AWS access key that signs Glue calls.");
  public static final PipelineKey<String> CATALOG_SECRET_ACCESS_KEY =
      declare("catalog.secret-access-key").string("The secret of access-key-id.");
  public static final PipelineKey<Duration> CHECKPOINT_INTERVAL =
      declare("checkpointing.interval")
          .duration(Duration.ofSeconds(10), "Time between checkpoints, each one Iceberg commit.");
  public static final PipelineKey<String> CHECKPOINT_STORAGE =
      declare("checkpointing.storage")
          .string(
              "Where checkpoints (and, under savepoints/, savepoints) are kept; default .driftway/<name>/checkpoints for run.");

  public static final PipelineKey<Integer> SETTLE_MAX_HELD =
      declare("checkpointing.settle-max-held")
          .integer(
              SettleBound.DEFAULT_MAX_RECORDS,
              "Records that would move a table's schema wait for the checkpoint barrier and settle"
                  + " it together with every subtask's; when a subtask holds this many (a backlog,"
                  + " barriers late) they settle at once, on that subtask alone.");
  public static final PipelineKey<DataSize> SETTLE_MAX_HELD_BYTES =
      declare("checkpointing.settle-max-held-bytes")
          .dataSize(
              DataSize.ofBytes(SettleBound.DEFAULT_MAX_BYTES),
              "The same bound in bytes of held raw records, whichever is reached first.");

  // --- sink

  public static final PipelineKey<WritePath> SINK_WRITE_PATH =
      declare("sink.write-path")
          .oneOf(
              WritePath.class,
              WritePath::spelling,
              WritePath.COLUMNAR,
              "How rows reach Parquet: columnar writes the rows that fit the table's schema straight"
                  + " into Parquet's column writers (others as rows); rows hands every row to"
                  + " Iceberg's Flink writer. Files, commits and quarantine are the same either way."
                  + " The writer is chosen per JVM (driftway run: per pipeline): once a columnar"
                  + " pipeline runs in a JVM, the JVM's other pipelines write columnar too.");

  // --- alerts

  public static final PipelineKey<String> ALERTS_KAFKA_BOOTSTRAP_SERVERS =
      declare("alerts.kafka.bootstrap-servers")
          .string("The alert topic's cluster; default the first Kafka source's.");
  public static final PipelineKey<String> ALERTS_KAFKA_TOPIC =
      declare("alerts.kafka.topic")
          .required()
          .string("A Kafka topic receiving each alert as JSON.");
  public static final PipelineKey<URI> WEBHOOK_URL =
      declare("alerts.webhook.url")
          .required()
          .uri("An HTTP endpoint receiving each alert as a JSON POST.");
  public static final PipelineKey<Duration> WEBHOOK_TIMEOUT =
      declare("alerts.webhook.timeout")
          .duration(AlertSettings.Webhook.DEFAULT_TIMEOUT, "Time allowed for one POST.");
  public static final PipelineKey<Integer> WEBHOOK_MAX_ATTEMPTS =
      declare("alerts.webhook.max-attempts")
          .integer(
              AlertSettings.Webhook.DEFAULT_MAX_ATTEMPTS,
              "POSTs per alert before it is given up (logged).");
  public static final PipelineKey<Duration> WEBHOOK_INITIAL_BACKOFF =
      declare("alerts.webhook.initial-backoff")
          .duration(
              AlertSettings.Webhook.DEFAULT_BACKOFF,
              "Wait before the first retry; doubles on each retry.");
  public static final PipelineKey<Boolean> ALERTS_LOG =
      declare("alerts.log").bool(true, "Alerts to the log too.");
  public static final PipelineKey<Boolean> ALERTS_BRIDGE =
      declare("alerts.bridge")
          .bool(
              false,
              "Alerts to the catalog bridge too (catalog.endpoint, signed with catalog.access-key-id), stored once each and shown on its web console.");

  /** Every key, in the order of the reference page. */
  public static final List<PipelineKey<?>> ALL = List.copyOf(DECLARED);

  private static final Map<String, Set<String>> SECTIONS = sections();

  private PipelineKeys() {}

  /**
   * The keys a section may hold ({@code ""} is the top level, {@code sources[]} an item of the
   * sources list); empty for a path that is no section.
   */
  public static Set<String> keysOf(String section) {
    return SECTIONS.getOrDefault(section, Set.of());
  }

  private static Map<String, Set<String>> sections() {
    Map<String, Set<String>> sections = new LinkedHashMap<>();
    for (PipelineKey<?> key : ALL) {
      String parent = "";
      for (String part : DOT.splitAsStream(key.path()).toList()) {
        String name = part.replace("[]", "");
        sections.computeIfAbsent(parent, p -> new LinkedHashSet<>()).add(name);
        parent = parent.isEmpty() ? part : parent + "." + part;
      }
    }
    Map<String, Set<String>> frozen = new LinkedHashMap<>();
    sections.forEach((section, keys) -> frozen.put(section, Set.copyOf(keys)));
    return Map.copyOf(frozen);
  }

  private static Declaration declare(String path) {
    return new Declaration(path);
  }

  /** One declaration in progress: {@code declare(path).required().string(description)}. */
  private static final class Declaration {
    private final String path;
    private boolean required;

    Declaration(String path) {
      this.path = path;
    }

    Declaration required() {
      required = true;
      return this;
    }

    PipelineKey<String> string(String description) {
      return add(type().stringType().description(description), List.of());
    }

    PipelineKey<String> string(String defaultValue, String description) {
      return add(
          type().stringType().defaultValue(defaultValue).description(description), List.of());
    }

    PipelineKey<String> typed(String typeName, String description) {
      return add(
          type()
              .structuredType(typeName, PipelineKeys::text, Function.identity())
              .description(description),
          List.of());
    }

    PipelineKey<String> typed(String typeName, String defaultValue, String description) {
      return add(
          type()
              .structuredType(typeName, PipelineKeys::text, Function.identity())
              .defaultValue(defaultValue)
              .description(description),
          List.of());
    }

    PipelineKey<List<String>> stringList(String description) {
      return add(type().stringListType().description(description), List.of());
    }

    PipelineKey<List<String>> stringList(List<String> defaultValue, String description) {
      return add(
          type().stringListType().defaultValue(defaultValue).description(description), List.of());
    }

    PipelineKey<Map<String, String>> map(String description) {
      return add(
          type()
              .structuredType(MAP, PipelineKeys::stringMap, Object::toString)
              .description(description),
          List.of());
    }

    PipelineKey<Integer> integer(String description) {
      return add(type().intType().description(description), List.of());
    }

    PipelineKey<Integer> integer(int defaultValue, String description) {
      return add(type().intType().defaultValue(defaultValue).description(description), List.of());
    }

    PipelineKey<Boolean> bool(String description) {
      return add(type().booleanType().description(description), List.of());
    }

    PipelineKey<Boolean> bool(boolean defaultValue, String description) {
      return add(
          type().booleanType().defaultValue(defaultValue).description(description), List.of());
    }

    PipelineKey<Duration> duration(String description) {
      return add(type().durationType().description(description), List.of());
    }

    PipelineKey<Duration> duration(Duration defaultValue, String description) {
      return add(
          type().durationType().defaultValue(defaultValue).description(description), List.of());
    }

    PipelineKey<DataSize> dataSize(DataSize defaultValue, String description) {
      return add(
          type().dataSizeType().defaultValue(defaultValue).description(description), List.of());
    }

    PipelineKey<URI> uri(String description) {
      return add(type().uriType().description(description), List.of());
    }

    /** A key out of a fixed set of spellings, read as the constant that has it. */
    <E> PipelineKey<E> oneOf(List<E> constants, Function<E, String> spelling, String description) {
      return oneOf(constants, spelling, null, description);
    }

    <E extends Enum<E>> PipelineKey<E> oneOf(
        Class<E> type, Function<E, String> spelling, E defaultValue, String description) {
      return oneOf(Arrays.asList(type.getEnumConstants()), spelling, defaultValue, description);
    }

    <E> PipelineKey<E> oneOf(
        List<E> constants, Function<E, String> spelling, E defaultValue, String description) {
      List<String> allowed = constants.stream().map(spelling).toList();
      ConfigOption.ValueStep<E> step =
          type()
              .structuredType(
                  "one of " + String.join(", ", allowed),
                  raw -> {
                    String text = text(raw);
                    return constants.stream()
                        .filter(c -> spelling.apply(c).equalsIgnoreCase(text.trim()))
                        .findFirst()
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "not one of " + allowed + ": " + text));
                  },
                  spelling);
      if (defaultValue != null) {
        step.defaultValue(defaultValue);
      }
      return add(step.description(description), allowed);
    }

    /** A text policy out of {@code allowed} (their spelling is the value itself). */
    PipelineKey<String> oneOf(List<String> allowed, String defaultValue, String description) {
      return add(
          type()
              .structuredType(
                  "one of " + String.join(", ", allowed), PipelineKeys::text, Function.identity())
              .defaultValue(defaultValue)
              .description(description),
          allowed);
    }

    private ConfigOption.TypeStep type() {
      return ConfigOption.key(path.replace("[]", ""));
    }

    private <T> PipelineKey<T> add(ConfigOption<T> option, List<String> allowed) {
      PipelineKey<T> key = new PipelineKey<>(path, option, required, allowed);
      DECLARED.add(key);
      return key;
    }
  }

  private static String text(Object raw) {
    if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
      throw new IllegalArgumentException("expected a single value, not a list or map");
    }
    return String.valueOf(raw);
  }

  private static Map<String, String> stringMap(Object raw) {
    if (!(raw instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("expected a mapping of names to values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    map.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
    return values;
  }
}
