package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kinesis.KinesaliteServer;
import io.driftway.testsupport.kinesis.KinesisExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Routing {@code by-source} with one Kinesis source of two streams: a table per stream, one of them
 * renamed through {@code routing.tables}, through the catalog bridge onto S3Proxy.
 */
@ExtendWith({KinesisExtension.class, S3Extension.class, FlinkExtension.class})
class KinesisBySourceIT {

  @Test
  void writesATablePerStream(
      KinesaliteServer kinesis, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String views = "views-" + suffix;
    String orders = "orders-" + suffix;
    try (KinesisClient client = client(kinesis);
        BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
      create(client, views, 2);
      create(client, orders, 1);
      put(client, views, json(0, 10, "\"page\": \"/p%d\""));
      put(client, orders, json(100, 5, "\"amount\": %d.5"));

      PipelineSpec spec =
          PipelineHarness.spec(
              "streams.yaml",
              """
              name: streams-%s
              sources:
                - kinesis:
                    streams: [%s, %s]
                    region: %s
                    endpoint: %s
                    starting-position: TRIM_HORIZON
                    access-key-id: test
                    secret-access-key: test
              routing:
                by-source: true
                tables:
                  %s: order_events
              database: web
              %s
              checkpointing:
                interval: 1s
              parallelism: 2
              alerts:
                log: false
              """
                  .formatted(
                      suffix,
                      views,
                      orders,
                      kinesis.region(),
                      kinesis.endpoint(),
                      orders,
                      lake.yaml()));
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      // Table names come from the stream names: lower case, other characters become '_'.
      TableIdentifier viewsTable = TableIdentifier.of("web", "views_" + suffix);
      TableIdentifier ordersTable = TableIdentifier.of("web", "order_events");
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        assertThat(ids(PipelineHarness.awaitRows(catalog, viewsTable, 10)))
            .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 10).boxed().toList());
        assertThat(ids(PipelineHarness.awaitRows(catalog, ordersTable, 5)))
            .containsExactlyInAnyOrderElementsOf(LongStream.range(100, 105).boxed().toList());
        Types.StructType viewsSchema = catalog.loadTable(viewsTable).schema().asStruct();
        Types.StructType ordersSchema = catalog.loadTable(ordersTable).schema().asStruct();
        assertThat(viewsSchema.field("page").type()).isEqualTo(Types.StringType.get());
        assertThat(viewsSchema.field("amount")).isNull();
        assertThat(ordersSchema.field("amount").type()).isEqualTo(Types.DoubleType.get());
        assertThat(ordersSchema.field("page")).isNull();
      } finally {
        job.cancel().get();
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
    }
  }

  private static KinesisClient client(KinesaliteServer kinesis) {
    return KinesisClient.builder()
        .endpointOverride(kinesis.endpoint())
        .region(Region.of(kinesis.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static void create(KinesisClient client, String stream, int shards) {
    client.createStream(b -> b.streamName(stream).shardCount(shards));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .describeStreamSummary(b -> b.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                    == StreamStatus.ACTIVE);
  }

  private static List<String> json(long first, int count, String field) {
    return LongStream.range(first, first + count)
        .mapToObj(id -> "{\"id\": %d, %s}".formatted(id, field.formatted(id)))
        .toList();
  }

  private static void put(KinesisClient client, String stream, List<String> payloads) {
    List<PutRecordsRequestEntry> entries =
        payloads.stream()
            .map(
                p ->
                    PutRecordsRequestEntry.builder()
                        .partitionKey(p)
                        .data(SdkBytes.fromUtf8String(p))
                        .build())
            .toList();
    int failed = client.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount();
    assertThat(failed).isZero();
  }
}
