package io.driftway.connectors.kinesis.reader;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The two calls the polling reader makes, over in-memory shards. Sequence numbers are the record's
 * position plus 1000; iterators are {@code shardId@index}. A test can queue failures per shard.
 */
final class FakeKinesisClient implements KinesisClient {

  private final Map<String, List<Record>> shards = new HashMap<>();
  private final Map<String, Boolean> closedShards = new HashMap<>();
  private final Map<String, Deque<RuntimeException>> failures = new HashMap<>();
  final List<GetShardIteratorRequest> iteratorRequests = new ArrayList<>();
  final List<String> getRecordsCalls = new ArrayList<>();
  boolean closed;

  /** Adds records that arrived at the given times to {@code shardId}. */
  FakeKinesisClient shard(String shardId, boolean closedShard, Instant... arrivals) {
    List<Record> records = shards.computeIfAbsent(shardId, id -> new ArrayList<>());
    for (Instant arrival : arrivals) {
      int n = records.size();
      records.add(
          Record.builder()
              .sequenceNumber(sequenceNumber(n))
              .partitionKey("key-" + n)
              .approximateArrivalTimestamp(arrival)
              .data(SdkBytes.fromUtf8String(shardId + "#" + n))
              .build());
    }
    closedShards.put(shardId, closedShard);
    return this;
  }

  /** The next GetRecords call on {@code shardId} throws {@code failure}. */
  FakeKinesisClient failNextRead(String shardId, RuntimeException failure) {
    failures.computeIfAbsent(shardId, id -> new ArrayDeque<>()).add(failure);
    return this;
  }

  static String sequenceNumber(int index) {
    return Integer.toString(1000 + index);
  }

  @Override
  public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
    iteratorRequests.add(request);
    List<Record> records = shards.get(request.shardId());
    int index =
        switch (request.shardIteratorType()) {
          case TRIM_HORIZON -> 0;
          case LATEST -> records.size();
          case AT_TIMESTAMP -> {
            int i = 0;
            while (i < records.size()
                && records.get(i).approximateArrivalTimestamp().isBefore(request.timestamp())) {
              i++;
            }
            yield i;
          }
          case AFTER_SEQUENCE_NUMBER ->
              Integer.parseInt(request.startingSequenceNumber()) - 1000 + 1;
          default -> throw new IllegalArgumentException(request.toString());
        };
    return GetShardIteratorResponse.builder()
        .shardIterator(request.shardId() + "@" + index)
        .build();
  }

  @Override
  public GetRecordsResponse getRecords(GetRecordsRequest request) {
    int at = request.shardIterator().indexOf('@');
    String shardId = request.shardIterator().substring(0, at);
    getRecordsCalls.add(shardId);
    Deque<RuntimeException> queued = failures.get(shardId);
    if (queued != null && !queued.isEmpty()) {
      throw queued.remove();
    }
    List<Record> records = shards.get(shardId);
    int from = Integer.parseInt(request.shardIterator().substring(at + 1));
    int to = Math.min(records.size(), from + request.limit());
    boolean end = to == records.size();
    return GetRecordsResponse.builder()
        .records(records.subList(from, to))
        .millisBehindLatest(end ? 0L : 1000L)
        .nextShardIterator(end && closedShards.get(shardId) ? null : shardId + "@" + to)
        .build();
  }

  @Override
  public String serviceName() {
    return "kinesis";
  }

  @Override
  public void close() {
    closed = true;
  }
}
