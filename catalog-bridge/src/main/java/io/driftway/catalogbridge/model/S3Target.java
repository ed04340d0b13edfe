package io.driftway.catalogbridge.model;

import java.util.List;

/** A Glue {@code S3Target}: a folder a crawler reads, e.g. {@code s3://bucket/events/}. */
public record S3Target(
    String path,
    List<String> exclusions,
    String connectionName,
    Integer sampleSize,
    String eventQueueArn,
    String dlqEventQueueArn) {

  public S3Target {
    exclusions = Copies.list(exclusions);
  }

  public static S3Target of(String path) {
    return new S3Target(path, null, null, null, null, null);
  }
}
