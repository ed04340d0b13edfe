package io.driftway.connectors.kinesis.enumerator;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/** {@link ShardLister} over {@code ListShards}, following {@code NextToken} pages. */
final class KinesisShardLister implements ShardLister {

  private final KinesisClient client;

  KinesisShardLister(KinesisClient client) {
    this.client = client;
  }

  @Override
  public List<DiscoveredShard> listShards(String stream) {
    List<DiscoveredShard> shards = new ArrayList<>();
    // Kinesis refuses a stream name next to a NextToken: later pages carry only the token.
    ListShardsRequest request = ListShardsRequest.builder().streamName(stream).build();
    while (request != null) {
      ListShardsResponse response = client.listShards(request);
      for (Shard shard : response.shards()) {
        shards.add(toDiscovered(shard));
      }
      request =
          response.nextToken() == null
              ? null
              : ListShardsRequest.builder().nextToken(response.nextToken()).build();
    }
    return shards;
  }

  private static DiscoveredShard toDiscovered(Shard shard) {
    List<String> parents = new ArrayList<>(2);
    if (shard.parentShardId() != null) {
      parents.add(shard.parentShardId());
    }
    if (shard.adjacentParentShardId() != null) {
      parents.add(shard.adjacentParentShardId());
    }
    boolean closed =
        shard.sequenceNumberRange() != null
            && shard.sequenceNumberRange().endingSequenceNumber() != null;
    return new DiscoveredShard(shard.shardId(), parents, closed);
  }

  @Override
  public void close() {
    client.close();
  }
}
