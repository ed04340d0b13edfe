package io.driftway.catalogbridge.model;

import java.time.Instant;

/**
 * A Glue {@code Crawler} as GetCrawler returns it: it infers tables (schema and Hive-style
 * partitions) from the files under its {@code Targets.S3Targets} and creates or updates them in
 * {@code DatabaseName}, named {@code TablePrefix} + folder name, as its {@code SchemaChangePolicy}
 * allows. {@code CrawlElapsedTime} is in milliseconds; {@code Configuration} is Glue's JSON string.
 */
public record Crawler(
    String name,
    String role,
    CrawlerTargets targets,
    String databaseName,
    String description,
    RecrawlPolicy recrawlPolicy,
    SchemaChangePolicy schemaChangePolicy,
    CrawlerState state,
    String tablePrefix,
    Long crawlElapsedTime,
    Instant creationTime,
    Instant lastUpdated,
    LastCrawlInfo lastCrawl,
    Long version,
    String configuration) {

  /** The schema change policy in force, with Glue's defaults for what is left out. */
  public SchemaChangePolicy effectiveSchemaChangePolicy() {
    return schemaChangePolicy == null ? SchemaChangePolicy.DEFAULT : schemaChangePolicy;
  }

  /** This crawler in {@code newState}, with {@code lastCrawl} and elapsed time as given. */
  public Crawler withState(CrawlerState newState, LastCrawlInfo newLastCrawl, Long elapsedMillis) {
    return new Crawler(
        name,
        role,
        targets,
        databaseName,
        description,
        recrawlPolicy,
        schemaChangePolicy,
        newState,
        tablePrefix,
        elapsedMillis,
        creationTime,
        lastUpdated,
        newLastCrawl,
        version,
        configuration);
  }
}
