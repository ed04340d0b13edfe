package io.driftway.connectors.kinesis.enumerator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shard listings set by the test; can be told to fail. */
final class FakeShardLister implements ShardLister {

  private final Map<String, List<DiscoveredShard>> shards = new HashMap<>();
  private RuntimeException failure;
  private int listings;
  private boolean closed;

  FakeShardLister set(String stream, DiscoveredShard... listed) {
    shards.put(stream, List.of(listed));
    return this;
  }

  void failWith(RuntimeException failure) {
    this.failure = failure;
  }

  int listings() {
    return listings;
  }

  boolean closed() {
    return closed;
  }

  @Override
  public List<DiscoveredShard> listShards(String stream) {
    listings++;
    if (failure != null) {
      throw failure;
    }
    return new ArrayList<>(shards.getOrDefault(stream, List.of()));
  }

  @Override
  public void close() {
    closed = true;
  }

  static DiscoveredShard open(String shardId, String... parents) {
    return new DiscoveredShard(shardId, List.of(parents), false);
  }

  static DiscoveredShard closed(String shardId, String... parents) {
    return new DiscoveredShard(shardId, List.of(parents), true);
  }
}
