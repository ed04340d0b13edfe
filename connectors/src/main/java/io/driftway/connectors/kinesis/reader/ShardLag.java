package io.driftway.connectors.kinesis.reader;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far behind the newest record each shard a reader polls is, from GetRecords' {@code
 * MillisBehindLatest}. Written by the fetcher thread, read by the metric reporter.
 */
final class ShardLag {

  private final Map<String, Long> millisBehind = new ConcurrentHashMap<>();

  void update(String splitId, long millis) {
    millisBehind.put(splitId, millis);
  }

  void remove(String splitId) {
    millisBehind.remove(splitId);
  }

  /** The largest lag over the shards being read; 0 when none reported one yet. */
  long maxMillisBehind() {
    long max = 0;
    for (long value : millisBehind.values()) {
      max = Math.max(max, value);
    }
    return max;
  }
}
