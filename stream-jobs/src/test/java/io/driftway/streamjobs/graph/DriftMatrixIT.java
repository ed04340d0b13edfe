package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every new-field policy and every conflict action on live tables, in one pipeline run: a Kafka
 * topic routed by the field {@code case} to one table per case (each with its own policies),
 * through Iceberg's GlueCatalog at the catalog bridge into an S3Proxy warehouse, read back with
 * Iceberg's own reader. Each table first gets a baseline record (or exists already, made by another
 * tool), then two drifted records: a top-level conflict ({@code p}: long, then "12" and "abc"), a
 * nested one in a struct inside a list inside a map ({@code m/{}/[]/c}), new fields at both levels
 * ({@code coupon}, {@code m/{}/[]/b}), widenings (int to long, float to double, decimal precision,
 * on the {@code widen} table) and a case-only name difference ({@code Name}, then {@code name}).
 * Each case checks the final schema (names, types, field ids kept), the rows, {@code
 * _rescued_data}, the quarantine rows and the alerts.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class, FlinkExtension.class})
class DriftMatrixIT {

  private static final String NESTED = "m: \"map<string,array<struct<a:long>>>\"";

  /** The tables rescue, ignore and overrides exist before the pipeline starts. */
  private static final Schema EXISTING =
      new Schema(
          Types.NestedField.optional(1, "case", Types.StringType.get()),
          Types.NestedField.optional(2, "id", Types.LongType.get()),
          Types.NestedField.optional(3, "p", Types.LongType.get()),
          Types.NestedField.optional(4, "q", Types.LongType.get()),
          Types.NestedField.optional(5, "f", Types.DoubleType.get()),
          Types.NestedField.optional(6, "d", Types.LongType.get()),
          Types.NestedField.optional(7, "Name", Types.StringType.get()),
          Types.NestedField.optional(
              8,
              "m",
              Types.MapType.ofOptional(
                  9,
                  10,
                  Types.StringType.get(),
                  Types.ListType.ofOptional(
                      11,
                      Types.StructType.of(
                          Types.NestedField.optional(12, "a", Types.LongType.get()),
                          Types.NestedField.optional(13, "c", Types.LongType.get()))))));

  private static final String BASELINE_COLUMNS =
      "case string, id long, p long, q long, f double, d long, Name string,"
          + " m map<string,list<struct<a long,c long>>>";

  private static final List<String> CASES =
      List.of(
          "evolve",
          "rescue",
          "ignore",
          "overrides",
          "widen",
          "cast",
          "project",
          "match_catalog",
          "make_cols",
          "make_struct",
          "quarantine");

