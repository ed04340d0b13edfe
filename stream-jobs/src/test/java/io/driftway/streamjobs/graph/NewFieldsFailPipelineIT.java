package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code new-fields: fail} on a live table: a record with a new field stops the job for good (no
 * restart loop) with an error naming the table, the path, the type and the record's coordinates;
 * nothing from that record on is committed, so the next run with {@code evolve} writes every record
 * exactly once.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class NewFieldsFailPipelineIT {

  @Test
  void aRefusedNewFieldFailsTheJobAndTheNextRunWithEvolveResumesWithoutLoss(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "orders-" + suffix;
    String name = "orders-" + suffix;
    kafka.createTopic(topic, 1);
    String lake = PipelineHarness.lake(s3, postgres, suffix);

    PipelineSpec failing = spec(name, kafka, topic, "fail", lake);
    Catalog catalog = Catalogs.loader(failing).loadCatalog();
    TableIdentifier orders = TableIdentifier.of("shop", "orders");
    // Under fail every column of a table without any is new: the table exists beforehand.
    if (catalog instanceof SupportsNamespaces namespaces
        && !namespaces.namespaceExists(Namespace.of("shop"))) {
      namespaces.createNamespace(Namespace.of("shop"));
    }
    catalog.createTable(
        orders,
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "item", Types.StringType.get())));

    PipelineHarness.produce(kafka, topic, records(1, 5, false));
    JobClient first = PipelineHarness.start(flink, failing);
    PipelineHarness.awaitRows(catalog, orders, 5);
    // The checkpoint that wrote them also committed their offsets: the next run starts after them.
    awaitCommittedOffset(kafka, "driftway-" + name, new TopicPartition(topic, 0), 5);

    PipelineHarness.produce(kafka, topic, records(6, 8, true));
    assertThatThrownBy(() -> first.getJobExecutionResult().get(2, TimeUnit.MINUTES))
        .hasStackTraceContaining(
            "Cannot evolve table shop.orders: new field /coupon (string) is refused by policy"
                + " new-fields=fail; change the policy to evolve, rescue or ignore and run again"
                + " to resume from this record: kafka:"
                + topic
                + "/0@5");
    assertThat(first.getJobStatus().get()).isEqualTo(JobStatus.FAILED);
    assertThat(PipelineHarness.ids(PipelineHarness.rows(catalog, orders)))
        .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    assertThat(PipelineHarness.rows(catalog, TableIdentifier.of("shop", "orders_quarantine")))
        .isEmpty();

    JobClient second = PipelineHarness.start(flink, spec(name, kafka, topic, "evolve", lake));
    try {
      List<Record> rows = PipelineHarness.awaitRows(catalog, orders, 8);
      assertThat(PipelineHarness.ids(rows))
          .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
      assertThat(catalog.loadTable(orders).schema().findField("coupon").type())
          .isEqualTo(Types.StringType.get());
      assertThat(PipelineHarness.row(rows, 7).getField("coupon")).isEqualTo("c-7");
      assertThat(PipelineHarness.row(rows, 2).getField("coupon")).isNull();
    } finally {
      second.cancel().get();
    }
  }

  private static List<byte[]> records(int from, int to, boolean coupon) {
    List<byte[]> out = new ArrayList<>();
    LongStream.rangeClosed(from, to)
        .forEach(
            id ->
                out.add(
                    utf8(
                        coupon
                            ? "{\"id\":%d,\"item\":\"i-%d\",\"coupon\":\"c-%d\"}"
                                .formatted(id, id, id)
                            : "{\"id\":%d,\"item\":\"i-%d\"}".formatted(id, id))));
    return out;
  }

  private static void awaitCommittedOffset(
      KafkaBroker kafka, String group, TopicPartition partition, long offset) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata at = committed.get(partition);
                return at != null && at.offset() >= offset;
              });
    }
  }

  private static PipelineSpec spec(
      String name, KafkaBroker kafka, String topic, String newFields, String lake) {
    return PipelineHarness.spec(
        "orders.yaml",
        """
        name: %s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              starting-position: earliest
        format:
          type: json
        routing:
          table: orders
        tables:
          - name: orders
            database: shop
            policies:
              new-fields: %s
        %s
        checkpointing:
          interval: 1s
        parallelism: 1
        """
            .formatted(name, kafka.bootstrapServers(), topic, newFields, lake));
  }
}
