package io.driftway.streamjobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.graph.PipelineHarness;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kinesis.KinesaliteServer;
import io.driftway.testsupport.kinesis.KinesisExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
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
 * A Kinesis stream (kinesalite, two shards) backfilled from the trim horizon to its current end:
 * every record once; the same backfill again skips them all by their sequence numbers.
 */
@ExtendWith({
  KinesisExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class KinesisBackfillIT {

  @Test
  void readsTheStreamToItsEndOnceAndARerunSkipsEverything(
      KinesaliteServer kinesis, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String stream = "taps-" + suffix;
    try (KinesisClient client =
        KinesisClient.builder()
            .endpointOverride(kinesis.endpoint())
            .region(Region.of(kinesis.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
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
      List<PutRecordsRequestEntry> entries =
          IntStream.range(0, 80)
              .mapToObj(i -> "{\"id\": %d, \"tap\": \"t%d\"}".formatted(i, i % 4))
              .map(
                  p ->
                      PutRecordsRequestEntry.builder()
                          .partitionKey(p)
                          .data(SdkBytes.fromUtf8String(p))
                          .build())
              .toList();
      assertThat(client.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount())
          .isZero();
    }
    PipelineSpec pipeline =
        PipelineHarness.spec(
            "taps.yaml",
            """
            name: taps-%s
            sources:
              - kinesis:
                  streams: [%s]
                  region: %s
                  endpoint: %s
                  access-key-id: test
                  secret-access-key: test
            routing:
              table: taps
            tables:
              - name: taps
                database: mobile
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
    BackfillSpec spec = BackfillSpec.builder("kinesis://" + stream).build();

    BackfillSummary first =
        BackfillRunner.builder(pipeline, spec).flink(flink.restAddress()).build().run();
    BackfillSummary again =
        BackfillRunner.builder(pipeline, spec.toBuilder().runId("again-" + suffix).build())
            .flink(flink.restAddress())
            .build()
            .run();

    Catalog catalog = Catalogs.loader(pipeline).loadCatalog();
    List<Long> ids =
        PipelineHarness.ids(PipelineHarness.rows(catalog, TableIdentifier.of("mobile", "taps")));
    assertThat(first.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(first.rowsWritten()).isEqualTo(80);
    assertThat(again.state()).isEqualTo(BackfillSummary.State.SUCCEEDED);
    assertThat(again.rowsWritten()).isZero();
    assertThat(again.skippedRecords()).isEqualTo(80);
    assertThat(ids).hasSize(80);
    assertThat(new HashSet<>(ids))
        .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 80).boxed().toList());
  }
}
