package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.connectors.iceberg.IcebergCatalogs;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.testsupport.flink.FlinkSessionCluster;
import io.driftway.testsupport.kafka.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftway submit} against a real Flink session cluster: a JobManager and a TaskManager in
 * JVMs of their own, reached only through REST.
 */
@ExtendWith(KafkaExtension.class)
class SubmitToSessionClusterIT {

  @Test
  void submitsThePipelineToASessionClusterThatWritesTheTable(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    String topic = kafka.createTopic("submitted-" + UUID.randomUUID(), 2);
    Properties props = kafka.clientProperties();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 100; i++) {
        producer
            .send(
                new ProducerRecord<>(topic, "{\"id\": " + i + ", \"kind\": \"k" + (i % 3) + "\"}"))
            .get();
      }
    }
    Path warehouse = Files.createDirectories(dir.resolve("warehouse"));
    Path pipeline = dir.resolve("submitted.yaml");
    Files.writeString(
        pipeline,
        """
        name: submitted
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        routing:
          table: events
        tables:
          - name: events
            database: submitted
        warehouse:
          location: %s
        catalog:
          type: hadoop
        checkpointing:
          interval: 1s
        parallelism: 2
        """
            .formatted(kafka.bootstrapServers(), topic, warehouse),
        StandardCharsets.UTF_8);

    try (FlinkSessionCluster cluster = FlinkSessionCluster.start(dir.resolve("flink"))) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cli = Driftway.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      int exit =
          cli.execute("submit", pipeline.toString(), "--flink", cluster.restAddress().toString());

      assertThat(exit).as("stderr: %s", err).isZero();
      Matcher submitted =
          Pattern.compile("Submitted pipeline submitted to (\\S+): job ([0-9a-f]{32})")
              .matcher(out.toString());
      assertThat(submitted.find()).as(out.toString()).isTrue();
      String jobId = submitted.group(2);

      Catalog catalog =
          IcebergCatalogs.builder("check")
              .warehouse(warehouse.toString())
              .hadoop()
              .build()
              .loadCatalog();
      TableIdentifier events = TableIdentifier.of("submitted", "events");
      await().atMost(Duration.ofMinutes(2)).until(() -> committedRows(catalog, events) == 100);
      assertThat(jobState(cluster.restAddress(), jobId)).contains("\"state\":\"RUNNING\"");
    }
  }

  private static long committedRows(Catalog catalog, TableIdentifier id) {
    if (!catalog.tableExists(id)) {
      return 0;
    }
    Snapshot snapshot = catalog.loadTable(id).currentSnapshot();
    return snapshot == null ? 0 : Long.parseLong(snapshot.summary().get("total-records"));
  }

  private static String jobState(URI rest, String jobId) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
