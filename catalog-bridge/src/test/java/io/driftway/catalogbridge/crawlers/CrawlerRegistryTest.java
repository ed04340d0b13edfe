package io.driftway.catalogbridge.crawlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.CrawlerState;
import io.driftway.catalogbridge.model.CrawlerTargets;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.LastCrawlInfo;
import io.driftway.catalogbridge.model.S3Target;
import io.driftway.catalogbridge.store.CatalogStore;
import io.driftway.catalogbridge.store.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crawler states over a real H2 store, with runners that the test holds or releases. */
class CrawlerRegistryTest {

  @TempDir Path dir;

  private CatalogStore store;
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<CrawlContext> seen = new AtomicReference<>();
  private CrawlerRegistry registry;

  @BeforeEach
  void open() {
    store = CatalogStore.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("catalog")));
    registry =
        registry(
            context -> {
              seen.set(context);
              if (!release.await(30, TimeUnit.SECONDS)) {
                return CrawlResult.failed("Cannot crawl: the test never released it: x");
              }
              return CrawlResult.succeeded(2, 1, 0, 12);
            });
  }

  @AfterEach
  void close() {
    release.countDown();
    registry.close();
    store.close();
  }

  private CrawlerRegistry registry(CrawlerRunner runner) {
    return new CrawlerRegistry(
        store,
        runner,
        (operation, body, caller) -> {
          throw new UnsupportedOperationException("these crawls write nothing: " + operation);
        },
        () -> URI.create("http://127.0.0.1:9047"),
        "us-east-1",
        Clock.systemUTC());
  }

  private String crawler() {
    String name = "crawler-" + UUID.randomUUID();
    Instant now = Instant.now();
    store.createCrawler(
        new Crawler(
            name,
            "arn:aws:iam::000000000000:role/crawler",
            new CrawlerTargets(List.of(S3Target.of("s3://bucket/events/"))),
            "sales",
            null,
            null,
            null,
            CrawlerState.READY,
            "raw_",
            null,
            now,
            now,
            null,
            1L,
            null));
    return name;
  }

  private Crawler stored(String name) {
    return store.getCrawler(name).orElseThrow();
  }

  @Test
  void aCrawlRunsOnItsThreadAndEndsReadyWithItsMetrics() {
    String name = crawler();
    registry.startCrawl(name, Principal.anonymous());

    assertThat(stored(name).state()).isEqualTo(CrawlerState.RUNNING);
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() != null);
    assertThat(seen.get().crawler().tablePrefix()).isEqualTo("raw_");
    assertThat(seen.get().caller()).isEqualTo(Principal.anonymous());
    assertThatThrownBy(() -> registry.startCrawl(name, Principal.anonymous()))
        .isInstanceOfSatisfying(
            GlueException.class, e -> assertThat(e.type()).isEqualTo(GlueErrorType.CRAWLER_RUNNING))
        .hasMessage("Cannot start crawler: it is RUNNING already: " + name);

    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> stored(name).state() == CrawlerState.READY);
    Crawler done = stored(name);
    assertThat(done.lastCrawl().status()).isEqualTo(LastCrawlInfo.Status.SUCCEEDED);
    assertThat(done.lastCrawl().errorMessage()).isNull();
    assertThat(done.lastCrawl().startTime()).isNotNull();
    CrawlerMetrics metrics = registry.metrics(name);
    assertThat(metrics.tablesCreated()).isEqualTo(2);
    assertThat(metrics.tablesUpdated()).isEqualTo(1);
    assertThat(metrics.tablesDeleted()).isZero();
  }

  @Test
  void stopInterruptsTheCrawlAndRecordsItCancelled() {
    String name = crawler();
    assertThatThrownBy(() -> registry.stopCrawl(name))
        .isInstanceOfSatisfying(
            GlueException.class,
            e -> assertThat(e.type()).isEqualTo(GlueErrorType.CRAWLER_NOT_RUNNING))
        .hasMessage("Cannot stop crawler: it is not running: " + name);
    registry.startCrawl(name, Principal.anonymous());
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() != null);

    registry.stopCrawl(name);

    await().atMost(Duration.ofSeconds(10)).until(() -> stored(name).state() == CrawlerState.READY);
    assertThat(stored(name).lastCrawl().status()).isEqualTo(LastCrawlInfo.Status.CANCELLED);
    assertThat(stored(name).lastCrawl().errorMessage())
        .isEqualTo("Cannot finish crawl: it was stopped: " + name);
  }

  @Test
  void aRunnerThatThrowsEndsTheCrawlFailedWithTheMessage() {
    registry.close();
    registry =
        registry(
            context -> {
              throw new IllegalStateException("Cannot crawl: no files under the path: s3://x/");
            });
    String name = crawler();

    registry.startCrawl(name, Principal.anonymous());

    await().atMost(Duration.ofSeconds(10)).until(() -> stored(name).lastCrawl() != null);
    assertThat(stored(name).state()).isEqualTo(CrawlerState.READY);
    assertThat(stored(name).lastCrawl().status()).isEqualTo(LastCrawlInfo.Status.FAILED);
    assertThat(stored(name).lastCrawl().errorMessage())
        .isEqualTo("Cannot crawl: no files under the path: s3://x/");
  }

  @Test
  void theUnconfiguredRunnerSaysWhatToConfigure() {
    registry.close();
    registry = registry(CrawlerRunner.unconfigured());
    String name = crawler();

    registry.startCrawl(name, Principal.anonymous());

    await().atMost(Duration.ofSeconds(10)).until(() -> stored(name).lastCrawl() != null);
    assertThat(stored(name).lastCrawl().errorMessage())
        .isEqualTo(
            "Cannot crawl: this catalog bridge has no crawler runner (start it with `driftway"
                + " catalog serve`, which crawls S3 files, or plug one in with"
                + " CatalogBridge.builder(config).crawlerRunner(..)): "
                + name);
  }

  @Test
  void crawlsLeftRunningByAStoppedBridgeEndFailedOnRestart() {
    String name = crawler();
    Crawler crawler = stored(name);
    store.updateCrawler(crawler.withState(CrawlerState.RUNNING, null, 0L), null);

    CrawlerRegistry restarted = registry(CrawlerRunner.unconfigured());
    assertThat(restarted.endInterruptedCrawls()).isEqualTo(1);
    restarted.close();

    assertThat(stored(name).state()).isEqualTo(CrawlerState.READY);
    assertThat(stored(name).lastCrawl().status()).isEqualTo(LastCrawlInfo.Status.FAILED);
    assertThat(stored(name).lastCrawl().errorMessage())
        .isEqualTo(
            "Cannot finish crawl: the catalog bridge stopped while it ran (start the crawler"
                + " again): "
                + name);
  }

  @Test
  void aRunningCrawlerCannotBeDeleted() {
    String name = crawler();
    registry.startCrawl(name, Principal.anonymous());
    assertThatThrownBy(() -> registry.deleteCrawler(name))
        .hasMessage("Cannot delete crawler: it is running (stop it first): " + name);
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> stored(name).state() == CrawlerState.READY);
    registry.deleteCrawler(name);
    assertThat(store.getCrawler(name)).isEmpty();
  }
}
