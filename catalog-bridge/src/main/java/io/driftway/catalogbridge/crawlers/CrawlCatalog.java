package io.driftway.catalogbridge.crawlers;

import io.driftway.catalogbridge.auth.Principal;

/**
 * The catalog a crawl writes into: the bridge's own Glue catalog operations (databases, tables,
 * partitions) in this JVM, without a network hop or a signature. Job and crawler operations are not
 * served here, so a crawl cannot start crawls or runs. Thread-safe.
 *
 * <pre>{@code
 * byte[] answer = context.catalog().call("CreateTable", body, context.caller());
 * }</pre>
 */
@FunctionalInterface
public interface CrawlCatalog {

  /**
   * Runs one catalog operation for {@code caller}, with that caller's rights.
   *
   * @param operation the Glue name, e.g. {@code CreateTable}
   * @param body the request, AWS JSON 1.1
   * @return the response, AWS JSON 1.1
   * @throws io.driftway.catalogbridge.model.GlueException the operation's Glue error
   *     (UnknownOperationException for an operation that is not a catalog operation)
   */
  byte[] call(String operation, byte[] body, Principal caller);
}
