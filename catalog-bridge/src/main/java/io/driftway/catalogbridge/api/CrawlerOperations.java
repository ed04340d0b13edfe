package io.driftway.catalogbridge.api;

import static io.driftway.catalogbridge.api.OperationContext.now;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.crawlers.CrawlerRegistry;
import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.CrawlerState;
import io.driftway.catalogbridge.model.CrawlerTargets;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.S3Target;
import io.driftway.catalogbridge.store.CatalogStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The crawler operations: definitions, StartCrawler and StopCrawler through the {@link
 * CrawlerRegistry}, and the crawl metrics. A crawler needs the caller's rights on the database it
 * writes into.
 */
final class CrawlerOperations {

  private static final int MAX_CRAWLERS_PAGE = 1000;

  private final CatalogStore store;
  private final CrawlerRegistry crawlers;

  CrawlerOperations(CatalogStore store, CrawlerRegistry crawlers) {
    this.store = store;
    this.crawlers = crawlers;
  }

  /** Registers these operations by their Glue names. */
  void addTo(DefaultGlueApi api) {
    api.add("CreateCrawler", GlueRequests.CreateCrawler.class, this::createCrawler);
    api.add("UpdateCrawler", GlueRequests.UpdateCrawler.class, this::updateCrawler);
    api.add("GetCrawler", GlueRequests.GetCrawler.class, this::getCrawler);
    api.add("GetCrawlers", GlueRequests.GetCrawlers.class, this::getCrawlers);
    api.add("StartCrawler", GlueRequests.StartCrawler.class, this::startCrawler);
    api.add("StopCrawler", GlueRequests.StopCrawler.class, this::stopCrawler);
    api.add("DeleteCrawler", GlueRequests.DeleteCrawler.class, this::deleteCrawler);
    api.add("GetCrawlerMetrics", GlueRequests.GetCrawlerMetrics.class, this::getCrawlerMetrics);
  }

