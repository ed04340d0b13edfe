package io.driftway.schemaevolution.record;

import java.util.Objects;

/**
 * Where a record came from: a Kafka topic partition and offset, a Kinesis stream shard and sequence
 * number, or a file and line. Carried by every {@link DynamicRecord}, copied into schema changes
 * (first seen at) and quarantine records.
 *
 * <pre>{@code
 * SourceCoordinates at = SourceCoordinates.kafka("orders", 3, 1_204L);
 * at.describe(); // "kafka:orders/3@1204"
 * }</pre>
 */
public sealed interface SourceCoordinates
    permits SourceCoordinates.Kafka,
        SourceCoordinates.Kinesis,
        SourceCoordinates.File,
        SourceCoordinates.Unknown {

  /** A one-line description, stable enough to log and to compare. */
  String describe();

  /** A Kafka record. */
  static SourceCoordinates kafka(String topic, int partition, long offset) {
    return new Kafka(topic, partition, offset);
  }

  /** A Kinesis record. */
  static SourceCoordinates kinesis(String stream, String shardId, String sequenceNumber) {
    return new Kinesis(stream, shardId, sequenceNumber);
  }

  /** A line (1-based) of a file. */
  static SourceCoordinates file(String path, long line) {
    return new File(path, line);
  }

  /** A record whose origin is not known (tests, tools). */
  static SourceCoordinates unknown() {
    return Unknown.INSTANCE;
  }

  /** Kafka: topic, partition, offset. */
  record Kafka(String topic, int partition, long offset) implements SourceCoordinates {
    /** Validates the parts. */
    public Kafka {
      Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String describe() {
      return "kafka:" + topic + "/" + partition + "@" + offset;
    }
  }

  /** Kinesis: stream, shard, sequence number. */
  record Kinesis(String stream, String shardId, String sequenceNumber)
      implements SourceCoordinates {
    /** Validates the parts. */
    public Kinesis {
      Objects.requireNonNull(stream, "stream");
      Objects.requireNonNull(shardId, "shardId");
      Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }

    @Override
    public String describe() {
      return "kinesis:" + stream + "/" + shardId + "@" + sequenceNumber;
    }
  }

  /** A file and a 1-based line (or record number for binary files). */
  record File(String path, long line) implements SourceCoordinates {
    /** Validates the parts. */
    public File {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public String describe() {
      // A local file's location is already a file: URI; say "file:" once.
      return (path.startsWith("file:") ? path : "file:" + path) + ":" + line;
    }
  }

  /** Unknown origin. */
  enum Unknown implements SourceCoordinates {
    INSTANCE;

    @Override
    public String describe() {
      return "unknown";
    }
  }
}
