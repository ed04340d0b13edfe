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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One topic of mixed events routed by the value of {@code event_type} to two tables, each with its
 * own schema; events without the field go to the pipeline's quarantine table at stage {@code
 * route}.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class RoutingPipelineIT {

  @Test
  void routesByFieldValueAndQuarantinesRecordsWithoutTheField(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "events-" + suffix;
    kafka.createTopic(topic, 2);
    List<byte[]> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(
          utf8("{\"id\": %d, \"event_type\": \"page_view\", \"url\": \"/p/%d\"}".formatted(i, i)));
    }
    for (int i = 100; i < 115; i++) {
      events.add(
          utf8(
              "{\"id\": %d, \"event_type\": \"click\", \"target\": \"button-%d\", \"x\": %d}"
                  .formatted(i, i, i)));
    }
    events.add(utf8("{\"id\": 900, \"url\": \"/lost\"}"));
    events.add(utf8("{\"id\": 901, \"event_type\": null, \"target\": \"b\"}"));
    PipelineHarness.produce(kafka, topic, events);

    PipelineSpec spec =
        PipelineHarness.spec(
            "events.yaml",
            """
            name: events-%s
            sources:
              - kafka:
                  bootstrap-servers: %s
                  topics: [%s]
                  starting-position: earliest
            routing:
              by-field: event_type
              tables:
                page_view: page_views
                click: clicks
            database: web
            tables:
              - name: page_views
              - name: clicks
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
    TableIdentifier pageViews = TableIdentifier.of("web", "page_views");
    TableIdentifier clicks = TableIdentifier.of("web", "clicks");
    TableIdentifier unrouted = TableIdentifier.of("web", "events_" + suffix + "_quarantine");
    JobClient job = PipelineHarness.start(flink, spec);
    try {
      List<Record> views = PipelineHarness.awaitRows(catalog, pageViews, 20);
      List<Record> clicked = PipelineHarness.awaitRows(catalog, clicks, 15);
      List<Record> refused = PipelineHarness.awaitRows(catalog, unrouted, 2);

      assertThat(ids(views))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 20).boxed().toList());
      assertThat(ids(clicked))
          .containsExactlyInAnyOrderElementsOf(LongStream.range(100, 115).boxed().toList());
      Types.StructType viewSchema = catalog.loadTable(pageViews).schema().asStruct();
      Types.StructType clickSchema = catalog.loadTable(clicks).schema().asStruct();
      assertThat(viewSchema.field("url")).isNotNull();
      assertThat(viewSchema.field("target")).isNull();
      assertThat(clickSchema.field("target")).isNotNull();
      assertThat(clickSchema.field("x").type()).isEqualTo(Types.LongType.get());
      assertThat(clickSchema.field("url")).isNull();
      assertThat(views)
          .allSatisfy(r -> assertThat(r.getField("event_type")).isEqualTo("page_view"));

      assertThat(refused).hasSize(2);
      assertThat(refused).extracting(r -> r.getField("stage")).containsOnly("route");
      assertThat(refused)
          .extracting(r -> r.getField("reason"))
          .containsOnly("Cannot route record: the routing field is missing or null: event_type");
      assertThat(refused)
          .extracting(r -> r.getField("raw_text"))
          .containsExactlyInAnyOrder(
              "{\"id\": 900, \"url\": \"/lost\"}",
              "{\"id\": 901, \"event_type\": null, \"target\": \"b\"}");
      assertThat(catalog.tableExists(TableIdentifier.of("web", "page_views_quarantine"))).isFalse();
    } finally {
      job.cancel().get();
    }
  }
}
