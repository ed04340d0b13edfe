package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.ids;
import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops a running pipeline with a savepoint while records are still arriving, produces more, and
 * resumes from the savepoint: the table ends with every record exactly once.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class RestartExactlyOnceIT {

  private static final int BATCH = 1_000;

  @Test
  void resumesFromASavepointWithoutLossOrDuplicates(
      KafkaBroker kafka,
      S3ProxyServer s3,
      PostgresServer postgres,
      FlinkCluster flink,
      @TempDir Path savepoints)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "ledger-" + suffix;
    kafka.createTopic(topic, 2);
    PipelineSpec spec =
        PipelineHarness.spec(
            "ledger.yaml",
            """
            name: ledger-%s
            sources:
              - kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  starting-position: earliest
            routing:
              table: entries
            tables:
              - name: entries
                database: ledger
                partition-by: ["bucket(4, id)"]
            %s
            checkpointing:
              interval: 1s
            parallelism: 2
            """
                .formatted(
                    suffix,
                    kafka.bootstrapServers(),
                    topic,
                    PipelineHarness.lake(s3, postgres, suffix)));
    Catalog catalog = Catalogs.loader(spec).loadCatalog();
    TableIdentifier entries = TableIdentifier.of("ledger", "entries");

    PipelineHarness.produce(kafka, topic, records(0, BATCH));
    JobClient first = PipelineHarness.start(flink, spec);
    PipelineHarness.awaitRows(catalog, entries, 1);
    // Stop while the second batch is still being produced: the savepoint cuts the stream mid-way.
    CompletableFuture<Void> producing =
        CompletableFuture.runAsync(
            () -> {
              try {
                PipelineHarness.produce(kafka, topic, records(BATCH, 2 * BATCH));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    String savepoint =
        first
            .stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
            .get(60, TimeUnit.SECONDS);
    producing.get(60, TimeUnit.SECONDS);
    int atStop = PipelineHarness.rows(catalog, entries).size();
    PipelineHarness.produce(kafka, topic, records(2 * BATCH, 3 * BATCH));

    Configuration resume = new Configuration();
    resume.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    JobClient second = PipelineHarness.start(flink, spec, resume);
    PipelineHarness.awaitRows(catalog, entries, 3 * BATCH);
    // A final savepoint commits whatever the second run still holds, so the table is complete.
    second
        .stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
        .get(60, TimeUnit.SECONDS);

    List<Record> rows = PipelineHarness.rows(catalog, entries);
    assertThat(atStop).isBetween(1, 2 * BATCH);
    assertThat(rows).hasSize(3 * BATCH);
    assertThat(new HashSet<>(ids(rows)))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 3 * BATCH).boxed().toList());
  }

  private static List<byte[]> records(int from, int to) {
    List<byte[]> records = new ArrayList<>();
    for (int i = from; i < to; i++) {
      records.add(
          utf8("{\"id\": %d, \"account\": \"a%d\", \"amount\": %d.25}".formatted(i, i % 17, i)));
    }
    return records;
  }
}
