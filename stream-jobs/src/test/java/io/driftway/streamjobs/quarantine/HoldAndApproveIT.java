package io.driftway.streamjobs.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.cli.Driftway;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code new-fields: hold} on a running pipeline (Kafka, S3Proxy, a JDBC catalog on PostgreSQL, the
 * Flink MiniCluster): records with a held field wait while the other table and the records that fit
 * flow; {@code schema approve} adds the column and writes the held records once, and the running
 * pipeline lets the field through from then on; {@code schema reject} marks held records rejected,
 * or with {@code --rescue} writes them with the field in the rescued-data column.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class HoldAndApproveIT {

  private static final TableIdentifier ORDERS = TableIdentifier.of("hold", "orders");
  private static final TableIdentifier CLICKS = TableIdentifier.of("hold", "clicks");

  @Test
  void heldRecordsWaitWhileOthersFlowAndApproveOrRejectDecidesThemOnce(
      KafkaBroker kafka,
      S3ProxyServer s3,
      PostgresServer postgres,
      FlinkCluster flink,
      @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "hold-" + suffix;
    kafka.createTopic(topic, 1);
    Path file = dir.resolve("shop.yaml");
    Files.writeString(
        file, pipeline(suffix, kafka, topic, PipelineHarness.lake(s3, postgres, suffix)));
    PipelineSpec pipeline = PipelineSpecLoader.load(file);
    String yaml = file.toString();
    JobClient stream = PipelineHarness.start(flink, pipeline);
    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
    try {
      List<String> first = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        first.add(order(i, ""));
      }
      for (int i = 0; i < 5; i++) {
        first.add(click(100 + i, ""));
      }
      produce(kafka, topic, first);
      PipelineHarness.awaitRows(catalog, ORDERS, 10);

      List<String> drift = new ArrayList<>();
      for (int i = 10; i < 14; i++) {
        drift.add(order(i, ", \"coupon\": \"C" + i + "\""));
      }
      for (int i = 105; i < 110; i++) {
        drift.add(click(i, ", \"ref\": \"r" + i + "\""));
      }
      for (int i = 14; i < 17; i++) {
        drift.add(order(i, ""));
      }
      drift.add(order(17, ", \"debug\": true"));
      drift.add(order(18, ", \"debug\": false"));
      produce(kafka, topic, drift);

      // The records that fit and the other table flow; the held ones wait.
      PipelineHarness.awaitRows(catalog, ORDERS, 13);
      PipelineHarness.awaitRows(catalog, CLICKS, 10);
      PipelineHarness.awaitRows(catalog, QuarantineTable.idFor(ORDERS), 6);
      assertThat(catalog.loadTable(CLICKS).schema().findField("ref")).isNotNull();
      assertThat(catalog.loadTable(ORDERS).schema().findField("coupon")).isNull();
      String held = cli("quarantine", "list", "--pipeline", yaml, "--table", "hold.orders");
      assertThat(held).contains("by state: pending 6");

      String approve =
          cli("schema", "approve", "hold.orders", "--pipeline", yaml, "--path", "/coupon");

      assertThat(approve)
          .contains("Approve hold.orders /coupon: 4 held rows wait for it")
          .contains("written to tables:          4 rows")
          .contains("column /coupon: in the table now, string");
      List<Record> orders = PipelineHarness.rows(catalog, ORDERS);
      assertThat(PipelineHarness.ids(orders)).hasSize(17).doesNotHaveDuplicates();
      assertThat(orders.stream().filter(r -> r.getField("coupon") != null).count()).isEqualTo(4);

      // The running pipeline sees the approved column: new records with it are written.
      produce(
          kafka,
          topic,
          List.of(order(19, ", \"coupon\": \"C19\""), order(20, ", \"coupon\": \"C20\"")));
      PipelineHarness.awaitRows(catalog, ORDERS, 19);
      assertThat(PipelineHarness.rows(catalog, QuarantineTable.idFor(ORDERS))).hasSize(6);
      String again =
          cli("schema", "approve", "hold.orders", "--pipeline", yaml, "--path", "/coupon");
      assertThat(again).isEqualTo("Nothing waits in hold.orders for /coupon.\n");

      String reject =
          cli("schema", "reject", "hold.orders", "--pipeline", yaml, "--path", "/debug");
      assertThat(reject)
          .isEqualTo(
              "Rejected hold.orders /debug: 2 held rows stay in hold.orders_quarantine, marked"
                  + " rejected; no replay sends them.\n");

      produce(
          kafka,
          topic,
          List.of(order(21, ", \"trace\": \"t21\""), order(22, ", \"trace\": \"t22\"")));
      PipelineHarness.awaitRows(catalog, QuarantineTable.idFor(ORDERS), 8);
      String rescue =
          cli(
              "schema",
              "reject",
              "hold.orders",
              "--pipeline",
              yaml,
              "--path",
              "/trace",
              "--rescue");
      String list = cli("quarantine", "list", "--pipeline", yaml, "--table", "hold.orders");
      System.out.println(held + approve + again + reject + rescue + list);

      assertThat(rescue).contains("written to tables:          2 rows (2 with rescued data)");
      orders = PipelineHarness.rows(catalog, ORDERS);
      assertThat(PipelineHarness.ids(orders)).hasSize(21).doesNotHaveDuplicates();
      assertThat(catalog.loadTable(ORDERS).schema().findField("trace")).isNull();
      assertThat(catalog.loadTable(ORDERS).schema().findField("debug")).isNull();
      assertThat(list).contains("by state: replayed 6, rejected 2");
    } finally {
      stream.cancel().get();
      if (catalog instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  private static String order(int id, String more) {
    return "{\"event_type\": \"order\", \"id\": " + id + more + "}";
  }

  private static String click(int id, String more) {
    return "{\"event_type\": \"click\", \"id\": " + id + more + "}";
  }

  private static void produce(KafkaBroker kafka, String topic, List<String> values)
      throws Exception {
    PipelineHarness.produce(kafka, topic, values.stream().map(PipelineHarness::utf8).toList());
  }

  private static String pipeline(String suffix, KafkaBroker kafka, String topic, String lake) {
    return """
        name: shop-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          by-field: event_type
          tables:
            order: orders
            click: clicks
        tables:
          - name: orders
            database: hold
            policies:
              new-fields: hold
          - name: clicks
            database: hold
        %s
        checkpointing:
          interval: 200ms
        parallelism: 1
        """
        .formatted(suffix, kafka.bootstrapServers(), topic, lake);
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Driftway.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).as("exit code of %s; stderr: %s", List.of(args), err).isZero();
    return out.toString();
  }
}