  @Test
  void everyPolicyAndActionOnLiveTables(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "drift-" + suffix;
    String alerts = "alerts-" + suffix;
    kafka.createTopic(topic, 1);
    kafka.createTopic(alerts, 1);
    try (BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
      PipelineSpec spec =
          PipelineHarness.spec("matrix.yaml", pipeline(suffix, kafka, topic, lake, alerts));
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      ((SupportsNamespaces) catalog).createNamespace(Namespace.of("matrix"));
      for (String existing : List.of("rescue", "ignore", "overrides")) {
        catalog.createTable(table(existing), EXISTING);
      }
      PipelineHarness.produce(kafka, topic, records(1));
      JobClient job = PipelineHarness.start(flink, spec);
      Map<String, Schema> before = new HashMap<>();
      Map<String, Schema> after = new HashMap<>();
      Map<String, Map<Long, Record>> rows = new HashMap<>();
      Map<String, List<Record>> refused = new HashMap<>();
      try {
        for (String c : CASES) {
          PipelineHarness.awaitRows(catalog, table(c), 1);
          before.put(c, catalog.loadTable(table(c)).schema());
        }
        PipelineHarness.produce(kafka, topic, records(2));
        refused.put(
            "quarantine", PipelineHarness.awaitRows(catalog, table("quarantine_quarantine"), 2));
        List<Record> timestamps = PipelineHarness.awaitRows(catalog, table("timestamps"), 2);
        after.put("timestamps", catalog.loadTable(table("timestamps")).schema());
        rows.put("timestamps", new HashMap<>());
        timestamps.forEach(r -> rows.get("timestamps").put((Long) r.getField("id"), r));
        for (String c : CASES) {
          int expected = c.equals("quarantine") ? 1 : 3;
          Map<Long, Record> byId = new HashMap<>();
          PipelineHarness.awaitRows(catalog, table(c), expected)
              .forEach(r -> byId.put((Long) r.getField("id"), r));
          rows.put(c, byId);
          after.put(c, catalog.loadTable(table(c)).schema());
          if (!c.equals("quarantine")) {
            refused.put(c, PipelineHarness.rows(catalog, table(c + "_quarantine")));
          }
        }
      } finally {
        job.cancel().get();
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
      Map<String, Set<String>> changes = changes(kafka, alerts);

      SoftAssertions softly = new SoftAssertions();
      for (String c : CASES) {
        // No column lost its field id, whatever happened to its type.
        Schema old = before.get(c);
        Schema now = after.get(c);
        TypeUtil.indexByName(old.asStruct())
            .forEach(
                (name, id) ->
                    softly
                        .assertThat(
                            now.findField(name) == null ? null : now.findField(name).fieldId())
                        .as("%s: field id of %s", c, name)
                        .isEqualTo(id));
      }

      // --- new-field policies
      softly
          .assertThat(columns(after.get("evolve")))
          .isEqualTo(
              "case string, d long, f double, id long,"
                  + " m map<string,list<struct<a long,c long,b string>>>, Name string, p long,"
                  + " q long, _rescued_data string, coupon string");
      softly.assertThat(rows.get("evolve").get(2L).getField("coupon")).isEqualTo("C2");
      softly
          .assertThat(String.valueOf(rows.get("evolve").get(2L).getField("m")))
          .isEqualTo("{k=[Record(2, null, x)], j=[Record(3, 6, null)]}");
      softly
          .assertThat(rescued(rows, "evolve"))
          .containsExactly(
              null,
              "{\"/p\":\"12\",\"/d\":123456789012345678901234,\"/m/k/0/c\":\"34\"}",
              "{\"/p\":\"abc\",\"/m/k/0/c\":\"zz\"}");
      softly
          .assertThat(changes.get("evolve"))
          .contains(
              "ADD_COLUMN /coupon -> string",
              "ADD_COLUMN /m/{}/[]/b -> string",
              "RESOLVE_CHOICE /p -> long",
              "RESOLVE_CHOICE /m/{}/[]/c -> long",
              "RESOLVE_CHOICE /d -> long");

      for (String c : List.of("rescue", "ignore")) {
        softly
            .assertThat(columns(after.get(c)))
            .as(c)
            .isEqualTo(BASELINE_COLUMNS + ", _rescued_data string");
        softly
            .assertThat(rescued(rows, c))
            .as(c)
            .containsExactly(
                null,
                "{\"/p\":\"12\",\"/d\":123456789012345678901234,\"/coupon\":\"C2\","
                    + "\"/m/k/0/b\":\"x\",\"/m/k/0/c\":\"34\"}",
                "{\"/p\":\"abc\",\"/m/k/0/c\":\"zz\"}");
        softly
            .assertThat(String.valueOf(rows.get(c).get(2L).getField("m")))
            .as(c)
            .isEqualTo("{k=[Record(2, null)], j=[Record(3, 6)]}");
      }
      softly
          .assertThat(changes.get("rescue"))
          .containsExactlyInAnyOrder(
              "ADD_COLUMN /_rescued_data -> string",
              "RESCUE_FIELD /coupon -> string",
              "RESCUE_FIELD /m/{}/[]/b -> string",
              "RESOLVE_CHOICE /p -> long",
              "RESOLVE_CHOICE /d -> long",
              "RESOLVE_CHOICE /m/{}/[]/c -> long");
      softly
          .assertThat(changes.get("ignore"))
          .containsExactlyInAnyOrder(
              "ADD_COLUMN /_rescued_data -> string",
              "RESOLVE_CHOICE /p -> long",
              "RESOLVE_CHOICE /d -> long",
              "RESOLVE_CHOICE /m/{}/[]/c -> long");

      // --- per-field overrides beat the table's defaults (rescue, quarantine)
      softly
          .assertThat(columns(after.get("overrides")))
          .isEqualTo(BASELINE_COLUMNS + ", _rescued_data string, coupon string");
      softly.assertThat(rows.get("overrides").get(2L).getField("coupon")).isEqualTo("C2");
      softly
          .assertThat(String.valueOf(rows.get("overrides").get(2L).getField("m")))
          .isEqualTo("{k=[Record(2, 34)], j=[Record(3, 6)]}");
      softly
          .assertThat(rescued(rows, "overrides"))
          .containsExactly(
              null,
              "{\"/p\":\"12\",\"/d\":123456789012345678901234,\"/m/k/0/b\":\"x\"}",
              "{\"/p\":\"abc\",\"/m/k/0/c\":\"zz\"}");
      softly
          .assertThat(changes.get("overrides"))
          .containsExactlyInAnyOrder(
              "ADD_COLUMN /_rescued_data -> string",
              "ADD_COLUMN /coupon -> string",
              "RESCUE_FIELD /m/{}/[]/b -> string",
              "RESOLVE_CHOICE /p -> long",
              "RESOLVE_CHOICE /d -> long",
              "RESOLVE_CHOICE /m/{}/[]/c -> long");

      // --- conflict actions
      softly
          .assertThat(columns(after.get("widen")))
          .isEqualTo(
              "case string, d decimal(24, 0), f double, id long,"
                  + " m map<string,list<struct<a long,c long,b string>>>, Name string, p long,"
                  + " q long, _rescued_data string, coupon string");
      softly
          .assertThat(columns(before.get("widen")))
          .contains("d decimal(20, 0), f float", "q int");
      Record widened = rows.get("widen").get(2L);
      softly.assertThat(widened.getField("q")).isEqualTo(3_000_000_000L);
      softly.assertThat(widened.getField("f")).isEqualTo(1e300);
      softly
          .assertThat(String.valueOf(widened.getField("d")))
          .isEqualTo("123456789012345678901234");
      softly.assertThat(rows.get("widen").get(1L).getField("q")).isEqualTo(5L);
      // A name differing only in case is the same column.
      softly.assertThat(widened.getField("Name")).isEqualTo("b");
      softly
          .assertThat(rescued(rows, "widen"))
          .containsExactly(
              null, "{\"/p\":\"12\",\"/m/k/0/c\":\"34\"}", "{\"/p\":\"abc\",\"/m/k/0/c\":\"zz\"}");
      softly
          .assertThat(changes.get("widen"))
          .contains(
              "WIDEN /q -> long",
              "WIDEN /f -> double",
              "WIDEN /d -> decimal(24,0)",
              "RESOLVE_CHOICE /p -> long");

      softly.assertThat(rows.get("cast").get(2L).getField("p")).isEqualTo(12L);
      softly
          .assertThat(String.valueOf(rows.get("cast").get(2L).getField("m")))
          .isEqualTo("{k=[Record(2, 34, x)], j=[Record(3, 6, null)]}");
      softly
          .assertThat(rescued(rows, "cast"))
          .containsExactly(
              null, "{\"/d\":123456789012345678901234}", "{\"/p\":\"abc\",\"/m/k/0/c\":\"zz\"}");

      softly.assertThat(rows.get("project").get(2L).getField("p")).isNull();
      softly
          .assertThat(rescued(rows, "project"))
          .containsExactly(
              null,
              "{\"/p\":\"12\",\"/d\":123456789012345678901234,\"/m/k/0/c\":\"34\"}",
              "{\"/p\":\"abc\",\"/m/k/0/c\":\"zz\"}");

      softly.assertThat(rows.get("match_catalog").get(2L).getField("p")).isEqualTo(12L);
      softly
          .assertThat(String.valueOf(rows.get("match_catalog").get(2L).getField("m")))
          .isEqualTo("{k=[Record(2, 34, x)], j=[Record(3, 6, null)]}");
      softly
          .assertThat(rescued(rows, "match_catalog"))
          .containsExactly(
              null, "{\"/d\":123456789012345678901234}", "{\"/p\":\"abc\",\"/m/k/0/c\":\"zz\"}");
      for (String c : List.of("cast", "project", "match_catalog")) {
        softly.assertThat(columns(after.get(c))).as(c).isEqualTo(columns(after.get("evolve")));
      }

      softly
          .assertThat(columns(after.get("make_cols")))
          .isEqualTo(
              "case string, d long, f double, id long,"
                  + " m map<string,list<struct<a long,c_long long,b string,c_string string>>>,"
                  + " Name string, p_long long, q long, _rescued_data string, coupon string,"
                  + " p_string string");
      Map<Long, Record> cols = rows.get("make_cols");
      softly
          .assertThat(List.of(cols.get(1L).getField("p_long"), cols.get(1L).getField("m")))
          .hasToString("[7, {k=[Record(1, 5, null, null)]}]");
      softly
          .assertThat(List.of(cols.get(2L).getField("p_string"), cols.get(2L).getField("m")))
          .hasToString("[12, {k=[Record(2, null, x, 34)], j=[Record(3, 6, null, null)]}]");
      softly
          .assertThat(List.of(cols.get(3L).getField("p_string"), cols.get(3L).getField("m")))
          .hasToString("[abc, {k=[Record(4, null, null, zz)]}]");
      softly
          .assertThat(rescued(rows, "make_cols"))
          .containsExactly(null, "{\"/d\":123456789012345678901234}", null);

      softly
          .assertThat(columns(after.get("make_struct")))
          .isEqualTo(
              "case string, d long, f double, id long,"
                  + " m map<string,list<struct<a long,c struct<long long,string string>,b string>>>,"
                  + " Name string, p struct<long long,string string>, q long, _rescued_data string,"
                  + " coupon string");
      Map<Long, Record> structs = rows.get("make_struct");
      softly
          .assertThat(List.of(structs.get(1L).getField("p"), structs.get(1L).getField("m")))
          .hasToString("[Record(7, null), {k=[Record(1, Record(5, null), null)]}]");
      softly
          .assertThat(List.of(structs.get(2L).getField("p"), structs.get(2L).getField("m")))
          .hasToString(
              "[Record(null, 12), {k=[Record(2, Record(null, 34), x)], j=[Record(3, Record(6,"
                  + " null), null)]}]");
      softly
          .assertThat(rescued(rows, "make_struct"))
          .containsExactly(null, "{\"/d\":123456789012345678901234}", null);

      softly.assertThat(rows.get("quarantine")).containsOnlyKeys(1L);
      softly
          .assertThat(columns(after.get("quarantine")))
          .isEqualTo(columns(before.get("quarantine")));
      softly
          .assertThat(refused.get("quarantine"))
          .extracting(r -> r.getField("stage") + " " + r.getField("reason"))
          .containsOnly(
              "track Cannot conform record: a string value does not fit column type long under"
                  + " policy on-conflict=quarantine: /p");
      softly
          .assertThat(refused.get("quarantine"))
          .extracting(
              r -> PipelineHarness.parseJson((String) r.getField("raw_text")).get("id").asLong())
          .containsExactlyInAnyOrder(2L, 3L);
      for (String c : CASES) {
        if (!c.equals("quarantine")) {
          softly.assertThat(refused.get(c)).as("%s quarantine", c).isEmpty();
        }
      }
      // --- infer-timestamps: true
      softly
          .assertThat(columns(after.get("timestamps")))
          .isEqualTo(
              "case string, count long, created_at timestamptz, id long, seen timestamptz,"
                  + " _rescued_data string");
      softly
          .assertThat(rows.get("timestamps").get(2L).getField("created_at"))
          .hasToString("2026-01-01T00:00:00.123Z");
      softly
          .assertThat(rows.get("timestamps").get(1L).getField("seen"))
          .hasToString("2026-01-01T10:00Z");
      softly
          .assertThat(rows.get("timestamps").get(2L).getField("_rescued_data"))
          .isEqualTo("{\"/seen\":\"soon\"}");
      softly.assertThat(rows.get("timestamps").get(2L).getField("count")).isEqualTo(1767225600000L);
      softly.assertAll();
    }
  }

  private static TableIdentifier table(String name) {
    return TableIdentifier.of("matrix", name);
  }

  /** The baseline record of every case (phase 1), or its two drifted records (phase 2). */
  private static List<byte[]> records(int phase) {
    List<byte[]> out = new ArrayList<>();
    // Timestamps without hints: ISO-8601 text, and epoch milliseconds in a field named *_at.
    out.add(
        utf8(
            phase == 1
                ? "{\"case\": \"timestamps\", \"id\": 1, \"created_at\": 1767225600000,"
                    + " \"seen\": \"2026-01-01T10:00:00Z\", \"count\": 5}"
                : "{\"case\": \"timestamps\", \"id\": 2, \"created_at\": 1767225600123,"
                    + " \"seen\": \"soon\", \"count\": 1767225600000}"));
    for (String c : CASES) {
      if (phase == 1) {
        out.add(
            utf8(
                ("{\"case\": \"%s\", \"id\": 1, \"p\": 7, \"q\": 5, \"f\": 1.5, \"d\": 12345,"
                        + " \"Name\": \"a\", \"m\": {\"k\": [{\"a\": 1, \"c\": 5}]}}")
                    .formatted(c)));
      } else {
        out.add(
            utf8(
                ("{\"case\": \"%s\", \"id\": 2, \"p\": \"12\", \"q\": 3000000000, \"f\": 1e300,"
                        + " \"d\": 123456789012345678901234, \"name\": \"b\", \"coupon\": \"C2\","
                        + " \"m\": {\"k\": [{\"a\": 2, \"b\": \"x\", \"c\": \"34\"}],"
                        + " \"j\": [{\"a\": 3, \"c\": 6}]}}")
                    .formatted(c)));
        out.add(
            utf8(
                ("{\"case\": \"%s\", \"id\": 3, \"p\": \"abc\", \"q\": 6, \"f\": 2.5, \"d\": 1,"
                        + " \"Name\": \"c\", \"m\": {\"k\": [{\"a\": 4, \"c\": \"zz\"}]}}")
                    .formatted(c)));
      }
    }
    return out;
  }

  private static String pipeline(
      String suffix, KafkaBroker kafka, String topic, BridgeLake lake, String alerts) {
    return """
        name: matrix-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          by-field: case
        database: matrix
        tables:
          - name: evolve
            hints: {%s}
          - name: rescue
            policies: {new-fields: rescue}
          - name: ignore
            policies: {new-fields: ignore}
          - name: overrides
            policies:
              new-fields: rescue
              type-conflicts: quarantine
              overrides: {/coupon: evolve, /p: widen, /d: widen, "/m/{}/[]/c": "cast:long"}
          - name: widen
            hints: {%s, q: int, f: float, d: "decimal(20,0)"}
          - name: cast
            hints: {%s}
            policies:
              overrides: {/p: "cast:long", "/m/{}/[]/c": "cast:long"}
          - name: project
            hints: {%s}
            policies:
              overrides: {/p: "project:long", "/m/{}/[]/c": "project:long"}
          - name: match_catalog
            hints: {%s}
            policies: {type-conflicts: match_catalog}
          - name: make_cols
            hints: {%s}
            policies:
              overrides: {/p: make_cols, "/m/{}/[]/c": make_cols}
          - name: make_struct
            hints: {%s}
            policies:
              overrides: {/p: make_struct, "/m/{}/[]/c": make_struct}
          - name: quarantine
            hints: {%s}
            policies: {type-conflicts: quarantine}
          - name: timestamps
            infer-timestamps: true
        %s
        checkpointing:
          interval: 1s
        parallelism: 1
        alerts:
          log: false
          kafka:
            topic: %s
        """
        .formatted(
            suffix,
            kafka.bootstrapServers(),
            topic,
            NESTED,
            NESTED,
            NESTED,
            NESTED,
            NESTED,
            NESTED,
            NESTED,
            NESTED,
            lake.yaml(),
            alerts);
  }

  /** The {@code _rescued_data} of rows 1, 2 and 3. */
  private static List<String> rescued(Map<String, Map<Long, Record>> rows, String c) {
    List<String> out = new ArrayList<>();
    for (long id = 1; id <= 3; id++) {
      out.add((String) rows.get(c).get(id).getField("_rescued_data"));
    }
    return out;
  }

  /** A schema as {@code name type, ...}, nested types without field ids. */
  static String columns(Schema schema) {
    return schema.columns().stream()
        .map(f -> f.name() + " " + type(f.type()))
        .collect(Collectors.joining(", "));
  }

  private static String type(Type type) {
    if (type.isStructType()) {
      return type.asStructType().fields().stream()
          .map(f -> f.name() + " " + type(f.type()))
          .collect(Collectors.joining(",", "struct<", ">"));
    }
    if (type.isListType()) {
      return "list<" + type(type.asListType().elementType()) + ">";
    }
    if (type.isMapType()) {
      return "map<"
          + type(type.asMapType().keyType())
          + ","
          + type(type.asMapType().valueType())
          + ">";
    }
    return type.toString();
  }

  /** Every message of a one-partition topic, up to its end now. */
  private static List<String> readAll(KafkaBroker kafka, String topic) {
    Properties props = kafka.clientProperties();
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }

  /** Every change of every alert, as {@code KIND path -> type}, by table. */
  private static Map<String, Set<String>> changes(KafkaBroker kafka, String topic) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String text : readAll(kafka, topic)) {
      JsonNode alert = PipelineHarness.parseJson(text);
      Set<String> table = out.computeIfAbsent(alert.get("table").asText(), t -> new TreeSet<>());
      for (JsonNode change : alert.get("changes")) {
        String kind = change.get("kind").asText();
        String path = change.get("path").asText();
        boolean topLevel = path.indexOf('/', 1) < 0;
        if (kind.equals("ADD_COLUMN")
            && topLevel
            && !path.equals("/coupon")
            && !path.equals("/_rescued_data")
            && !path.endsWith("_string")) {
          continue; // the baseline's columns
        }
        table.add(kind + " " + path + " -> " + change.get("to").asText());
      }
    }
    return out;
  }
}
