package io.driftway.catalogbridge.model;

import java.time.Instant;

/** A Glue {@code LastCrawlInfo}: how the crawler's latest crawl ended. */
public record LastCrawlInfo(
    Status status,
    String errorMessage,
    String logGroup,
    String logStream,
    String messagePrefix,
    Instant startTime) {

  /** Glue's {@code LastCrawlStatus}. */
  public enum Status {
    SUCCEEDED,
    CANCELLED,
    FAILED
  }

  public static LastCrawlInfo of(Status status, String errorMessage, Instant startTime) {
    return new LastCrawlInfo(status, errorMessage, null, null, null, startTime);
  }
}
