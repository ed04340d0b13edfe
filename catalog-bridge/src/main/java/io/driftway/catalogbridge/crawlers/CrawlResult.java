package io.driftway.catalogbridge.crawlers;

/**
 * What one crawl did: counts for GetCrawlerMetrics and an {@code ErrorMessage} for {@code
 * LastCrawl} when it failed ({@code null} when it succeeded).
 *
 * <pre>{@code
 * return CrawlResult.succeeded(2, 1, 0, 30);   // 2 tables created, 1 updated, 30 partitions added
 * return CrawlResult.failed("Cannot crawl: no files under the path: s3://bucket/events/");
 * }</pre>
 */
public record CrawlResult(
    int tablesCreated,
    int tablesUpdated,
    int tablesDeleted,
    int partitionsAdded,
    String errorMessage) {

  public CrawlResult {
    if (tablesCreated < 0 || tablesUpdated < 0 || tablesDeleted < 0 || partitionsAdded < 0) {
      throw new IllegalArgumentException(
          "Cannot describe crawl: counts cannot be negative: "
              + tablesCreated
              + "/"
              + tablesUpdated
              + "/"
              + tablesDeleted
              + "/"
              + partitionsAdded);
    }
  }

  public static CrawlResult succeeded(
      int tablesCreated, int tablesUpdated, int tablesDeleted, int partitionsAdded) {
    return new CrawlResult(tablesCreated, tablesUpdated, tablesDeleted, partitionsAdded, null);
  }

  public static CrawlResult failed(String errorMessage) {
    if (errorMessage == null || errorMessage.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot describe crawl: a failed crawl needs an error message: " + errorMessage);
    }
    return new CrawlResult(0, 0, 0, 0, errorMessage);
  }

  /** True when the crawl succeeded. */
  public boolean isSuccess() {
    return errorMessage == null;
  }
}
