package io.driftway.testsupport.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

@ExtendWith(KinesisExtension.class)
class KinesaliteServerIT {

  @Test
  void createsAStreamPutsAndGetsRecords(KinesaliteServer kinesis) {
    String stream = "smoke-" + UUID.randomUUID();
    try (KinesisClient client = client(kinesis)) {
      client.createStream(b -> b.streamName(stream).shardCount(2));
      assertThat(
              client
                  .describeStreamSummary(b -> b.streamName(stream))
                  .streamDescriptionSummary()
                  .streamStatus())
          .isEqualTo(StreamStatus.ACTIVE);

      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        entries.add(
            PutRecordsRequestEntry.builder()
                .partitionKey("key-" + i)
                .data(SdkBytes.fromString("{\"id\":" + i + "}", StandardCharsets.UTF_8))
                .build());
      }
      assertThat(client.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount())
          .isZero();

      List<String> read = new ArrayList<>();
      List<Shard> shards = client.listShards(b -> b.streamName(stream)).shards();
      assertThat(shards).hasSize(2);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (Shard shard : shards) {
        String iterator =
            client
                .getShardIterator(
                    b ->
                        b.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        while (iterator != null && System.nanoTime() < deadline) {
          String current = iterator;
          GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current));
          for (Record record : response.records()) {
            read.add(record.data().asUtf8String());
          }
          iterator = response.millisBehindLatest() == 0 ? null : response.nextShardIterator();
        }
      }
      assertThat(read).hasSize(50).doesNotHaveDuplicates().contains("{\"id\":0}", "{\"id\":49}");
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
}
