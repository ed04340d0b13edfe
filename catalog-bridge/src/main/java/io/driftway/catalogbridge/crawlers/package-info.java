/**
 * Glue crawlers: definitions, their state and last crawl, and the narrow interface through which an
 * engine runs a crawl ({@link io.driftway.catalogbridge.crawlers.CrawlerRunner}). No Flink and no
 * file reading here: {@code stream-jobs} implements the runner.
 */
package io.driftway.catalogbridge.crawlers;
