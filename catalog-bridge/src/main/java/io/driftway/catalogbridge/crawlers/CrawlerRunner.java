package io.driftway.catalogbridge.crawlers;

/**
 * Runs crawls. The catalog bridge has no crawler engine of its own: {@code stream-jobs} plugs in
 * the one that reads S3 files; tests plug in small ones.
 *
 * <p>The bridge owns the crawler's state: StartCrawler moves it to RUNNING and hands the crawl to a
 * bridge-owned crawl thread, which calls {@link #crawl}; when it returns the crawler is READY again
 * with {@code LastCrawl} from the result. StopCrawler moves it to STOPPING and interrupts that
 * thread; the crawl then ends as CANCELLED.
 *
 * <pre>{@code
 * CrawlerRunner runner = context -> {
 *   Crawler crawler = context.crawler();
 *   ... infer tables under crawler.targets().s3Targets(), write them through context.catalog() ...
 *   return CrawlResult.succeeded(1, 0, 0, 12);
 * };
 * CatalogBridge bridge = CatalogBridge.builder(config).crawlerRunner(runner).start();
 * }</pre>
 */
@FunctionalInterface
public interface CrawlerRunner {

  /**
   * Runs one crawl to its end. Called on a bridge-owned crawl thread, one call per StartCrawler: it
   * may block for as long as the crawl takes, and should return soon after that thread is
   * interrupted or {@link CrawlContext#stopRequested()} turns true (StopCrawler, bridge closing).
   *
   * @return what the crawl did; a failed crawl is {@link CrawlResult#failed(String)}
   * @throws InterruptedException when stopped; the crawl is recorded CANCELLED
   * @throws RuntimeException any other failure; the crawl is recorded FAILED with its message
   */
  CrawlResult crawl(CrawlContext context) throws InterruptedException;

  /**
   * The runner of a bridge started without one: every crawl ends FAILED with an {@code
   * ErrorMessage} that says what to configure.
   */
  static CrawlerRunner unconfigured() {
    return context ->
        CrawlResult.failed(
            "Cannot crawl: this catalog bridge has no crawler runner (start it with `driftway"
                + " catalog serve`, which crawls S3 files, or plug one in with"
                + " CatalogBridge.builder(config).crawlerRunner(..)): "
                + context.crawler().name());
  }
}
