package io.driftway.streamjobs.audit;

import io.driftway.schemaevolution.record.SourceCoordinates;
import java.util.Objects;

/**
 * A unit of a source read in order: a Kafka topic partition, a Kinesis shard, or a file.
 *
 * @param source {@code kafka}, {@code kinesis} or {@code file}
 * @param name the topic, stream or file path
 * @param partition the partition number or shard id; {@code null} for a file
 */
record SourcePartition(String source, String name, String partition) {

  static final String KAFKA = "kafka";
  static final String KINESIS = "kinesis";
  static final String FILE = "file";

  SourcePartition {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
  }

  /** The partition of {@code at}, or null when its origin is unknown. */
  static SourcePartition of(SourceCoordinates at) {
    if (at instanceof SourceCoordinates.Kafka kafka) {
      return new SourcePartition(KAFKA, kafka.topic(), Integer.toString(kafka.partition()));
    }
    if (at instanceof SourceCoordinates.Kinesis kinesis) {
      return new SourcePartition(KINESIS, kinesis.stream(), kinesis.shardId());
    }
    if (at instanceof SourceCoordinates.File file) {
      return new SourcePartition(FILE, file.path(), null);
    }
    return null;
  }

  /** Whether {@code a} and {@code b} are positions of one partition (false when either is null). */
  static boolean same(SourceCoordinates a, SourceCoordinates b) {
    if (a instanceof SourceCoordinates.Kafka x && b instanceof SourceCoordinates.Kafka y) {
      return x.partition() == y.partition() && x.topic().equals(y.topic());
    }
    if (a instanceof SourceCoordinates.Kinesis x && b instanceof SourceCoordinates.Kinesis y) {
      return x.shardId().equals(y.shardId()) && x.stream().equals(y.stream());
    }
    if (a instanceof SourceCoordinates.File x && b instanceof SourceCoordinates.File y) {
      return x.path().equals(y.path());
    }
    return false;
  }

  /**
   * Whether every position between two read positions holds a record: Kafka offsets (but for
   * compacted topics and transaction markers) and file lines; not Kinesis sequence numbers.
   */
  boolean dense() {
    return !KINESIS.equals(source);
  }

  /** As the audit prints it: {@code kafka:orders/3}, {@code kinesis:clicks/shardId-0}. */
  String describe() {
    return source + ":" + name + (partition == null ? "" : "/" + partition);
  }
}
