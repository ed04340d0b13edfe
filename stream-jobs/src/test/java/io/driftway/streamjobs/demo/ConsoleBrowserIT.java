package io.driftway.streamjobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftway.catalogbridge.BridgeOptions;
import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.platform.config.Configuration;
import io.driftway.streamjobs.backfill.BackfillLauncher;
import io.driftway.streamjobs.cli.PipelineQuarantine;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.browser.BrowserScript;
import io.driftway.testsupport.browser.BrowserScript.BrowserResult;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core) on a bridge fed
 * by a real pipeline run: the demo's drifting events, then an XSS probe (markup as a field name, a
 * value and, through a broken record, a quarantine reason) and one record too large for the
 * pipeline's limit. One bridge and pipeline serve every scenario: an admin's tour (the timeline
 * shows the table's schema versions, the probe stays text and nothing runs), a read-only key (no
 * action buttons, actions refused), and a replay of the quarantine from the page after the limit is
 * raised (confirmation, summary, then the record is in the table). Screenshots of each page go to
 * {@code target/console-screenshots/}.
 */
@ExtendWith({KafkaExtension.class, FlinkExtension.class})
class ConsoleBrowserIT {

  private static final Path SCRIPTS = Path.of("src/test/browser");
  private static final Path SHOTS = Path.of("target/console-screenshots").toAbsolutePath();
  private static final Duration SCRIPT_LIMIT = Duration.ofSeconds(90);

  private static final String ADMIN_KEY = "AKIACONSOLEADMIN";
  private static final String ADMIN_SECRET = "admin-secret-" + UUID.randomUUID();
  private static final String READER_KEY = "AKIACONSOLEREADER";
  private static final String READER_SECRET = "reader-secret-" + UUID.randomUUID();

  /** Markup that sets window.__xss (and opens a dialog) if a page ever parses it as markup. */
  private static final String FIELD_PROBE = "<img src=x onerror=window.__xss=1>";

  private static final String VALUE_PROBE = "<script>window.__xss=2;alert(2)</script>";
  private static final String BROKEN_PROBE =
      "<script>window.__xss=3;alert(3)</script><img src=x onerror=\"window.__xss=4\">";
  private static final long TOO_LARGE_ID = 424_242;

  private static final TableIdentifier EVENTS = TableIdentifier.of("demo", "events");

