package io.driftway.catalogbridge.api;

import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.crawlers.CrawlerRegistry;
import io.driftway.catalogbridge.events.EventDispatcher;
import io.driftway.catalogbridge.jobs.JobRegistry;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.store.CatalogStore;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Glue operations by name: each resource's operations class (databases, tables, partitions,
 * jobs, crawlers) registers its handlers here, and {@link #call} reads the request into its type,
 * runs the handler and writes the answer.
 */
final class DefaultGlueApi implements GlueApi {

  private interface Handler {
    Object handle(byte[] body, Principal caller);
  }

  private final Map<String, Handler> handlers = new LinkedHashMap<>();

  /** The catalog operations, and the job and crawler operations when both registries are given. */
  DefaultGlueApi(
      CatalogStore store,
      String catalogId,
      TableInputHook hook,
      EventDispatcher events,
      JobRegistry jobs,
      CrawlerRegistry crawlers) {
    OperationContext context = new OperationContext(store, catalogId, hook, events);
    new DatabaseOperations(context).addTo(this);
    new TableOperations(context).addTo(this);
    new PartitionOperations(context).addTo(this);
    if (jobs != null && crawlers != null) {
      new JobOperations(store, jobs).addTo(this);
      new CrawlerOperations(store, crawlers).addTo(this);
    }
  }

  /** Serves {@code name} with {@code handler}, which gets the request body read as {@code type}. */
  <Q> void add(String name, Class<Q> type, BiFunction<Q, Principal, Object> handler) {
    handlers.put(name, (body, caller) -> handler.apply(GlueJson.read(body, type), caller));
  }

  /**
   * As {@link #add(String, Class, BiFunction)}, reading the body with {@code fast} first: it
   * returns the request, or null for a body it does not take, which is then read as {@code type}.
   */
  <Q> void add(
      String name,
      Class<Q> type,
      Function<byte[], Q> fast,
      BiFunction<Q, Principal, Object> handler) {
    handlers.put(
        name,
        (body, caller) -> {
          Q request = fast.apply(body);
          return handler.apply(request != null ? request : GlueJson.read(body, type), caller);
        });
  }

  @Override
  public byte[] call(String operation, byte[] body, Principal caller) {
    Handler handler = handlers.get(operation);
    if (handler == null) {
      throw GlueException.of(
          GlueErrorType.UNKNOWN_OPERATION,
          "Cannot run operation: the Driftway catalog bridge does not serve it (see the README"
              + " for the supported operations): AWSGlue."
              + operation);
    }
    byte[] request =
        body == null || body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body;
    Object answer = handler.handle(request, caller);
    if (answer instanceof PreparedAnswer prepared) {
      return prepared.copy();
    }
    return GlueJson.write(answer);
  }

  @Override
  public Set<String> operations() {
    return Collections.unmodifiableSet(new TreeSet<>(handlers.keySet()));
  }
}
