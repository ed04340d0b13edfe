package io.driftway.connectors.kinesis;

import static org.awaitility.Awaitility.await;

import io.driftway.testsupport.kinesis.KinesaliteServer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Creates, fills and reshards streams on kinesalite for the source's integration tests. */
final class TestStreams implements AutoCloseable {

  private static final Duration ACTIVE_LIMIT = Duration.ofSeconds(30);

  private final KinesaliteServer server;
  private final KinesisClient client;

  TestStreams(KinesaliteServer server) {
    this.server = server;
    this.client =
        KinesisClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.of(server.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /** A new, active stream named {@code prefix-<uuid>}. */
  String create(String prefix, int shards) {
    String stream = prefix + "-" + UUID.randomUUID();
    client.createStream(b -> b.streamName(stream).shardCount(shards));
    awaitActive(stream);
    return stream;
  }

  /** Puts each payload with itself as partition key, so payloads spread over the open shards. */
  void put(String stream, List<String> payloads) {
    for (int from = 0; from < payloads.size(); from += 500) {
      List<PutRecordsRequestEntry> entries = new ArrayList<>();
      for (String payload : payloads.subList(from, Math.min(payloads.size(), from + 500))) {
        entries.add(
            PutRecordsRequestEntry.builder()
                .partitionKey(payload)
                .data(SdkBytes.fromUtf8String(payload))
                .build());
      }
      int failed =
          client.putRecords(b -> b.streamName(stream).records(entries)).failedRecordCount();
      if (failed != 0) {
        throw new IllegalStateException("Cannot put records: " + failed + " failed: " + stream);
      }
    }
  }

  /** Puts one record into {@code shard}, whatever its partition key hashes to. */
  void putInto(String stream, Shard shard, String payload) {
    client.putRecord(
        b ->
            b.streamName(stream)
                .partitionKey(payload)
                .explicitHashKey(shard.hashKeyRange().startingHashKey())
                .data(SdkBytes.fromUtf8String(payload)));
  }

  List<Shard> shards(String stream) {
    return client.listShards(b -> b.streamName(stream)).shards();
  }

  /** The shards that still take new records. */
  List<Shard> openShards(String stream) {
    return shards(stream).stream()
        .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
        .toList();
  }

  /** Splits {@code shard} in the middle of its hash key range and waits for the stream. */
  void split(String stream, Shard shard) {
    BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
    BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
    BigInteger middle = start.add(end).add(BigInteger.ONE).shiftRight(1);
    client.splitShard(
        b ->
            b.streamName(stream)
                .shardToSplit(shard.shardId())
                .newStartingHashKey(middle.toString()));
    awaitActive(stream);
  }

  /** A source builder for {@code streams} on this kinesalite, with fast discovery. */
  KinesisSourceBuilder<KinesisRecord> source(String... streams) {
    return KinesisSource.<KinesisRecord>builder()
        .streams(streams)
        .region(server.region())
        .endpoint(server.endpoint())
        .staticCredentials("test", "test")
        .shardDiscoveryInterval(Duration.ofSeconds(1))
        .deserializer(KinesisRecordDeserializer.raw());
  }

  private void awaitActive(String stream) {
    await()
        .atMost(ACTIVE_LIMIT)
        .until(
            () ->
                client
                        .describeStreamSummary(b -> b.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                    == StreamStatus.ACTIVE);
  }

  @Override
  public void close() {
    client.close();
  }
}
