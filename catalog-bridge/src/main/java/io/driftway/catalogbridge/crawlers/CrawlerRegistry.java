package io.driftway.catalogbridge.crawlers;

import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.CrawlerState;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.LastCrawlInfo;
import io.driftway.catalogbridge.store.CatalogStore;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of crawlers: starts crawls on crawl threads through a {@link CrawlerRunner}, stops them
 * (StopCrawler), and records State, LastCrawl and the crawl's metrics in the store.
 *
 * <p>Crawls do not survive the bridge: at start, crawlers a previous bridge left RUNNING or
 * STOPPING become READY with a FAILED LastCrawl; at close, running crawls are interrupted and
 * recorded CANCELLED.
 *
 * <p>Thread-safe; state moves are serialized on this registry.
 *
 * <pre>{@code
 * GlueApi catalog = GlueApi.create(store, catalogId, hook, events); // catalog operations only
 * CrawlerRegistry crawlers =
 *     CrawlerRegistry.start(store, runner, catalog::call, bridge::endpoint, region);
 * crawlers.startCrawl("events-crawler", caller);   // CrawlerRunningException if it runs
 * }</pre>
 */
public final class CrawlerRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CrawlerRegistry.class);

  private final CatalogStore store;
  private final CrawlerRunner runner;
  private final CrawlCatalog catalog;
  private final Supplier<URI> endpoint;
  private final String region;
  private final Clock clock;
  private final ExecutorService crawlThreads;
  private final Map<String, Crawl> running = new HashMap<>();
  private boolean closed;

  CrawlerRegistry(
      CatalogStore store,
      CrawlerRunner runner,
      CrawlCatalog catalog,
      Supplier<URI> endpoint,
      String region,
      Clock clock) {
    this.store = store;
    this.runner = runner;
    this.catalog = catalog;
    this.endpoint = endpoint;
    this.region = region;
    this.clock = clock;
    this.crawlThreads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "driftway-crawl");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * A registry over {@code store}, after ending the crawls a previous bridge left running.
   *
   * @param catalog the bridge's catalog operations, handed to crawls to write what they find
   */
  public static CrawlerRegistry start(
      CatalogStore store,
      CrawlerRunner runner,
      CrawlCatalog catalog,
      Supplier<URI> endpoint,
      String region) {
    CrawlerRegistry registry =
        new CrawlerRegistry(store, runner, catalog, endpoint, region, Clock.systemUTC());
    registry.endInterruptedCrawls();
    return registry;
  }

  /** Ends the crawls that were running when the previous bridge on this store stopped. */
  synchronized int endInterruptedCrawls() {
    int ended = 0;
    String after = null;
    while (true) {
      List<Crawler> page = store.listCrawlers(after, 100);
      for (Crawler crawler : page) {
        after = crawler.name();
        if (crawler.state() != CrawlerState.READY) {
          Instant started = crawler.lastCrawl() == null ? null : crawler.lastCrawl().startTime();
          store.updateCrawler(
              crawler.withState(
                  CrawlerState.READY,
                  LastCrawlInfo.of(
                      LastCrawlInfo.Status.FAILED,
                      "Cannot finish crawl: the catalog bridge stopped while it ran (start the"
                          + " crawler again): "
                          + crawler.name(),
                      started),
                  null),
              null);
          ended++;
        }
      }
      if (page.size() < 100) {
        break;
      }
    }
    if (ended > 0) {
      LOG.warn("Ended {} crawls that a previous bridge left running", ended);
    }
    return ended;
  }

  /**
   * Starts a crawl (StartCrawler): the crawler becomes RUNNING and its crawl runs on a crawl
   * thread.
   *
   * @throws GlueException EntityNotFoundException for an unknown crawler, CrawlerRunningException
   *     when it runs already
   */
  public synchronized void startCrawl(String name, Principal caller) {
    if (closed) {
      throw GlueException.of(
          GlueErrorType.SERVICE_UNAVAILABLE,
          "Cannot start crawler: the catalog bridge is shutting down: " + name);
    }
    Crawler crawler = crawler(name, "start crawler");
    if (running.containsKey(name) || crawler.state() != CrawlerState.READY) {
      throw GlueException.of(
          GlueErrorType.CRAWLER_RUNNING,
          "Cannot start crawler: it is " + crawler.state() + " already: " + name);
    }
    Instant start = now();
    LastCrawlInfo previous = crawler.lastCrawl();
    Crawler runningCrawler = crawler.withState(CrawlerState.RUNNING, previous, 0L);
    store.updateCrawler(runningCrawler, null);
    Crawl crawl = new Crawl(runningCrawler, caller, start);
    running.put(name, crawl);
    crawl.future = crawlThreads.submit(() -> run(crawl));
  }

  /**
   * Stops a running crawl (StopCrawler): the crawler becomes STOPPING, its crawl thread is
   * interrupted, and it ends CANCELLED.
   *
   * @throws GlueException CrawlerNotRunningException, CrawlerStoppingException
   */
  public synchronized void stopCrawl(String name) {
    Crawler crawler = crawler(name, "stop crawler");
    Crawl crawl = running.get(name);
    if (crawl == null) {
      throw GlueException.of(
          GlueErrorType.CRAWLER_NOT_RUNNING, "Cannot stop crawler: it is not running: " + name);
    }
    if (crawl.stopRequested) {
      throw GlueException.of(
          GlueErrorType.CRAWLER_STOPPING, "Cannot stop crawler: it is stopping already: " + name);
    }
    crawl.stopRequested = true;
    store.updateCrawler(
        crawler.withState(CrawlerState.STOPPING, crawler.lastCrawl(), elapsed(crawl)), null);
    crawl.future.cancel(true);
  }

  /**
   * Deletes a crawler (DeleteCrawler).
   *
   * @throws GlueException EntityNotFoundException, CrawlerRunningException while it runs
   */
  public synchronized void deleteCrawler(String name) {
    if (running.containsKey(name)) {
      throw GlueException.of(
          GlueErrorType.CRAWLER_RUNNING,
          "Cannot delete crawler: it is running (stop it first): " + name);
    }
    store.deleteCrawler(name);
  }

  /**
   * Replaces a crawler's definition (UpdateCrawler).
   *
   * @throws GlueException CrawlerRunningException while it runs
   */
  public synchronized void updateCrawler(Crawler crawler) {
    if (running.containsKey(crawler.name())) {
      throw GlueException.of(
          GlueErrorType.CRAWLER_RUNNING,
          "Cannot update crawler: it is running (stop it first): " + crawler.name());
    }
    store.updateCrawler(crawler, null);
  }

  /** The crawler as stored, with {@code CrawlElapsedTime} of its running crawl. */
  public synchronized Crawler current(Crawler stored) {
    Crawl crawl = running.get(stored.name());
    return crawl == null
        ? stored
        : stored.withState(stored.state(), stored.lastCrawl(), elapsed(crawl));
  }

  /** The metrics of a crawler's latest crawl (GetCrawlerMetrics). */
  public CrawlerMetrics metrics(String name) {
    return store.getCrawlerMetrics(name).orElse(CrawlerMetrics.none(name));
  }

  /** Interrupts every running crawl; each is recorded CANCELLED as its thread ends. */
  @Override
  public void close() {
    List<Crawl> crawls;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      crawls = new ArrayList<>(running.values());
      crawls.forEach(c -> c.stopRequested = true);
    }
    crawlThreads.shutdownNow();
    try {
      if (!crawlThreads.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("{} crawls did not end within 10 s of the bridge closing", crawls.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- internals

  private void run(Crawl crawl) {
    String name = crawl.crawler.name();
    CrawlResult result;
    LastCrawlInfo.Status status;
    try {
      result = runner.crawl(crawl);
      status =
          crawl.stopRequested
              ? LastCrawlInfo.Status.CANCELLED
              : result.isSuccess() ? LastCrawlInfo.Status.SUCCEEDED : LastCrawlInfo.Status.FAILED;
    } catch (InterruptedException e) {
      result = null;
      status = LastCrawlInfo.Status.CANCELLED;
    } catch (RuntimeException | Error e) {
      // Whatever the runner threw ends this crawl as FAILED with its message; the bridge lives on.
      LOG.warn("Crawl of {} failed", name, e);
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      result = CrawlResult.failed(message);
      status = LastCrawlInfo.Status.FAILED;
    }
    finish(crawl, status, result);
  }

  private synchronized void finish(Crawl crawl, LastCrawlInfo.Status status, CrawlResult result) {
    String name = crawl.crawler.name();
    running.remove(name);
    long elapsed = elapsed(crawl);
    String message =
        status == LastCrawlInfo.Status.CANCELLED
            ? "Cannot finish crawl: it was stopped: " + name
            : result == null ? null : result.errorMessage();
    CrawlerMetrics metrics =
        result == null
            ? null
            : new CrawlerMetrics(
                name,
                0.0,
                false,
                elapsed / 1000.0,
                // Only the latest crawl is kept, so it is also the median the bridge reports.
                elapsed / 1000.0,
                result.tablesCreated(),
                result.tablesUpdated(),
                result.tablesDeleted());
    try {
      Crawler stored = crawler(name, "finish crawl");
      store.updateCrawler(
          stored.withState(
              CrawlerState.READY, LastCrawlInfo.of(status, message, crawl.start), null),
          metrics);
      LOG.info(
          "Crawl of {} ended {} in {} ms{}{}",
          name,
          status,
          elapsed,
          result == null
              ? ""
              : " (tables created "
                  + result.tablesCreated()
                  + ", updated "
                  + result.tablesUpdated()
                  + ", deleted "
                  + result.tablesDeleted()
                  + ", partitions added "
                  + result.partitionsAdded()
                  + ")",
          message == null ? "" : ": " + message);
    } catch (GlueException e) {
      // Deleted meanwhile, or the store is down: nothing to record the end in.
      LOG.warn("Cannot record the end of the crawl of {}: {}", name, e.getMessage());
    }
  }

  private Crawler crawler(String name, String action) {
    return store
        .getCrawler(name)
        .orElseThrow(
            () -> GlueException.notFound("Cannot " + action + ": crawler not found: " + name));
  }

  private long elapsed(Crawl crawl) {
    return Math.max(0, clock.millis() - crawl.start.toEpochMilli());
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  /** One running crawl, as its runner sees it. */
  private final class Crawl implements CrawlContext {
    private final Crawler crawler;
    private final Principal caller;
    private final Instant start;
    private volatile boolean stopRequested;
    private Future<?> future;

    Crawl(Crawler crawler, Principal caller, Instant start) {
      this.crawler = crawler;
      this.caller = caller;
      this.start = start;
    }

    @Override
    public Crawler crawler() {
      return crawler;
    }

    @Override
    public CrawlCatalog catalog() {
      return catalog;
    }

    @Override
    public Principal caller() {
      return caller;
    }

    @Override
    public URI catalogEndpoint() {
      return endpoint.get();
    }

    @Override
    public String region() {
      return region;
    }

    @Override
    public boolean stopRequested() {
      return stopRequested || Thread.currentThread().isInterrupted();
    }
  }
}
