package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.ids;
import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code routing: by-source}: one table per Kafka topic (a topic pattern, with a topic created
 * while the pipeline runs, and a topic renamed by {@code routing.tables}), each with its own
 * schema, through Iceberg's GlueCatalog at the catalog bridge into an S3Proxy warehouse.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class, FlinkExtension.class})
class BySourceRoutingIT {

  @Test
  void aTablePerTopicIncludingATopicCreatedWhileThePipelineRuns(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String orders = "shop-" + suffix + ".orders";
    String refunds = "shop-" + suffix + ".refunds";
    String returns = "shop-" + suffix + ".returns";
    kafka.createTopic(orders, 2);
    kafka.createTopic(refunds, 1);
    kafka.createTopic("other-" + suffix, 1);
    PipelineHarness.produce(kafka, orders, json(0, 10, "\"sku\": \"s%d\""));
    PipelineHarness.produce(kafka, refunds, json(100, 5, "\"amount\": %d.5"));
    PipelineHarness.produce(kafka, "other-" + suffix, json(900, 3, "\"x\": %d"));
    try (BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
      PipelineSpec spec =
          PipelineHarness.spec(
              "shop.yaml",
              """
              name: shop-%s
              sources:
                - kafka:
                    bootstrap-servers: %s
                    topic-pattern: "shop-%s\\\\..*"
                    starting-position: earliest
                    properties:
                      partition.discovery.interval.ms: "500"
              routing:
                by-source: true
                tables:
                  %s: refund_events
              database: shop
              %s
              checkpointing:
                interval: 1s
              parallelism: 2
              alerts:
                log: false
              """
                  .formatted(suffix, kafka.bootstrapServers(), suffix, refunds, lake.yaml()));
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      // Table names come from the topic names: lower case, other characters become '_'.
      TableIdentifier ordersTable = TableIdentifier.of("shop", "shop_" + suffix + "_orders");
      TableIdentifier refundsTable = TableIdentifier.of("shop", "refund_events");
      TableIdentifier returnsTable = TableIdentifier.of("shop", "shop_" + suffix + "_returns");
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        assertThat(ids(PipelineHarness.awaitRows(catalog, ordersTable, 10)))
            .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 10).boxed().toList());
        assertThat(ids(PipelineHarness.awaitRows(catalog, refundsTable, 5)))
            .containsExactlyInAnyOrderElementsOf(LongStream.range(100, 105).boxed().toList());

        // A topic made while the pipeline runs is found by the pattern and gets its own table.
        kafka.createTopic(returns, 1);
        PipelineHarness.produce(kafka, returns, json(200, 4, "\"reason\": \"r%d\""));
        assertThat(ids(PipelineHarness.awaitRows(catalog, returnsTable, 4)))
            .containsExactlyInAnyOrderElementsOf(LongStream.range(200, 204).boxed().toList());

        Types.StructType ordersSchema = catalog.loadTable(ordersTable).schema().asStruct();
        Types.StructType refundsSchema = catalog.loadTable(refundsTable).schema().asStruct();
        Types.StructType returnsSchema = catalog.loadTable(returnsTable).schema().asStruct();
        assertThat(ordersSchema.field("sku").type()).isEqualTo(Types.StringType.get());
        assertThat(ordersSchema.field("amount")).isNull();
        assertThat(refundsSchema.field("amount").type()).isEqualTo(Types.DoubleType.get());
        assertThat(refundsSchema.field("sku")).isNull();
        assertThat(returnsSchema.field("reason").type()).isEqualTo(Types.StringType.get());
        // The topic outside the pattern is not read.
        assertThat(catalog.tableExists(TableIdentifier.of("shop", "other_" + suffix))).isFalse();
        assertThat(catalog.listTables(org.apache.iceberg.catalog.Namespace.of("shop")))
            .extracting(TableIdentifier::name)
            .doesNotContain("other_" + suffix);
      } finally {
        job.cancel().get();
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
    }
  }

  /**
   * {@code count} JSON records with ids from {@code first} and one more field from {@code format}.
   */
  private static List<byte[]> json(long first, int count, String field) {
    return LongStream.range(first, first + count)
        .mapToObj(id -> utf8("{\"id\": %d, %s}".formatted(id, field.formatted(id))))
        .toList();
  }
}
