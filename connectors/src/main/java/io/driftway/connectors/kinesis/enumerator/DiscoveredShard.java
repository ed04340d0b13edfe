package io.driftway.connectors.kinesis.enumerator;

import java.util.List;
import java.util.Objects;

/**
 * A shard as one listing saw it: its id, its parents (one after a split, two after a merge), and
 * whether it is closed (it has an ending sequence number and will get no new records).
 *
 * <pre>{@code
 * new DiscoveredShard("shardId-000000000002", List.of("shardId-000000000000"), false)
 * }</pre>
 */
public record DiscoveredShard(String shardId, List<String> parentShardIds, boolean closed) {

  public DiscoveredShard {
    Objects.requireNonNull(shardId, "shardId");
    parentShardIds = List.copyOf(parentShardIds);
  }
}
