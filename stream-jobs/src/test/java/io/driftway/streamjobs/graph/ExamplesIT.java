package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.connectors.registry.ConfluentAvroEncoder;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.kinesis.KinesaliteServer;
import io.driftway.testsupport.kinesis.KinesisExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.registry.SchemaRegistryServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Runs every file in {@code stream-jobs/examples/} end to end: a few records in the example's
 * format into its source, the pipeline on the shared MiniCluster, its tables read back with
 * Iceberg's reader. A test changes only what must point at the test's servers (brokers, streams,
 * endpoints, warehouse, catalog, checkpoint folder and interval, parallelism, TLS settings of a
 * server that has none) and keeps formats, routing, tables, hints, policies and partitioning as the
 * file has them. A new example without a case here fails the test. {@code
 * -Ddriftway.examples.only=kafka-csv.yaml} runs one case.
 */
@ExtendWith({
  KafkaExtension.class,
  KinesisExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class ExamplesIT {

  private static final Map<String, String> ENVIRONMENT =
      Map.of("KAFKA_PASSWORD", "unused", "REGISTRY_PASSWORD", "unused", "ICEBERG_DB_PASSWORD", "");

  static Stream<String> examples() throws IOException {
    Path dir = examplesDir();
    List<String> names;
    try (Stream<Path> listing = Files.list(dir)) {
      names =
          listing
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .sorted()
              .toList();
    }
    assertThat(names)
        .as("every example needs a case in ExamplesIT")
        .containsExactlyInAnyOrder(
            "kafka-avro-confluent.yaml",
            "kafka-avro.yaml",
            "kafka-csv.yaml",
            "kafka-json.yaml",
            "kinesis-json.yaml");
    String only = System.getProperty("driftway.examples.only");
    return names.stream().filter(n -> only == null || only.isEmpty() || n.equals(only));
  }

  private static Path examplesDir() {
    return Path.of(System.getProperty("driftway.repo.root", "..")).resolve("stream-jobs/examples");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void runsEndToEnd(
      String example,
      KafkaBroker kafka,
      KinesaliteServer kinesis,
      S3ProxyServer s3,
      PostgresServer postgres,
      FlinkCluster flink,
      @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> yaml =
        new Yaml(new LoaderOptions()).load(Files.readString(examplesDir().resolve(example)));
    // What every example gets: local checkpoints, quick commits, two subtasks.
    Map<String, Object> checkpointing = section(yaml, "checkpointing");
    checkpointing.put("interval", "1s");
    checkpointing.put("storage", dir.resolve("checkpoints").toUri().toString());
    yaml.put("parallelism", 2);
    yaml.put("name", yaml.get("name") + "-" + suffix);
    List<AutoCloseable> closing = new ArrayList<>();
    try {
      Case run =
          switch (example) {
            case "kafka-json.yaml" -> kafkaJson(yaml, kafka, dir, suffix, closing);
            case "kafka-avro.yaml" -> kafkaAvro(yaml, kafka, dir, suffix);
            case "kafka-csv.yaml" -> kafkaCsv(yaml, kafka, postgres, dir, suffix);
            case "kinesis-json.yaml" -> kinesisJson(yaml, kinesis, s3, dir, suffix, closing);
            case "kafka-avro-confluent.yaml" ->
                avroConfluent(yaml, kafka, s3, dir, suffix, closing);
            default -> throw new AssertionError("no case for " + example);
          };
      DumperOptions options = new DumperOptions();
      options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
      PipelineSpec spec =
          PipelineSpecLoader.parse(example, new Yaml(options).dump(yaml), ENVIRONMENT::get);
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      if (catalog instanceof Closeable c) {
        closing.add(c);
      }
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        run.produce.run();
        run.check.accept(catalog);
      } finally {
        job.cancel().get();
      }
    } finally {
      for (int i = closing.size() - 1; i >= 0; i--) {
        closing.get(i).close();
      }
    }
  }

  /** Feeds an example's source and checks its tables. */
  private record Case(ThrowingRunnable produce, ThrowingConsumer<Catalog> check) {}

  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface ThrowingConsumer<T> {
    void accept(T value) throws Exception;
  }

  private static Case kafkaJson(
      Map<String, Object> yaml,
      KafkaBroker kafka,
      Path dir,
      String suffix,
      List<AutoCloseable> closing)
      throws IOException {
    String topic = "orders-" + suffix;
    kafka.createTopic(topic, 2);
    Map<String, Object> source = kafkaSource(yaml, kafka);
    source.put("topics", List.of(topic));
    source.put("group-id", "orders-" + suffix);
    section(yaml, "warehouse").put("location", dir.resolve("warehouse").toString());
    WebhookReceiver webhook = new WebhookReceiver();
    closing.add(webhook);
    section(section(yaml, "alerts"), "webhook").put("url", webhook.url("/alerts"));
    section(section(yaml, "alerts"), "kafka").put("topic", "schema-changes-" + suffix);
    return new Case(
        () ->
            PipelineHarness.produce(
                kafka,
                topic,
                List.of(
                    utf8(
                        "{\"id\": 1, \"event_time\": \"2026-11-02T10:00:00Z\", \"region\": \"eu\","
                            + " \"amount\": 12.5, \"payload\": {\"price\": 3.5}}"),
                    utf8(
                        "{\"id\": 2, \"event_time\": \"2026-11-03T11:00:00Z\", \"region\": \"us\","
                            + " \"amount\": 7, \"payload\": {\"price\": 4.5}}"),
                    utf8(
                        "{\"id\": 3, \"event_time\": \"2026-11-03T12:00:00Z\", \"region\": \"eu\","
                            + " \"amount\": 0.25, \"payload\": {\"price\": \"5\"}}"))),
        catalog -> {
          TableIdentifier id = TableIdentifier.of("sales", "orders");
          List<Record> rows = awaitRows(catalog, id, 3);
          Table table = catalog.loadTable(id);
          Types.StructType schema = table.schema().asStruct();
          assertThat(schema.field("event_time").type()).isEqualTo(Types.TimestampType.withZone());
          assertThat(schema.field("amount").type()).isEqualTo(Types.DecimalType.of(12, 2));
          assertThat(schema.field("payload").type().asStructType().field("price").type())
              .isEqualTo(Types.DoubleType.get());
          assertThat(transforms(table)).containsExactly("day(event_time)", "identity(region)");
          assertThat(rows).hasSize(3);
          Record third = PipelineHarness.row(rows, 3);
          assertThat(third.getField("amount")).isEqualTo(new BigDecimal("0.25"));
          assertThat(((Record) third.getField("payload")).getField("price")).isEqualTo(5.0);
          assertThat(third.getField("event_time"))
              .isEqualTo(OffsetDateTime.parse("2026-11-03T12:00:00Z"));
        });
  }

  private static Case kafkaAvro(
      Map<String, Object> yaml, KafkaBroker kafka, Path dir, String suffix) {
    String topic = "devices-" + suffix;
    kafka.createTopic(topic, 2);
    Map<String, Object> source = kafkaSource(yaml, kafka);
    source.put("topics", List.of(topic));
    // The file reads from the newest offset; the test writes before the source has any, so it
    // reads from the earliest instead, and nothing depends on when the job's source starts.
    source.put("starting-position", "earliest");
    section(yaml, "warehouse").put("location", dir.resolve("warehouse").toString());
    Schema schema = new Schema.Parser().parse((String) section(yaml, "format").get("avro-schema"));
    Instant seen = Instant.parse("2026-11-02T10:15:30Z");
    return new Case(
        () -> {
          List<byte[]> values = new ArrayList<>();
          for (long i = 1; i <= 3; i++) {
            GenericRecord device = new GenericData.Record(schema);
            device.put("id", i);
            device.put("model", i == 2 ? null : "m-" + i);
            device.put("seen_at", (seen.getEpochSecond() + i) * 1_000_000L);
            values.add(avroBinary(schema, device));
          }
          PipelineHarness.produce(kafka, topic, values);
        },
        catalog -> {
          TableIdentifier id = TableIdentifier.of("driftway", "devices");
          List<Record> rows = awaitRows(catalog, id, 3);
          Table table = catalog.loadTable(id);
          assertThat(table.schema().findField("seen_at").type())
              .isEqualTo(Types.TimestampType.withZone());
          assertThat(transforms(table)).containsExactly("month(seen_at)");
          assertThat(rows).hasSize(3);
          assertThat(PipelineHarness.row(rows, 1).getField("model")).isEqualTo("m-1");
          assertThat(PipelineHarness.row(rows, 2).getField("model")).isNull();
          assertThat(PipelineHarness.row(rows, 3).getField("seen_at"))
              .isEqualTo(seen.plusSeconds(3).atOffset(ZoneOffset.UTC));
        });
  }

  private static Case kafkaCsv(
      Map<String, Object> yaml,
      KafkaBroker kafka,
      PostgresServer postgres,
      Path dir,
      String suffix) {
    String topic = "sensor-readings-" + suffix;
    kafka.createTopic(topic, 2);
    Map<String, Object> source = kafkaSource(yaml, kafka);
    source.put("topics", List.of(topic));
    section(yaml, "warehouse").put("location", dir.resolve("warehouse").toString());
    Map<String, Object> catalog = section(yaml, "catalog");
    catalog.put("uri", postgres.createDatabase("catalog"));
    catalog.put("user", postgres.user());
    catalog.put("password", postgres.password());
    return new Case(
        () ->
            PipelineHarness.produce(
                kafka,
                topic,
                List.of(
                    utf8("s-0001;21.5;C;2026-11-02T10:00:00"),
                    utf8("s-0002;n/a;C;2026-11-02T10:05:00"),
                    utf8("s-0003;70.1;F;2026-11-03T08:00:00"))),
        tables -> {
          TableIdentifier id = TableIdentifier.of("driftway", "readings");
          List<Record> rows = awaitRows(tables, id, 3);
          Table table = tables.loadTable(id);
          assertThat(table.schema().findField("measured_at").type())
              .isEqualTo(Types.TimestampType.withoutZone());
          assertThat(transforms(table))
              .containsExactly("day(measured_at)", "truncate[4](sensor_id)");
          assertThat(rows).hasSize(3);
          Record second = bySensor(rows, "s-0002");
          assertThat(second.getField("reading")).isNull();
          assertThat(second.getField("measured_at"))
              .isEqualTo(LocalDateTime.parse("2026-11-02T10:05:00"));
          assertThat(bySensor(rows, "s-0003").getField("unit")).isEqualTo("F");
        });
  }

  private static Case kinesisJson(
      Map<String, Object> yaml,
      KinesaliteServer kinesis,
      S3ProxyServer s3,
      Path dir,
      String suffix,
      List<AutoCloseable> closing) {
    String stream = "clickstream-" + suffix;
    KinesisClient client =
        KinesisClient.builder()
            .endpointOverride(kinesis.endpoint())
            .region(Region.of(kinesis.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    closing.add(client);
    client.createStream(b -> b.streamName(stream).shardCount(1));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .describeStreamSummary(b -> b.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                    == StreamStatus.ACTIVE);
    @SuppressWarnings("unchecked")
    Map<String, Object> source =
        section((Map<String, Object>) ((List<Object>) yaml.get("sources")).get(0), "kinesis");
    source.put("streams", List.of(stream));
    source.put("region", kinesis.region());
    source.put("endpoint", kinesis.endpoint().toString());
    source.put("access-key-id", "test");
    source.put("secret-access-key", "test");
    BridgeLake lake = BridgeLake.start(s3, dir, suffix);
    closing.add(lake);
    useLake(yaml, lake);
    return new Case(
        () -> {
          String[] events = {
            "{\"event_type\": \"page_view\", \"id\": 1, \"ts\": \"2026-11-02T10:00:00Z\","
                + " \"page\": \"/home\"}",
            "{\"event_type\": \"click\", \"id\": 2, \"ts\": \"2026-11-02T10:00:01Z\","
                + " \"target\": \"buy\"}",
            "{\"event_type\": \"page_view\", \"id\": 3, \"ts\": \"2026-11-02T10:00:02Z\","
                + " \"page\": \"/cart\"}"
          };
          for (String event : events) {
            client.putRecord(
                b -> b.streamName(stream).partitionKey("k").data(SdkBytes.fromUtf8String(event)));
          }
        },
        catalog -> {
          TableIdentifier views = TableIdentifier.of("web", "page_views");
          TableIdentifier clicks = TableIdentifier.of("web", "clicks");
          List<Record> viewRows = awaitRows(catalog, views, 2);
          List<Record> clickRows = awaitRows(catalog, clicks, 1);
          assertThat(catalog.loadTable(views).schema().findField("ts").type())
              .isEqualTo(Types.TimestampType.withZone());
          assertThat(transforms(catalog.loadTable(views))).containsExactly("day(ts)");
          assertThat(transforms(catalog.loadTable(clicks))).containsExactly("day(ts)");
          assertThat(PipelineHarness.ids(viewRows)).containsExactlyInAnyOrder(1L, 3L);
          // Hinted fields are columns; under new-fields: rescue the others are rescued.
          Record home = PipelineHarness.row(viewRows, 1);
          assertThat(home.getField("page")).isEqualTo("/home");
          assertThat(PipelineHarness.parseJson((String) home.getField("_rescued_data")))
              .isEqualTo(PipelineHarness.parseJson("{\"/event_type\": \"page_view\"}"));
          assertThat(catalog.loadTable(views).schema().findField("event_type")).isNull();
          assertThat(clickRows).hasSize(1);
          assertThat(clickRows.get(0).getField("target")).isEqualTo("buy");
        });
  }

  private static Case avroConfluent(
      Map<String, Object> yaml,
      KafkaBroker kafka,
      S3ProxyServer s3,
      Path dir,
      String suffix,
      List<AutoCloseable> closing)
      throws IOException {
    // The routing renames payments.card and payments.sepa: those topic names stay as they are.
    String card = "payments.card";
    String sepa = "payments.sepa";
    kafka.createTopic(card, 2);
    kafka.createTopic(sepa, 1);
    Map<String, Object> source = kafkaSource(yaml, kafka);
    source.put("group-id", "payments-" + suffix);
    // The test broker speaks plain text; the file's SASL_SSL settings are for a real cluster. The
    // pattern is looked up again every half second instead of 30: the first look may come before
    // the broker lists the topics just made.
    source.put("properties", Map.of("partition.discovery.interval.ms", "500"));
    Schema schema =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Payment", "namespace": "it", "fields": [
                  {"name": "id", "type": "long"},
                  {"name": "account_id", "type": "string"},
                  {"name": "amount", "type": "double"},
                  {"name": "created_at",
                   "type": {"type": "long", "logicalType": "timestamp-millis"}}]}
                """);
    SchemaRegistryServer registry = SchemaRegistryServer.start().register(7, schema);
    closing.add(registry);
    section(section(yaml, "format"), "registry").put("url", registry.url());
    BridgeLake lake = BridgeLake.start(s3, dir, suffix);
    closing.add(lake);
    useLake(yaml, lake);
    Instant created = Instant.parse("2026-11-02T10:15:30Z");
    return new Case(
        () -> {
          for (long i = 1; i <= 4; i++) {
            GenericRecord payment = new GenericData.Record(schema);
            payment.put("id", i);
            payment.put("account_id", "acct-" + i);
            payment.put("amount", i + 0.5);
            payment.put("created_at", created.toEpochMilli() + i);
            PipelineHarness.produce(
                kafka, i <= 3 ? card : sepa, List.of(ConfluentAvroEncoder.encode(7, payment)));
          }
        },
        catalog -> {
          TableIdentifier cards = TableIdentifier.of("finance", "card_payments");
          TableIdentifier sepas = TableIdentifier.of("finance", "sepa_payments");
          List<Record> cardRows = awaitRows(catalog, cards, 3);
          List<Record> sepaRows = awaitRows(catalog, sepas, 1);
          assertThat(PipelineHarness.ids(cardRows)).containsExactlyInAnyOrder(1L, 2L, 3L);
          assertThat(PipelineHarness.ids(sepaRows)).containsExactly(4L);
          assertThat(transforms(catalog.loadTable(cards)))
              .containsExactly("hour(created_at)", "bucket[16](account_id)");
          assertThat(sepaRows.get(0).getField("amount")).isEqualTo(4.5);
          assertThat(PipelineHarness.row(cardRows, 2).getField("created_at"))
              .isEqualTo(created.plusMillis(2).atOffset(ZoneOffset.UTC));
        });
  }

  /**
   * Waits for the rows; on time-out says which tables the namespace has, and why rows were refused.
   */
  private static List<Record> awaitRows(Catalog catalog, TableIdentifier id, int count) {
    try {
      return PipelineHarness.awaitRows(catalog, id, count);
    } catch (ConditionTimeoutException e) {
      StringBuilder found = new StringBuilder();
      for (TableIdentifier table : catalog.listTables(id.namespace())) {
        List<Record> rows = PipelineHarness.rows(catalog, table);
        found.append("\n  ").append(table).append(": ").append(rows.size()).append(" rows");
        if (table.name().endsWith("_quarantine") && !rows.isEmpty()) {
          found.append(", first reason: ").append(rows.get(0).getField("reason"));
        }
      }
      throw new AssertionError(
          "not " + count + " rows in " + id + "; the namespace has:" + found, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> kafkaSource(Map<String, Object> yaml, KafkaBroker kafka) {
    Map<String, Object> source =
        section((Map<String, Object>) ((List<Object>) yaml.get("sources")).get(0), "kafka");
    source.put("bootstrap-servers", kafka.bootstrapServers());
    return source;
  }

  /** Points the warehouse and catalog at the bridge and its bucket on S3Proxy. */
  private static void useLake(Map<String, Object> yaml, BridgeLake lake) {
    Map<String, Object> sections = new Yaml(new LoaderOptions()).load(lake.yaml());
    yaml.put("warehouse", sections.get("warehouse"));
    yaml.put("catalog", sections.get("catalog"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
  }

  /** The table's partition fields as {@code transform(column)}. */
  private static List<String> transforms(Table table) {
    List<String> out = new ArrayList<>();
    for (PartitionField field : table.spec().fields()) {
      out.add(field.transform() + "(" + table.schema().findColumnName(field.sourceId()) + ")");
    }
    return out;
  }

  private static Record bySensor(List<Record> rows, String sensor) {
    return rows.stream()
        .filter(r -> sensor.equals(r.getField("sensor_id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + sensor));
  }

  private static byte[] avroBinary(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
