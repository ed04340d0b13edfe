package io.driftway.catalogbridge.events;

/**
 * Receives catalog change events. Called from one delivery thread, in commit order, after the
 * change is committed; a slow or failing sink never delays or fails a Glue call.
 *
 * <pre>{@code
 * CatalogEventSink sink = event -> alerts.send(event.toEventBridgeJson("000000000000", "us-east-1"));
 * }</pre>
 */
@FunctionalInterface
public interface CatalogEventSink extends AutoCloseable {

  /** Delivers one event; an exception is logged and the event dropped for this sink. */
  void accept(CatalogEvent event) throws Exception;

  /** Releases what the sink holds; called once by the dispatcher when it stops. */
  @Override
  default void close() {}
}
