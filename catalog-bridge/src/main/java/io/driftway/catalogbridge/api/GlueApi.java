package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.crawlers.CrawlerRegistry;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.jobs.JobRegistry;
import io.driftway.catalogbridge.store.CatalogStore;
import java.util.Set;

/**
 * The Glue Data Catalog operations: a request body in, a response body out, both AWS JSON 1.1.
 * Failures are {@link io.driftway.catalogbridge.model.GlueException}s carrying Glue's error type.
 * Thread-safe; the HTTP layer calls it from every server thread.
 *
 * <pre>{@code
 * GlueApi api = GlueApi.create(store, "000000000000", TableInputHook.none(), events);
 * byte[] response = api.call("GetTable",
 *     "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}".getBytes(UTF_8), caller);
 * }</pre>
 */
public interface GlueApi {

  /**
   * Runs one operation for {@code caller}.
   *
   * @param operation the name after {@code AWSGlue.} in {@code X-Amz-Target}, e.g. {@code GetTable}
   * @throws io.driftway.catalogbridge.model.GlueException UnknownOperationException for an
   *     operation not in {@link #operations()}, or the operation's own Glue error
   */
  byte[] call(String operation, byte[] body, Principal caller);

  /** The operations served, by Glue name. */
  Set<String> operations();

  /**
   * The operations over {@code store}, answering with {@code catalogId}, passing table definitions
   * through {@code hook} before they are stored, and publishing changes to {@code events}. This is
   * also what crawls write through ({@link io.driftway.catalogbridge.crawlers.CrawlCatalog}).
   */
  static GlueApi create(
      CatalogStore store, String catalogId, TableInputHook hook, EventDispatcher events) {
    return new DefaultGlueApi(store, catalogId, hook, events, null, null);
  }

  /** The catalog operations as above, plus the job and crawler operations over the registries. */
  static GlueApi create(
      CatalogStore store,
      String catalogId,
      TableInputHook hook,
      EventDispatcher events,
      JobRegistry jobs,
      CrawlerRegistry crawlers) {
    return new DefaultGlueApi(
        store,
        catalogId,
        hook,
        events,
        java.util.Objects.requireNonNull(jobs, "jobs"),
        java.util.Objects.requireNonNull(crawlers, "crawlers"));
  }

  /**
   * Driftway's own operations beside Glue's, served under {@code X-Amz-Target:
   * Driftway.<Operation>} with the same signing and errors: {@code PutAlert} (a pipeline's alert,
   * stored once per alert id) and {@code ListAlerts} (newest first, of the databases the caller may
   * read).
   */
  static GlueApi driftway(CatalogStore store, java.time.Clock clock) {
    return new AlertOperations(store, clock);
  }
}
