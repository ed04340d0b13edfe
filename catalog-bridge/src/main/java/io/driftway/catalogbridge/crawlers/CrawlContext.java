package io.driftway.catalogbridge.crawlers;

import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.model.Crawler;
import java.net.URI;

/**
 * One crawl as the runner sees it: the crawler's definition and the catalog to write into. Handed
 * to {@link CrawlerRunner#crawl}; valid for that call only.
 */
public interface CrawlContext {

  /**
   * The crawler as it was when the crawl started: {@code DatabaseName}, {@code
   * Targets.S3Targets[].Path}, {@code TablePrefix}, {@code SchemaChangePolicy} (see {@link
   * Crawler#effectiveSchemaChangePolicy()}), {@code Configuration}.
   */
  Crawler crawler();

  /**
   * The bridge's own catalog operations, in this JVM: create and update tables and partitions with
   * {@code catalog().call("CreateTable", body, caller())} without a network hop or a signature.
   */
  CrawlCatalog catalog();

  /** Who started the crawl; pass it to {@link #catalog()} so its rights apply to what it writes. */
  Principal caller();

  /** Where the bridge serves the Glue API over HTTP (for clients such as Iceberg's). */
  URI catalogEndpoint();

  /** The region clients of {@link #catalogEndpoint()} sign for. */
  String region();

  /** True once StopCrawler (or the bridge closing) asked this crawl to end. */
  boolean stopRequested();
}
