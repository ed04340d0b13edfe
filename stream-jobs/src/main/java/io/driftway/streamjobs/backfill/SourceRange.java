package io.driftway.streamjobs.backfill;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads a backfill's {@code --source} and its {@code --from}/{@code --to} values. */
final class SourceRange {

  /** What a backfill reads. */
  enum Kind {
    FILES,
    KAFKA,
    KINESIS,
    /** A table's quarantine: a replay of its rows through the current rules. */
    QUARANTINE
  }

  private SourceRange() {}

  static Kind kindOf(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3://") || lower.startsWith("s3a://") || lower.startsWith("file:")) {
      return Kind.FILES;
    }
    if (lower.startsWith("kafka://")) {
      return Kind.KAFKA;
    }
    if (lower.startsWith("kinesis://")) {
      return Kind.KINESIS;
    }
    if (lower.startsWith("quarantine://")) {
      return Kind.QUARANTINE;
    }
    throw new IllegalArgumentException(
        "Cannot plan backfill: the source must be s3://bucket/prefix, file:/folder,"
            + " kafka://topic, kinesis://stream or quarantine://database.table: "
            + source);
  }

  /**
   * The topic or stream of a {@code kafka://} or {@code kinesis://} source: {@code kafka://orders}
   * or {@code kafka://broker:9092/orders}.
   */
  static String streamName(String source) {
    URI uri = URI.create(source);
    String path = uri.getPath();
    String name = path != null && path.length() > 1 ? path.substring(1) : uri.getHost();
    if (name == null || name.isEmpty()) {
      name = source.substring(source.indexOf("://") + 3);
    }
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException(
          "Cannot plan backfill: no topic or stream name in the source: " + source);
    }
    return name;
  }

  /** The brokers of {@code kafka://host:port/topic}, or null for {@code kafka://topic}. */
  static String kafkaBrokers(String source) {
    URI uri = URI.create(source);
    String path = uri.getPath();
    if (path == null || path.length() <= 1) {
      return null;
    }
    return uri.getAuthority();
  }

  /** An ISO instant, or null when {@code value} is not one. */
  static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