  private Object createCrawler(GlueRequests.CreateCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "create crawler");
    String database = Names.normalize(request.databaseName(), "DatabaseName", "create crawler");
    caller.require(Access.ADMIN, database, "create crawler");
    if (request.role() == null || request.role().isBlank()) {
      throw GlueException.invalidInput("Cannot create crawler: Role is required: " + name);
    }
    checkTargets(request.targets(), name, "create crawler");
    Instant now = now();
    store.createCrawler(
        new Crawler(
            name,
            request.role(),
            request.targets(),
            database,
            request.description(),
            request.recrawlPolicy(),
            request.schemaChangePolicy(),
            CrawlerState.READY,
            request.tablePrefix(),
            null,
            now,
            now,
            null,
            1L,
            request.configuration()));
    return GlueResponses.EMPTY;
  }

  /** Changes the members given; the others keep their values (Glue's UpdateCrawler). */
  private Object updateCrawler(GlueRequests.UpdateCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "update crawler");
    Crawler existing = crawler(name, "update crawler");
    caller.require(Access.ADMIN, existing.databaseName(), "update crawler");
    String database =
        request.databaseName() == null
            ? existing.databaseName()
            : Names.normalize(request.databaseName(), "DatabaseName", "update crawler");
    caller.require(Access.ADMIN, database, "update crawler");
    if (request.targets() != null) {
      checkTargets(request.targets(), name, "update crawler");
    }
    Crawler updated =
        new Crawler(
            name,
            request.role() == null ? existing.role() : request.role(),
            request.targets() == null ? existing.targets() : request.targets(),
            database,
            request.description() == null ? existing.description() : request.description(),
            request.recrawlPolicy() == null ? existing.recrawlPolicy() : request.recrawlPolicy(),
            request.schemaChangePolicy() == null
                ? existing.schemaChangePolicy()
                : request.schemaChangePolicy(),
            existing.state(),
            request.tablePrefix() == null ? existing.tablePrefix() : request.tablePrefix(),
            null,
            existing.creationTime(),
            now(),
            existing.lastCrawl(),
            (existing.version() == null ? 1L : existing.version()) + 1,
            request.configuration() == null ? existing.configuration() : request.configuration());
    crawlers.updateCrawler(updated);
    return GlueResponses.EMPTY;
  }

  private Object getCrawler(GlueRequests.GetCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "get crawler");
    Crawler crawler = crawler(name, "get crawler");
    caller.require(Access.READ_ONLY, crawler.databaseName(), "get crawler");
    return new GlueResponses.GetCrawler(crawlers.current(crawler));
  }

  private Object getCrawlers(GlueRequests.GetCrawlers request, Principal caller) {
    int limit = Names.pageSize(request.maxResults(), MAX_CRAWLERS_PAGE, "get crawlers");
    // Crawlers of databases the caller may not read are skipped.
    Pager.Page<Crawler> page =
        Pager.byName("crawlers", store::listCrawlers, Crawler::name)
            .keep(crawler -> caller.canRead(crawler.databaseName()))
            .readingChunksOf(MAX_CRAWLERS_PAGE)
            .page(request.nextToken(), limit);
    return new GlueResponses.GetCrawlers(
        page.items().stream().map(crawlers::current).toList(), page.nextToken());
  }

  private Object startCrawler(GlueRequests.StartCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "start crawler");
    Crawler crawler = crawler(name, "start crawler");
    caller.require(Access.ADMIN, crawler.databaseName(), "start crawler");
    crawlers.startCrawl(name, caller);
    return GlueResponses.EMPTY;
  }

  private Object stopCrawler(GlueRequests.StopCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "stop crawler");
    Crawler crawler = crawler(name, "stop crawler");
    caller.require(Access.ADMIN, crawler.databaseName(), "stop crawler");
    crawlers.stopCrawl(name);
    return GlueResponses.EMPTY;
  }

  private Object deleteCrawler(GlueRequests.DeleteCrawler request, Principal caller) {
    String name = Names.validate(request.name(), "Name", "delete crawler");
    Crawler crawler = crawler(name, "delete crawler");
    caller.require(Access.ADMIN, crawler.databaseName(), "delete crawler");
    crawlers.deleteCrawler(name);
    return GlueResponses.EMPTY;
  }

  private Object getCrawlerMetrics(GlueRequests.GetCrawlerMetrics request, Principal caller) {
    int limit = Names.pageSize(request.maxResults(), MAX_CRAWLERS_PAGE, "get crawler metrics");
    List<CrawlerMetrics> metrics = new ArrayList<>();
    if (request.crawlerNameList() != null && !request.crawlerNameList().isEmpty()) {
      for (String raw : request.crawlerNameList()) {
        String name = Names.validate(raw, "CrawlerNameList", "get crawler metrics");
        Crawler crawler = crawler(name, "get crawler metrics");
        caller.require(Access.READ_ONLY, crawler.databaseName(), "get crawler metrics");
        metrics.add(crawlers.metrics(name));
      }
      return new GlueResponses.GetCrawlerMetrics(metrics, null);
    }
    // The page counts the crawlers the caller may not read; they are left out of the answer.
    Pager.Page<Crawler> page =
        Pager.byName("crawler metrics", store::listCrawlers, Crawler::name)
            .page(request.nextToken(), limit);
    for (Crawler crawler : page.items()) {
      if (caller.canRead(crawler.databaseName())) {
        metrics.add(crawlers.metrics(crawler.name()));
      }
    }
    return new GlueResponses.GetCrawlerMetrics(metrics, page.nextToken());
  }

  // ---------------------------------------------------------------- helpers

  private static void checkTargets(CrawlerTargets targets, String name, String action) {
    if (targets == null || targets.s3Targets() == null || targets.s3Targets().isEmpty()) {
      throw GlueException.invalidInput(
          "Cannot "
              + action
              + ": Targets.S3Targets needs at least one Path (the bridge crawls S3 targets only): "
              + name);
    }
    for (S3Target target : targets.s3Targets()) {
      if (target == null || target.path() == null || target.path().isBlank()) {
        throw GlueException.invalidInput(
            "Cannot " + action + ": every S3Targets entry needs a Path: " + name);
      }
    }
  }

  private Crawler crawler(String name, String action) {
    return store
        .getCrawler(name)
        .orElseThrow(
            () -> GlueException.notFound("Cannot " + action + ": crawler not found: " + name));
  }
}
