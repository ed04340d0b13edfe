package io.driftway.catalogbridge;

import io.driftway.catalogbridge.crawlers.CrawlContext;
import io.driftway.catalogbridge.crawlers.CrawlResult;
import io.driftway.catalogbridge.crawlers.CrawlerRunner;
import io.driftway.catalogbridge.events.CatalogEvent;
import io.driftway.catalogbridge.events.CatalogEventSink;
import io.driftway.catalogbridge.jobs.JobRunContext;
import io.driftway.catalogbridge.jobs.JobRunHandle;
import io.driftway.catalogbridge.jobs.JobRunLauncher;
import io.driftway.catalogbridge.model.S3Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Small, real engines for the bridge's integration tests: each run works on a thread of its own and
 * reports through its context, as an engine does. They stand in for the engines {@code stream-jobs}
 * plugs in (the Flink backfill launcher and the S3 crawler), which are tested end to end there;
 * here the bridge's side is under test: the Glue operations, the states a client sees, and the
 * store.
 */
final class TestEngines {

  private TestEngines() {}

  /**
   * Runs that do what their {@code --behave} argument says: {@code succeed} (the default), {@code
   * fail} (with a message naming {@code --source}), or {@code hang} until stopped.
   */
  static final class ThreadLauncher implements JobRunLauncher, AutoCloseable {
    private final ExecutorService threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "test-job-run");
              thread.setDaemon(true);
              return thread;
            });

    /** The merged arguments of every launched run, in launch order. */
    final List<Map<String, String>> argumentsSeen = new CopyOnWriteArrayList<>();

    @Override
    public JobRunHandle launch(JobRunContext context) {
      argumentsSeen.add(context.arguments());
      CountDownLatch stop = new CountDownLatch(1);
      threads.execute(
          () -> {
            context.running();
            String behave = context.arguments().getOrDefault("--behave", "succeed");
            switch (behave) {
              case "fail" ->
                  context.failed(
                      "Cannot read source: no files match: " + context.arguments().get("--source"));
              case "hang" -> {
                try {
                  stop.await();
                  context.stopped();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              default -> context.succeeded();
            }
          });
      return stop::countDown;
    }

    @Override
    public void close() {
      threads.shutdownNow();
    }
  }

  /**
   * A crawler that creates one table per S3 target, named {@code TablePrefix} + the target's last
   * folder, through the bridge's own operations.
   */
  static CrawlerRunner tableCreatingCrawler() {
    return TestEngines::createTables;
  }

  /**
   * A crawler that, before creating its tables like {@link #tableCreatingCrawler()}, waits until
   * the client creates the database {@code <DatabaseName>_release}: meanwhile a client sees it
   * RUNNING, whatever the machine's speed. Plug it in as an event sink too, so it sees that
   * database created.
   */
  static final class HeldCrawler implements CrawlerRunner, CatalogEventSink {
    private final CountDownLatch released = new CountDownLatch(1);

    @Override
    public void accept(CatalogEvent event) {
      if (event.typeOfChange().equals("CreateDatabase")
          && event.databaseName().endsWith("_release")) {
        released.countDown();
      }
    }

    @Override
    public CrawlResult crawl(CrawlContext context) throws InterruptedException {
      if (!released.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException(
            "Cannot crawl: the client never created the release database: "
                + context.crawler().databaseName()
                + "_release");
      }
      return createTables(context);
    }
  }

  private static CrawlResult createTables(CrawlContext context) {
    int created = 0;
    for (S3Target target : context.crawler().targets().s3Targets()) {
      String path = target.path().replaceAll("/+$", "");
      String folder = path.substring(path.lastIndexOf('/') + 1);
      String prefix =
          context.crawler().tablePrefix() == null ? "" : context.crawler().tablePrefix();
      String body =
          "{\"DatabaseName\":\""
              + context.crawler().databaseName()
              + "\",\"TableInput\":{\"Name\":\""
              + prefix
              + folder
              + "\",\"Parameters\":{\"classification\":\"json\"},\"StorageDescriptor\":"
              + "{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}],\"Location\":\""
              + target.path()
              + "\"}}}";
      context
          .catalog()
          .call("CreateTable", body.getBytes(StandardCharsets.UTF_8), context.caller());
      created++;
    }
    return CrawlResult.succeeded(created, 0, 0, 0);
  }
}
