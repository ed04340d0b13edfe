package io.driftway.streamjobs.backfill;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka topic range, resolved to offsets before the job starts: per partition, the first offset
 * to read and the first not to read. Resolving up front (not in the job) makes the range a fixed
 * fact of the run: the bookmark, the progress total and the summary all use the same numbers.
 *
 * @param requestedStart the start the user asked for, before the bookmark moved it
 * @param start where the job starts: the requested start or, past it, the first offset no earlier
 *     run committed
 * @param stop the first offset not read (exclusive end)
 */
record KafkaRange(
    String brokers,
    Map<String, String> properties,
    String topic,
    Map<Integer, Long> requestedStart,
    Map<Integer, Long> start,
    Map<Integer, Long> stop) {

  private static final Pattern COMMA = Pattern.compile(",");
  private static final Pattern COLON = Pattern.compile(":");

  KafkaRange {
    properties = Map.copyOf(properties);
    requestedStart = Map.copyOf(requestedStart);
    start = Map.copyOf(start);
    stop = Map.copyOf(stop);
  }

  /** Records the job will read. */
  long total() {
    long total = 0;
    for (Map.Entry<Integer, Long> e : stop.entrySet()) {
      total += Math.max(0, e.getValue() - start.get(e.getKey()));
    }
    return total;
  }

  /** Records of the requested range that an earlier run committed. */
  long skippedByBookmark() {
    long total = 0;
    for (Map.Entry<Integer, Long> e : stop.entrySet()) {
      long from = requestedStart.get(e.getKey());
      total += Math.max(0, Math.min(start.get(e.getKey()), e.getValue()) - from);
    }
    return total;
  }

  static KafkaRange plan(
      String brokers,
      Map<String, String> properties,
      String topic,
      String from,
      String to,
      Progress committed) {
    Properties props = new Properties();
    props.putAll(properties);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    try (Admin admin = Admin.create(props)) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      List<TopicPartition> partitions =
          description.partitions().stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      Map<Integer, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
      Map<Integer, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
      Map<Integer, Long> requested = bound(admin, partitions, from, earliest, latest, true);
      Map<Integer, Long> stop = bound(admin, partitions, to, earliest, latest, false);
      Map<Integer, Long> start = new TreeMap<>();
      for (TopicPartition tp : partitions) {
        int p = tp.partition();
        long s = requested.get(p);
        String done = committed.position(BookmarkTracker.kafkaKey(topic, p));
        if (done != null) {
          long next = Long.parseLong(done) + 1;
          // Only a bookmark that reaches into the requested range moves its start; a range that
          // begins past it is read as asked.
          if (next > s) {
            s = next;
          }
        }
        start.put(p, Math.min(s, Math.max(stop.get(p), requested.get(p))));
        if (stop.get(p) < requested.get(p)) {
          stop.put(p, requested.get(p));
        }
      }
      return new KafkaRange(brokers, properties, topic, requested, start, stop);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot plan backfill: the Kafka topic cannot be described: "
              + e.getMessage()
              + ": "
              + topic,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Cannot plan backfill: interrupted: " + topic, e);
    }
  }

  private static Map<Integer, Long> bound(
      Admin admin,
      List<TopicPartition> partitions,
      String value,
      Map<Integer, Long> earliest,
      Map<Integer, Long> latest,
      boolean isStart)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<Integer, Long> result = new TreeMap<>(isStart ? earliest : latest);
    if (value == null
        || value.equalsIgnoreCase(isStart ? "earliest" : "latest")
        || (!isStart && value.equalsIgnoreCase("now"))) {
      return result;
    }
    if (value.equalsIgnoreCase("earliest")) {
      return new TreeMap<>(earliest);
    }
    if (value.equalsIgnoreCase("latest")) {
      return new TreeMap<>(latest);
    }
    Instant at = SourceRange.instant(value);
    if (at != null) {
      Map<Integer, Long> byTime =
          offsets(admin, partitions, OffsetSpec.forTimestamp(at.toEpochMilli()));
      for (TopicPartition tp : partitions) {
        long offset = byTime.get(tp.partition());
        // No record at or after the instant: the range ends (or starts) at the log's end.
        result.put(tp.partition(), offset < 0 ? latest.get(tp.partition()) : offset);
      }
      return result;
    }
    Map<Integer, Long> given = new HashMap<>();
    try {
      if (value.matches("\\d+")) {
        for (TopicPartition tp : partitions) {
          given.put(tp.partition(), Long.parseLong(value));
        }
      } else {
        for (String part : COMMA.split(value, -1)) {
          String[] pair = COLON.split(part.trim(), -1);
          if (pair.length != 2) {
            throw new NumberFormatException(part);
          }
          given.put(Integer.parseInt(pair[0].trim()), Long.parseLong(pair[1].trim()));
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Cannot plan backfill: "
              + (isStart ? "--from" : "--to")
              + " for Kafka is "
              + (isStart ? "earliest" : "latest")
              + ", an offset, partition:offset,... or an ISO instant such as"
              + " 2026-11-01T00:00:00Z: "
              + value,
          e);
    }
    for (Map.Entry<Integer, Long> e : given.entrySet()) {
      if (!result.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "Cannot plan backfill: the topic has no such partition: " + e.getKey());
      }
      long clamped =
          Math.max(earliest.get(e.getKey()), Math.min(latest.get(e.getKey()), e.getValue()));
      result.put(e.getKey(), clamped);
    }
    return result;
  }

  private static Map<Integer, Long> offsets(
      Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer =
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
    Map<Integer, Long> result = new TreeMap<>();
    answer.forEach((tp, info) -> result.put(tp.partition(), info.offset()));
    return result;
  }
}
