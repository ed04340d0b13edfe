package io.driftway.connectors.kinesis.enumerator;

import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Lists the shards of a stream, all pages of them. Called only from the enumerator's worker thread,
 * one call at a time. The seam that lets the enumerator's assignment rules be tested without a
 * Kinesis endpoint.
 *
 * <pre>{@code
 * try (ShardLister lister = ShardLister.of(kinesisClient)) {
 *   List<DiscoveredShard> shards = lister.listShards("orders");
 * }
 * }</pre>
 */
public interface ShardLister extends AutoCloseable {

  /** Every shard Kinesis still lists for {@code stream}, open and closed. */
  List<DiscoveredShard> listShards(String stream);

  /** Releases the client. */
  @Override
  void close();

  /** A lister over {@code client} ({@code ListShards}); closing it closes the client. */
  static ShardLister of(KinesisClient client) {
    return new KinesisShardLister(client);
  }
}