  @Test
  void theConsoleShowsTheTimelineKeepsTheProbeAsTextHidesActionsFromReadersAndReplays(
      KafkaBroker kafka, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String topic = kafka.createTopic("console-" + UUID.randomUUID().toString().substring(0, 8), 1);
    Path file = dir.resolve("pipeline.yaml");
    try (CatalogBridge bridge =
        CatalogBridge.builder(bridgeConfig(dir))
            .jobLauncher(BackfillLauncher.remote(flink.restAddress(), List.of()))
            .quarantine(PipelineQuarantine.of(List.of(file)))
            .start()) {
      Files.writeString(file, pipeline(kafka, topic, bridge, dir, 600));
      PipelineSpec spec = PipelineSpecLoader.load(file);
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      try {
        feed(kafka, flink, spec, topic, catalog);
        String base = bridge.endpoint().toString();

        BrowserResult tour =
            run(
                "console-pages.js",
                Map.of("accessKeyId", ADMIN_KEY, "secretAccessKey", ADMIN_SECRET),
                base,
                dir);
        JsonNode seen = tour.result();
        Set<Integer> schemaIds = new TreeSet<>(catalog.loadTable(EVENTS).schemas().keySet());
        assertThat(schemaIds).hasSizeGreaterThanOrEqualTo(4);
        assertThat(ints(seen.path("versions"))).containsExactlyInAnyOrderElementsOf(schemaIds);
        assertThat(seen.path("marks").asInt()).isEqualTo(schemaIds.size());
        assertThat(texts(seen.path("changes")))
            .contains(
                "ADD_COLUMN /campaign", "ADD_COLUMN /device/version", "ADD_COLUMN /" + FIELD_PROBE);
        assertThat(texts(seen.path("tables"))).contains("events", "events_quarantine");
        assertThat(String.join("\n", texts(seen.path("diffRows")))).contains(FIELD_PROBE);
        assertThat(String.join("\n", texts(seen.path("raw"))))
            .contains(BROKEN_PROBE)
            .contains("\"event_id\": " + TOO_LARGE_ID);
        assertThat(String.join("\n", texts(seen.path("reasons")))).contains("max-record-bytes=600");
        assertThat(texts(seen.path("actions"))).contains("Replay pending rows");
        assertThat(seen.path("injected").asInt()).isZero();
        seen.path("xss")
            .forEach(flag -> assertThat(flag.isNull()).as(seen.path("xss").toString()).isTrue());
        assertNothingRan(tour);

        BrowserResult reader =
            run(
                "read-only.js",
                Map.of("accessKeyId", READER_KEY, "secretAccessKey", READER_SECRET),
                base,
                dir);
        assertThat(reader.result().path("who").asText()).contains("read-only");
        reader
            .result()
            .path("seen")
            .forEach(
                page -> {
                  assertThat(page.path("status").asInt()).as(page.toString()).isEqualTo(200);
                  assertThat(page.path("actions").asInt()).as(page.toString()).isZero();
                  assertThat(page.path("postForms").asInt()).as(page.toString()).isZero();
                });
        assertThat(reader.result().path("refused").asInt()).isEqualTo(403);
        assertNothingRan(reader);

        // The operator raises the limit, then replays from the page.
        Files.writeString(file, pipeline(kafka, topic, bridge, dir, 4000));
        Map<String, Object> replayInput = new HashMap<>();
        replayInput.put("accessKeyId", ADMIN_KEY);
        replayInput.put("secretAccessKey", ADMIN_SECRET);
        replayInput.put("waitMs", 75_000);
        BrowserResult replay = run("replay.js", replayInput, base, dir);
        JsonNode replayed = replay.result();
        assertThat(replayed.path("confirm").asText())
            .contains("Send the 5 pending rows of demo.events_quarantine")
            .contains("--source quarantine://demo.events");
        assertThat(replayed.path("summary").asText()).contains(replayed.path("runId").asText());
        assertThat(replayed.path("state").asText())
            .as(replayed.path("error").asText())
            .isEqualTo("SUCCEEDED");
        assertThat(eventIds(catalog)).contains(TOO_LARGE_ID);
        assertThat(texts(replayed.path("states"))).contains("replayed", "failed-again");
        assertNothingRan(replay);
      } finally {
        if (catalog instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }
  }

  /** The demo's phases, then the probe, each committed before the next is produced. */
  private static void feed(
      KafkaBroker kafka, FlinkCluster flink, PipelineSpec spec, String topic, Catalog catalog)
      throws Exception {
    List<DemoEvents.Phase> phases = new ArrayList<>(DemoEvents.phases(12, 42L));
    List<byte[]> probe = new ArrayList<>();
    probe.add(
        utf8(
            "{\"event_id\": 500000, \"user_id\": 1, \"event_type\": \"click\","
                + " \"ts\": \"2026-11-21T08:00:00Z\", \"amount\": \"1 EUR\","
                + " \"device\": {\"os\": \"web\", \"version\": \"1.0\"}, \"campaign\": \"x\", "
                + json(FIELD_PROBE)
                + ": "
                + json(VALUE_PROBE)
                + "}"));
    probe.add(utf8(BROKEN_PROBE));
    probe.add(
        utf8(
            "{\"event_id\": "
                + TOO_LARGE_ID
                + ", \"user_id\": 2, \"event_type\": \"view\", \"ts\": \"2026-11-21T09:00:00Z\","
                + " \"note\": \""
                + "x".repeat(800)
                + "\"}"));
    phases.add(new DemoEvents.Phase("the probe", probe, 2));
    JobClient job = PipelineHarness.start(flink, spec);
    try {
      long produced = 0;
      for (DemoEvents.Phase phase : phases) {
        PipelineHarness.produce(kafka, topic, phase.records());
        produced += phase.records().size();
        long expected = produced;
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    count(catalog, EVENTS) + count(catalog, QuarantineTable.idFor(EVENTS))
                        >= expected);
      }
    } finally {
      job.cancel().get(1, TimeUnit.MINUTES);
    }
  }

  private static BrowserResult run(
      String script, Map<String, ?> credentials, String base, Path dir) {
    Map<String, Object> input = new HashMap<>(credentials);
    input.put("base", base);
    input.put("db", "demo");
    input.put("table", "events");
    input.put("screenshotDir", SHOTS.toString());
    Duration limit = input.containsKey("waitMs") ? SCRIPT_LIMIT.plusSeconds(60) : SCRIPT_LIMIT;
    return BrowserScript.run(SCRIPTS.resolve(script), input, dir.resolve("browser"), limit);
  }

  private static void assertNothingRan(BrowserResult result) {
    assertThat(result.events().path("dialogs")).as("dialogs").isEmpty();
    assertThat(result.events().path("pageErrors")).as("page errors").isEmpty();
    // Console errors other than a resource the bridge does not serve (the browser's own
    // /favicon.ico request gets the Glue API's 400) would be script errors.
    List<String> consoleErrors = new ArrayList<>();
    result
        .events()
        .path("consoleErrors")
        .forEach(
            e -> {
              if (!e.asText().startsWith("Failed to load resource:")) {
                consoleErrors.add(e.asText());
              }
            });
    assertThat(consoleErrors).as("console errors").isEmpty();
  }

  private static Configuration bridgeConfig(Path dir) {
    return Configuration.builder(BridgeOptions.all())
        .set(BridgeOptions.SERVER_HOST, "127.0.0.1")
        .set(BridgeOptions.SERVER_PORT, 0)
        .set(BridgeOptions.SERVER_SHUTDOWN_GRACE, Duration.ofSeconds(2))
        .set(BridgeOptions.AUTH_MODE, AuthMode.SIGV4)
        .set(
            BridgeOptions.AUTH_PRINCIPALS,
            List.of(
                Principal.of("operator", ADMIN_KEY, ADMIN_SECRET, Map.of("*", Access.ADMIN)),
                Principal.of("viewer", READER_KEY, READER_SECRET, Map.of("*", Access.READ_ONLY))))
        .set(BridgeOptions.EVENTS_LOG, false)
        .set(BridgeOptions.STORE_URL, "jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath())
        .build();
  }

  /** The demo's pipeline, signed with the admin key, with a record size limit. */
  private static String pipeline(
      KafkaBroker kafka, String topic, CatalogBridge bridge, Path dir, int maxRecordBytes) {
    return """
        name: console
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        format:
          type: json
        routing:
          table: events
        tables:
          - name: events
            database: demo
            hints:
              ts: timestamptz
            policies:
              new-fields: evolve
              type-conflicts: widen
              max-record-bytes: %d
        warehouse:
          location: %s
        catalog:
          type: glue
          endpoint: %s
          region: us-east-1
          access-key-id: %s
          secret-access-key: %s
        checkpointing:
          interval: 500ms
        parallelism: 1
        alerts:
          log: false
        """
        .formatted(
            kafka.bootstrapServers(),
            topic,
            maxRecordBytes,
            dir.resolve("warehouse"),
            bridge.endpoint(),
            ADMIN_KEY,
            ADMIN_SECRET);
  }

  private static long count(Catalog catalog, TableIdentifier id) {
    return catalog.tableExists(id) ? PipelineHarness.rows(catalog, id).size() : 0;
  }

  private static List<Long> eventIds(Catalog catalog) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(EVENTS)).build()) {
      for (Record row : rows) {
        ids.add(((Number) row.getField("event_id")).longValue());
      }
    }
    return ids;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asInt()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
