package io.driftway.streamjobs.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.alerts.AlertSettings;
import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.SettleBound;
import io.driftway.connectors.tracking.TableSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipelineSpecLoaderTest {

  private static final String MINIMAL =
      """
      name: orders
      sources:
        - kafka:
            bootstrap-servers: 127.0.0.1:9092
            topics: [orders]
      routing:
        table: orders
      warehouse:
        location: ./warehouse
      catalog:
        type: hadoop
      """;

  /** Plain Avro with a fixed writer schema: its column types are known before any record. */
  private static final String AVRO =
      """
      name: orders
      sources:
        - kafka:
            bootstrap-servers: 127.0.0.1:9092
            topics: [orders]
      routing:
        table: orders
      warehouse:
        location: ./warehouse
      catalog:
        type: hadoop
      format:
        type: avro
        avro-schema: |
          {"type": "record", "name": "Device", "fields": [
            {"name": "id", "type": "long"},
            {"name": "model", "type": ["null", "string"], "default": null},
            {"name": "seen_at", "type": {"type": "long", "logicalType": "timestamp-micros"}}
          ]}
      """;

  static Stream<Path> examples() throws IOException {
    Path dir =
        Path.of(System.getProperty("driftway.repo.root", "..")).resolve("stream-jobs/examples");
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(5);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleLoads(Path example) throws IOException {
    PipelineSpec spec =
        PipelineSpecLoader.parse(
            example.getFileName().toString(), Files.readString(example), name -> "secret-" + name);

    assertThat(spec.sources()).isNotEmpty();
    assertThat(spec.tables()).isNotEmpty();
  }

  @Test
  void appliesDefaultsToAMinimalFile() {
    PipelineSpec spec = parse(MINIMAL);

    assertThat(spec.name()).isEqualTo("orders");
    assertThat(spec.format()).isEqualTo(FormatSettings.json());
    assertThat(spec.parallelism()).isEqualTo(1);
    assertThat(spec.checkpointing().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(spec.alerts()).isEqualTo(AlertSettings.LOG_ONLY);
    SourceSpec.Kafka kafka = (SourceSpec.Kafka) spec.sources().get(0);
    assertThat(kafka.groupId()).isEqualTo("driftway-orders");
    assertThat(kafka.start()).isEqualTo(SourceSpec.KafkaStart.COMMITTED);
    assertThat(spec.tables()).containsExactly(TableSettings.defaults("driftway", "orders"));
  }

  @Test
  void readsTheSettleBoundIntoTheTrackingSettingsWithDefaults() {
    assertThat(parse(MINIMAL).tracking().settle()).isEqualTo(SettleBound.DEFAULTS);
    assertThat(SettleBound.DEFAULTS).isEqualTo(new SettleBound(10_000, 16L * 1024 * 1024));

    PipelineSpec spec =
        parse(MINIMAL + "checkpointing:\n  settle-max-held: 500\n  settle-max-held-bytes: 64KiB\n");

    assertThat(spec.tracking().settle()).isEqualTo(new SettleBound(500, 64 * 1024));
  }

  @Test
  void readsTheWritePathColumnarByDefault() {
    assertThat(parse(MINIMAL).writePath()).isEqualTo(WritePath.COLUMNAR);
    assertThat(parse(MINIMAL + "sink:\n  write-path: rows\n").writePath())
        .isEqualTo(WritePath.ROWS);
    assertThat(parse(MINIMAL + "sink:\n  write-path: columnar\n").writePath())
        .isEqualTo(WritePath.COLUMNAR);
  }

  /** Routing by field to {@code clicks} (named under routing.tables) and to anything else. */
  private static final String BY_FIELD =
      MINIMAL.replace(
          "routing:\n  table: orders\n",
          "routing:\n  by-field: kind\n  tables:\n    click: clicks\n");

  @Test
  void aTableNamedUnderRoutingTablesButNotDeclaredLivesInTheTopLevelDatabase() {
    PipelineSpec spec =
        parse(BY_FIELD + "database: raw\ntables:\n  - name: orders\n    database: shop\n");

    assertThat(spec.table("clicks").orElseThrow().database()).isEqualTo("raw");
    assertThat(spec.tracking().table("clicks").database()).isEqualTo("raw");
  }

  @Test
  void aTableRoutingCreatesOnTheWayLivesInTheTopLevelDatabase() {
    PipelineSpec spec =
        parse(BY_FIELD + "database: raw\ntables:\n  - name: orders\n    database: shop\n");

    assertThat(spec.table("refunds")).isEmpty();
    assertThat(spec.tracking().table("refunds").database()).isEqualTo("raw");
    assertThat(spec.defaultDatabase()).isEqualTo("raw");
    assertThat(spec.table("orders").orElseThrow().database()).isEqualTo("shop");
  }

  @Test
  void withoutATopLevelDatabaseEveryTableThatNamesNoneLivesInTheFirstDeclaredTablesDatabase() {
    PipelineSpec spec =
        parse(BY_FIELD + "tables:\n  - name: orders\n    database: shop\n  - name: refunds\n");

    assertThat(spec.table("refunds").orElseThrow().database()).isEqualTo("shop");
    assertThat(spec.table("clicks").orElseThrow().database()).isEqualTo("shop");
    assertThat(spec.tracking().table("returns").database()).isEqualTo("shop");
  }

  @Test
  void withNoDatabaseAnywhereEveryTableLivesInDriftway() {
    PipelineSpec spec = parse(BY_FIELD);

    assertThat(spec.table("clicks").orElseThrow().database()).isEqualTo("driftway");
    assertThat(spec.tracking().table("returns").database()).isEqualTo("driftway");
  }

  @Test
  void readsTimestampInferencePerTableOffByDefault() {
    PipelineSpec spec =
        parse(
            MINIMAL + "tables:\n  - name: orders\n    infer-timestamps: true\n  - name: refunds\n");

    assertThat(spec.table("orders").orElseThrow().inferTimestamps()).isTrue();
    assertThat(spec.table("refunds").orElseThrow().inferTimestamps()).isFalse();
  }

  @Test
  void readsTheKafkaJsonExampleInFull() throws IOException {
    Path file = examples().filter(p -> p.endsWith("kafka-json.yaml")).findFirst().orElseThrow();
    PipelineSpec spec =
        PipelineSpecLoader.parse("kafka-json.yaml", Files.readString(file), n -> null);

    TableSettings orders = spec.table("orders").orElseThrow();
    assertThat(orders.database()).isEqualTo("sales");
    assertThat(orders.partitionBy()).containsExactly("day(event_time)", "identity(region)");
    assertThat(orders.hints()).containsEntry("amount", "decimal(12,2)");
    assertThat(orders.overrides()).containsEntry("/payload/price", "cast:double");
    assertThat(orders.mapAfterKeys()).isEqualTo(200);
    assertThat(orders.freshnessSlo()).isEqualTo(Duration.ofMinutes(2));
    assertThat(orders.inferTimestamps()).isFalse();
    assertThat(spec.alerts().webhook().maxAttempts()).isEqualTo(5);
    assertThat(spec.checkpointing().storage()).contains("file:///tmp/driftway-checkpoints/orders");
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of(
            MINIMAL.replace("topics:", "topcis:"),
            "Cannot load pipeline: unknown key 'topcis' (allowed: bootstrap-servers, group-id,"
                + " properties, starting-position, starting-timestamp, topic-pattern, topics):"
                + " p.yaml:5 sources[0].kafka.topcis"),
        Arguments.of(
            MINIMAL.replace(
                "topics: [orders]", "topics: [orders]\n      starting-position: earliset"),
            "Cannot load pipeline: unknown value 'earliset' (allowed: earliest, latest, committed,"
                + " timestamp): p.yaml:6 sources[0].kafka.starting-position"),
        Arguments.of(
            MINIMAL.replace("type: hadoop", "type: hive"),
            "Cannot load pipeline: unknown value 'hive' (allowed: glue, jdbc, hadoop): p.yaml:11"
                + " catalog.type"),
        Arguments.of(
            MINIMAL + "sink:\n  write-path: records\n",
            "Cannot load pipeline: unknown value 'records' (allowed: columnar, rows): p.yaml:13"
                + " sink.write-path"),
        Arguments.of(
            MINIMAL.replace("table: orders", "table: Orders"),
            "Cannot load pipeline: not a valid table or database name 'Orders' (use lower-case"
                + " letters, digits and _, starting with a letter or _; Glue and Athena fold names"
                + " to lower case): p.yaml:7 routing.table"),
        Arguments.of(
            MINIMAL + "tables:\n  - name: orders\n    partition-by: [weekly(ts)]\n",
            "Cannot load pipeline: unknown partition transform 'weekly(ts)' (allowed: identity(col),"
                + " year(col), month(col), day(col), hour(col), bucket(n, col), truncate(w, col), or a"
                + " bare column name): p.yaml:14 tables[0].partition-by[0]"),
        Arguments.of(
            MINIMAL + "tables:\n  - name: orders\n    partition-by: [day(ts)]\n",
            "Cannot load pipeline: table driftway.orders: partition transform 'day(ts)' needs a date"
                + " or timestamp column, but json gives ts no such type without a schema hint: add a"
                + " hint, e.g. hints: {ts: timestamptz}: p.yaml:14 tables[0].partition-by[0]"),
        Arguments.of(
            MINIMAL
                + "tables:\n  - name: orders\n    partition-by: [hour(ts)]\n    hints:\n"
                + "      ts: date\n",
            "Cannot load pipeline: table driftway.orders: partition transform 'hour(ts)' needs a"
                + " timestamp column, but the hint makes ts date: hint it as timestamptz, timestamp"
                + " or partition by identity(ts): p.yaml:14 tables[0].partition-by[0]"),
        Arguments.of(
            AVRO.replace("table: orders", "by-field: kind"),
            "Cannot load pipeline: routing field 'kind' is not in the Avro writer schema (fields:"
                + " id, model, seen_at): p.yaml:7 routing.by-field"),
        Arguments.of(
            AVRO + "tables:\n  - name: orders\n    partition-by: [day(model)]\n",
            "Cannot load pipeline: table driftway.orders: partition transform 'day(model)' needs a"
                + " date or timestamp column, but the Avro writer schema has model as string:"
                + " partition by identity(model) or a transform that fits string: p.yaml:22"
                + " tables[0].partition-by[0]"),
        Arguments.of(
            AVRO + "tables:\n  - name: orders\n    hints:\n      id: string\n",
            "Cannot load pipeline: table driftway.orders: the hint makes id string, but the Avro"
                + " writer schema has it as long and Iceberg cannot change one into the other: hint"
                + " it as long or drop the hint: p.yaml:23 tables[0].hints"),
        Arguments.of(
            AVRO
                + "tables:\n  - name: orders\n    policies:\n      overrides:\n"
                + "        /seen_at: cast:int\n",
            "Cannot load pipeline: table driftway.orders: override /seen_at: cast:int makes values"
                + " int, but the Avro writer schema has the column as timestamptz, which cannot hold"
                + " them: use cast:timestamptz or match_catalog: p.yaml:24"
                + " tables[0].policies.overrides"),
        Arguments.of(
            MINIMAL + "tables:\n  - name: orders\n    policies:\n      type-conflicts: coerce\n",
            "Cannot load pipeline: unknown policy 'coerce' (allowed: widen, cast:<type>, make_cols,"
                + " make_struct, project:<type>, match_catalog, quarantine; for new fields: evolve,"
                + " rescue, fail, ignore, hold): p.yaml:15 tables[0].policies.type-conflicts"),
        Arguments.of(
            MINIMAL + "tables:\n  - name: orders\n    freshness-slo: 0s\n",
            "Cannot load pipeline: expected a positive duration such as 30s or 2m, found '0s':"
                + " p.yaml:14 tables[0].freshness-slo"),
        Arguments.of(
            MINIMAL + "tables:\n  - name: orders\n    partition-by: [bucket(16, id)]\n",
            "Cannot load pipeline: partition transform 'bucket(16' is cut at a comma: inside [...]"
                + " write it in quotes, e.g. \"bucket(16, user_id)\": p.yaml:14"
                + " tables[0].partition-by[0]"),
        Arguments.of(
            MINIMAL + "format:\n  type: csv\n",
            "Cannot load pipeline: format csv needs 'csv' with a 'header': a message is one line:"
                + " p.yaml:13 format"),
        Arguments.of(
            MINIMAL + "checkpointing:\n  interval: soon\n",
            "Cannot load pipeline: expected a duration such as 500ms, 10s, 5m or 1h, found 'soon':"
                + " p.yaml:13 checkpointing.interval"),
        Arguments.of(
            MINIMAL.replace("routing:\n  table: orders\n", ""),
            "Cannot load pipeline: missing required key 'routing': p.yaml:1 (top)"),
        Arguments.of(
            MINIMAL.replace(
                "      topics: [orders]", "      topics: [orders]\n      topic-pattern: o.*"),
            "Cannot load pipeline: only one of these may be set, found topics, topic-pattern:"
                + " p.yaml:4 sources[0].kafka"),
        Arguments.of(
            MINIMAL.replace("./warehouse", "${WAREHOUSE_DIR}"),
            "Cannot load pipeline: environment variable WAREHOUSE_DIR is not set: p.yaml:9"),
        Arguments.of(
            MINIMAL.replace("parallelism", "x") + "parallelism: 0\n",
            "Cannot load pipeline: expected a positive whole number, found '0': p.yaml:12"
                + " parallelism"),
        Arguments.of(
            "name: [unclosed\n",
            "Cannot load pipeline: not valid YAML: expected ',' or ']', but got <stream end>:"
                + " p.yaml:2"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void namesTheFileLineKeyAndWhatIsAllowed(String text, String message) {
    assertThatThrownBy(() -> parse(text)).isInstanceOf(SpecException.class).hasMessage(message);
  }

  @Test
  void acceptsATimeTransformOnAHintedColumnOrOnAFormatThatCarriesTypes() {
    assertThat(
            parse(
                    MINIMAL
                        + "tables:\n  - name: orders\n    partition-by: [day(ts)]\n    hints:\n"
                        + "      /TS: timestamptz\n")
                .table("orders")
                .orElseThrow()
                .partitionBy())
        .containsExactly("day(ts)");
    assertThat(
            parse(
                    MINIMAL
                        + "format:\n  type: avro-confluent\n  registry:\n    url: http://127.0.0.1:1\n"
                        + "tables:\n  - name: orders\n    partition-by: [month(seen_at)]\n")
                .table("orders")
                .orElseThrow()
                .partitionBy())
        .containsExactly("month(seen_at)");
  }

  @Test
  void readsTheRegistrySubjectStrategy() {
    String format = "format:\n  type: avro-confluent\n  registry:\n    url: http://127.0.0.1:1\n";

    assertThat(parse(MINIMAL + format).format().registrySubjects())
        .isEqualTo(FormatSettings.SubjectStrategy.ANY);
    assertThat(
            parse(MINIMAL + format + "    subject-strategy: topic\n").format().registrySubjects())
        .isEqualTo(FormatSettings.SubjectStrategy.TOPIC);
  }

  @Test
  void refusesARecursiveAvroWriterSchemaAtItsKey() {
    String text =
        MINIMAL
            + "format:\n  type: avro\n  avro-schema: '{\"type\": \"record\", \"name\": \"Node\","
            + " \"fields\": [{\"name\": \"next\", \"type\": [\"null\", \"Node\"]}]}'\n";

    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith(
            "Cannot load pipeline: Cannot decode Avro records: unusable writer schema in"
                + " format.avro-schema: Cannot map Avro schema: recursive record Node has no table"
                + " form: /next");
  }

  @Test
  void refusesAHintTheSchemaLayerCannotParseAtItsTable() {
    String text = MINIMAL + "tables:\n  - name: orders\n    hints:\n      amount: money\n";

    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("Cannot load pipeline: table driftway.orders: ")
        .hasMessageEndingWith(": p.yaml:13 tables[0]");
  }

  @Test
  void defaultsToTheCatalogBridgeOnThisMachine() {
    PipelineSpec spec = parse(MINIMAL.replace("catalog:\n  type: hadoop\n", ""));

    assertThat(spec.catalog()).isEqualTo(StorageSpec.Catalog.defaultBridge());
    assertThat(spec.catalog().endpoint()).contains(java.net.URI.create("http://127.0.0.1:9047"));
  }

  @Test
  void resolvesEnvironmentVariables() {
    PipelineSpec spec =
        PipelineSpecLoader.parse(
            "p.yaml", MINIMAL.replace("./warehouse", "${WAREHOUSE_DIR}"), n -> "/data/lake");

    assertThat(spec.warehouse().location()).isEqualTo("/data/lake");
  }

  private static PipelineSpec parse(String text) {
    return PipelineSpecLoader.parse("p.yaml", text, name -> null);
  }
}
