package io.driftway.streamjobs.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.registry.SchemaRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never stops a pipeline: {@code driftway run} in a JVM of its own with a 512 MB heap (an
 * OutOfMemoryError would end it) reads a Kafka topic where every other record is from the bad-input
 * corpus (a 20 MB string, nesting 10,000 deep, 100,000 fields, a string claiming 2 GB, a recursive
 * schema, another subject's schema id...). The table gets exactly the good rows, its quarantine
 * exactly one row per bad record with its stage and reason, and the job still runs: good records
 * sent afterwards are written too.
 */
@ExtendWith(KafkaExtension.class)
class BadInputPipelineIT {

  private static final int TWENTY_MB = 20 << 20;

  private static final Schema EVENT =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Event", "namespace": "corpus", "fields": [
                {"name": "id", "type": "long"},
                {"name": "name", "type": "string"},
                {"name": "attrs", "type": {"type": "map", "values": "long"}},
                {"name": "tag", "type": ["null", "string"]}]}
              """);

  private static final Schema NODE =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Node", "namespace": "corpus", "fields": [
                {"name": "id", "type": "long"},
                {"name": "next", "type": ["null", "Node"]}]}
              """);

  private static final Schema OTHER =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Other", "namespace": "corpus", "fields": [
                {"name": "code", "type": "string"}]}
              """);

  /** A bad record and the start of its quarantine reason (the coordinates follow). */
  private static final class Bad {
    private final byte[] value;
    private final String stage;
    private final String reason;

    Bad(byte[] value, String stage, String reason) {
      this.value = value;
      this.stage = stage;
      this.reason = reason;
    }

    byte[] value() {
      return value;
    }

    String stage() {
      return stage;
    }

    String reason() {
      return reason;
    }
  }

  @Test
  void jsonCorpusIsQuarantinedRecordByRecordWhileTheJobRunsIn512Mb(
      KafkaBroker kafka, @TempDir Path dir) throws Exception {
    List<Bad> corpus =
        List.of(
            decode(utf8("{\"id\": -1, \"name\": \"a"), "Unexpected end-of-input in VALUE_STRING"),
            decode(
                concat(utf8("{\"id\": -1, \"name\": \""), new byte[] {(byte) 0xff}, utf8("\"}")),
                "Invalid UTF-8 start byte 0xff"),
            new Bad(
                utf8("{\"id\": -1, \"x\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_001)),
                "track",
                "Cannot accept record: nesting depth 33 exceeds max-nesting-depth=32: /x"
                    + "/a".repeat(31)),
            new Bad(
                utf8("{\"id\": -1, \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                "track",
                "Cannot accept record: nesting depth 33 exceeds max-nesting-depth=32: /x"
                    + "/0".repeat(31)),
            decode(
                utf8("{\"id\": -1, \"n\": " + "9".repeat(1_001) + "}"),
                "Number value length (1001) exceeds the maximum allowed (1000)"),
            new Bad(
                utf8("{\"id\": -1, \"s\": \"" + "x".repeat(TWENTY_MB) + "\"}"),
                "track",
                "Cannot accept record: record size 20971539 exceeds max-record-bytes=4194304: /"),
            new Bad(
                utf8(fields(100_000)),
                "track",
                "Cannot accept record: field count 10001 exceeds max-fields-per-struct=10000:"
                    + " /f9999"),
            decode(
                utf8("{\"id\": -1, \"v\": NaN}"),
                "Non-standard token 'NaN' (JSON has no NaN or Infinity)"),
            decode(
                utf8("{\"id\": -1, \"v\": -Infinity}"),
                "Non-standard token '-Infinity' (JSON has no NaN or Infinity)"),
            decode(
                new byte[] {0, 0, 0, 0, 1, 2, 4, 'a', 'b'},
                "Invalid UTF-32 character 0x1010461 (above 0x0010ffff) at char #1, byte #7)"),
            decode(utf8("[1, 2]"), "expected an object, got ["),
            new Bad(null, "decode", "Cannot decode any record: it has no value (a tombstone)"));
    Map<Long, String> good = new TreeMap<>();
    runCorpus(
        kafka,
        dir,
        "",
        corpus,
        id -> {
          String name = "n-" + id;
          good.put(id, name);
          return utf8("{\"id\": %d, \"name\": \"%s\"}".formatted(id, name));
        },
        good);
  }

  @Test
  void confluentAvroCorpusIsQuarantinedRecordByRecordWhileTheJobRunsIn512Mb(
      KafkaBroker kafka, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "corpus-" + suffix;
    try (SchemaRegistryServer registry =
        SchemaRegistryServer.start()
            .register(topic + "-value", 1, EVENT)
            .register(topic + "-value", 2, NODE)
            .register("other-value", 3, OTHER)) {
      byte[] event = event(-1, "ok", Map.of());
      String ends = "Avro payload ends early for writer schema 1: ";
      List<Bad> corpus =
          List.of(
              avro(
                  frame(1, Arrays.copyOf(event, event.length - 3)),
                  ends + (event.length - 3) + " payload bytes"),
              new Bad(
                  frame(
                      1,
                      encode(
                          e -> {
                            e.writeLong(-1);
                            e.writeBytes(new byte[] {(byte) 0xc3, 0x28});
                            e.writeLong(0);
                            e.writeIndex(0);
                          })),
                  "decode",
                  "Cannot decode Avro record: invalid UTF-8 in a string at /name"),
              avro(
                  frame(
                      1,
                      encode(
                          e -> {
                            e.writeLong(-1);
                            e.writeLong(2_000_000_000L);
                          })),
                  ends + "6 payload bytes"),
              avro(
                  frame(
                      1,
                      encode(
                          e -> {
                            e.writeLong(-1);
                            e.writeString("ok");
                            e.writeLong(1_000_000_000L);
                          })),
                  ends + "9 payload bytes"),
              new Bad(
                  frame(1, event(-1, "x".repeat(TWENTY_MB), Map.of())),
                  "track",
                  "Cannot accept record: record size 20971532 exceeds max-record-bytes=4194304: /"),
              new Bad(
                  frame(1, event(-1, "ok", entries(100_000))),
                  "track",
                  "Cannot accept record: entry count 100000 exceeds max-fields-per-struct=10000:"
                      + " /attrs"),
              avro(
                  frame(1, concat(Arrays.copyOf(event, event.length - 1), new byte[] {10})),
                  "Avro payload does not match writer schema 1: Index 5 out of bounds for length 2"),
              avro(
                  frame(1, concat(event, new byte[] {6})),
                  "bytes left after the Avro record of writer schema 1: "
                      + (event.length + 1)
                      + " payload bytes"),
              avro(
                  concat(new byte[] {1, 0, 0, 0, 1}, event),
                  "wrong magic byte, expected 0x00: 0x01"),
              avro(new byte[] {0, 0, 0}, "shorter than the 5-byte Confluent header: 3 bytes"),
              avro(frame(9_999, event), "unknown schema id: 9999"),
              avro(
                  frame(3, encode(e -> e.writeString("zz"))),
                  "schema id 3 is not a version of subject "
                      + topic
                      + "-value (it is one of [other-value])"),
              avro(
                  frame(2, chain(10_000)),
                  "unusable schema id 2: Cannot map Avro schema: recursive record corpus.Node has"
                      + " no table form: /next"));
      Map<Long, String> good = new TreeMap<>();
      runCorpus(
          kafka,
          dir,
          """
          format:
            type: avro-confluent
            registry:
              url: %s
              subject-strategy: topic
          """
              .formatted(registry.url()),
          corpus,
          id -> {
            String name = "n-" + id;
            good.put(id, name);
            return frame(1, event(id, name, Map.of("k", id)));
          },
          good,
          topic);
    }
  }

  private interface GoodRecord {
    byte[] withId(long id);
  }

  private void runCorpus(
      KafkaBroker kafka,
      Path dir,
      String format,
      List<Bad> corpus,
      GoodRecord goodRecord,
      Map<Long, String> good)
      throws Exception {
    runCorpus(
        kafka,
        dir,
        format,
        corpus,
        goodRecord,
        good,
        "corpus-" + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * Produces good, bad, good, bad, ..., good to a one-partition topic, runs the pipeline in a JVM
   * with a 512 MB heap, checks both tables, then sends more good records and waits for them.
   */
  private void runCorpus(
      KafkaBroker kafka,
      Path dir,
      String format,
      List<Bad> corpus,
      GoodRecord goodRecord,
      Map<Long, String> good,
      String topic)
      throws Exception {
    createTopic(kafka, topic);
    String name = topic.replace('-', '_');
    List<byte[]> values = new ArrayList<>();
    Map<Long, String> expectedQuarantine = new TreeMap<>();
    long id = 0;
    values.add(goodRecord.withId(id++));
    for (Bad bad : corpus) {
      long offset = values.size();
      values.add(bad.value());
      // A limit's reason names the limit and the path; the row's source columns say where.
      expectedQuarantine.put(
          offset,
          bad.stage()
              + " | "
              + bad.reason()
              + (bad.stage().equals("track") ? "" : ": kafka:" + topic + "/0@" + offset));
      values.add(goodRecord.withId(id++));
    }
    produce(kafka, topic, values);

    Path file = dir.resolve("corpus.yaml");
    Files.writeString(
        file,
        """
        name: %s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        %s
        routing:
          table: events
        tables:
          - name: events
            database: corpus
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 1s
          storage: %s
        parallelism: 1
        """
            .formatted(
                name,
                kafka.bootstrapServers(),
                topic,
                format,
                dir.resolve("warehouse"),
                dir.resolve("state").resolve("checkpoints").toUri()));
    PipelineSpec spec = PipelineSpecLoader.load(file);
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    Process run = RunProcess.startWithHeap("512m", file, dir, "run", "--metrics-port", "off");
    try {
      check(kafka, topic, catalog, run, expectedQuarantine, goodRecord, good, id);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n--- driftway run said ---\n" + said(dir), e);
    } finally {
      run.destroy();
      if (!run.waitFor(60, TimeUnit.SECONDS)) {
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      ((Closeable) catalog).close();
    }
    assertThat(said(dir)).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError");
  }

  private static String said(Path dir) throws IOException {
    return Files.readString(dir.resolve("run-out.txt"))
        + Files.readString(dir.resolve("run-err.txt"));
  }

  /**
   * Waits for the good rows and one quarantine row per bad record, checks them, then sends more
   * good records and waits for those: the job still runs.
   */
  private static void check(
      KafkaBroker kafka,
      String topic,
      Catalog catalog,
      Process run,
      Map<Long, String> expectedQuarantine,
      GoodRecord goodRecord,
      Map<Long, String> good,
      long nextId)
      throws Exception {
    TableIdentifier events = TableIdentifier.of("corpus", "events");
    TableIdentifier quarantine = TableIdentifier.of("corpus", "events_quarantine");
    PipelineHarness.awaitRows(catalog, events, good.size());
    List<Record> refused =
        PipelineHarness.awaitRows(catalog, quarantine, expectedQuarantine.size());
    Map<Long, String> quarantined = new TreeMap<>();
    for (Record row : refused) {
      quarantined.merge(
          Long.parseLong((String) row.getField("source_position")),
          row.getField("stage") + " | " + row.getField("reason"),
          (a, b) -> a + " AND " + b);
    }
    assertThat(refused).hasSize(expectedQuarantine.size());
    assertThat(quarantined).isEqualTo(expectedQuarantine);

    List<byte[]> more = new ArrayList<>();
    for (long id = nextId; id < nextId + 5; id++) {
      more.add(goodRecord.withId(id));
    }
    produce(kafka, topic, more);
    List<Record> rows = PipelineHarness.awaitRows(catalog, events, good.size());
    Map<Long, String> written = new TreeMap<>();
    for (Record row : rows) {
      written.put(((Number) row.getField("id")).longValue(), (String) row.getField("name"));
    }
    assertThat(rows).hasSize(good.size());
    assertThat(written).isEqualTo(good);
    assertThat(run.isAlive()).as("the run JVM is alive").isTrue();
    assertThat(PipelineHarness.rows(catalog, quarantine)).hasSize(expectedQuarantine.size());
  }

  private static Bad decode(byte[] value, String detail) {
    return new Bad(value, "decode", "Cannot decode JSON record: " + detail);
  }

  private static Bad avro(byte[] value, String detail) {
    return new Bad(value, "decode", "Cannot decode avro-confluent record: " + detail);
  }

  /** A topic of one partition that takes records of up to 25 MB (the broker's default is 1 MB). */
  private static void createTopic(KafkaBroker kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topic, 1, (short) 1)
                      .configs(Map.of("max.message.bytes", Integer.toString(25 << 20)))))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static void produce(KafkaBroker kafka, String topic, List<byte[]> values)
      throws Exception {
    Properties props = kafka.clientProperties();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(25 << 20));
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L << 20));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  private static String fields(int count) {
    StringBuilder json = new StringBuilder("{\"id\": -1");
    for (int i = 0; i < count; i++) {
      json.append(", \"f").append(i).append("\": 1");
    }
    return json.append('}').toString();
  }

  private static Map<String, Long> entries(int count) {
    Map<String, Long> entries = new TreeMap<>();
    for (long i = 0; i < count; i++) {
      entries.put("k" + i, i);
    }
    return entries;
  }

  private static byte[] frame(int schemaId, byte[] payload) {
    return ByteBuffer.allocate(5 + payload.length)
        .put((byte) 0)
        .putInt(schemaId)
        .put(payload)
        .array();
  }

  private static byte[] event(long id, String name, Map<String, Long> attrs) {
    return encode(
        e -> {
          e.writeLong(id);
          e.writeString(name);
          e.writeMapStart();
          e.setItemCount(attrs.size());
          for (Map.Entry<String, Long> attr : attrs.entrySet()) {
            e.startItem();
            e.writeString(attr.getKey());
            e.writeLong(attr.getValue());
          }
          e.writeMapEnd();
          e.writeIndex(0);
        });
  }

  /** A Node chain {@code depth} records deep. */
  private static byte[] chain(int depth) {
    return encode(
        e -> {
          for (int i = 0; i < depth; i++) {
            e.writeLong(i);
            e.writeIndex(1);
          }
          e.writeLong(depth);
          e.writeIndex(0);
        });
  }

  private interface Writes {
    void to(BinaryEncoder encoder) throws IOException;
  }

  private static byte[] encode(Writes writes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writes.to(encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
