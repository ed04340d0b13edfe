package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.ids;
import static io.driftway.streamjobs.graph.PipelineHarness.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kinesis.KinesaliteServer;
import io.driftway.testsupport.kinesis.KinesisExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * JSON click events with drift from a Kinesis stream of two shards (kinesalite), read from the trim
 * horizon with static keys, into an Iceberg table on S3 with a JDBC catalog on PostgreSQL.
 */
@ExtendWith({
  KinesisExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class KinesisJsonPipelineIT {

  @Test
  void readsEveryShardAndEvolvesTheTable(
      KinesaliteServer kinesis, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String stream = "clicks-" + suffix;
    try (KinesisClient client = client(kinesis)) {
      client.createStream(b -> b.streamName(stream).shardCount(2));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                          .describeStreamSummary(b -> b.streamName(stream))
                          .streamDescriptionSummary()
                          .streamStatus()
                      == StreamStatus.ACTIVE);
      List<String> first = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        first.add("{\"id\": %d, \"page\": \"/p%d\", \"ms\": %d}".formatted(i, i % 3, i));
      }
      // Written before the job starts: only TRIM_HORIZON reads them.
      put(client, stream, first);

      PipelineSpec spec =
          PipelineHarness.spec(
              "clicks.yaml",
              """
              name: clicks-%s
              sources:
                - kinesis:
                    streams: [%s]
                    region: %s
                    endpoint: %s
                    starting-position: TRIM_HORIZON
                    access-key-id: test
                    secret-access-key: test
              routing:
                table: clicks
              tables:
                - name: clicks
                  database: web
              %s
              checkpointing:
                interval: 1s
              parallelism: 2
              """
                  .formatted(
                      suffix,
                      stream,
                      kinesis.region(),
                      kinesis.endpoint(),
                      PipelineHarness.lake(s3, postgres, suffix)));

      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      TableIdentifier clicks = TableIdentifier.of("web", "clicks");
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        PipelineHarness.awaitRows(catalog, clicks, 30);
        List<String> later = new ArrayList<>();
        for (int i = 30; i < 60; i++) {
          // Drift: ms outgrows int, a new field, a nested object.
          later.add(
              ("{\"id\": %d, \"page\": \"/p%d\", \"ms\": %d, \"referrer\": \"r%d\","
                      + " \"device\": {\"os\": \"linux\", \"mobile\": false}}")
                  .formatted(i, i % 3, 5_000_000_000L + i, i));
        }
        put(client, stream, later);
        List<Record> rows = PipelineHarness.awaitRows(catalog, clicks, 60);

        assertThat(rows).hasSize(60);
        assertThat(new HashSet<>(ids(rows))).hasSize(60);
        Schema schema = catalog.loadTable(clicks).schema();
        assertThat(schema.findField("ms").type()).isEqualTo(Types.LongType.get());
        assertThat(schema.findField("referrer").type()).isEqualTo(Types.StringType.get());
        Types.StructType device = schema.findField("device").type().asStructType();
        assertThat(device.field("os").type()).isEqualTo(Types.StringType.get());
        assertThat(device.field("mobile").type()).isEqualTo(Types.BooleanType.get());
        Record late = row(rows, 59);
        assertThat(late.getField("ms")).isEqualTo(5_000_000_059L);
        assertThat(late.getField("referrer")).isEqualTo("r59");
        assertThat(((Record) late.getField("device")).getField("os")).isEqualTo("linux");
        Record early = row(rows, 4);
        assertThat(early.getField("ms")).isEqualTo(4L);
        assertThat(early.getField("page")).isEqualTo("/p1");
        assertThat(early.getField("referrer")).isNull();
        assertThat(early.getField("device")).isNull();
      } finally {
        job.cancel().get();
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

  /** Puts each payload with itself as partition key, so they spread over both shards. */
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
