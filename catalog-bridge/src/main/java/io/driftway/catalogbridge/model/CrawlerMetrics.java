package io.driftway.catalogbridge.model;

/**
 * A Glue {@code CrawlerMetrics} as GetCrawlerMetrics returns it; the counts are those of the
 * crawler's latest finished crawl.
 */
public record CrawlerMetrics(
    String crawlerName,
    Double timeLeftSeconds,
    Boolean stillEstimating,
    Double lastRuntimeSeconds,
    Double medianRuntimeSeconds,
    Integer tablesCreated,
    Integer tablesUpdated,
    Integer tablesDeleted) {

  /** A crawler that never finished a crawl. */
  public static CrawlerMetrics none(String crawlerName) {
    return new CrawlerMetrics(crawlerName, 0.0, false, 0.0, 0.0, 0, 0, 0);
  }
}
