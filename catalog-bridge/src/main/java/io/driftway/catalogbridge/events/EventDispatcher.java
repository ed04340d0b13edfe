package io.driftway.catalogbridge.events;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to sinks on one background thread, in the order they were published, so a Glue
 * call returns as soon as its change is committed. When the queue is full the event is dropped and
 * counted (delivery is best effort, as with Glue's own EventBridge events).
 *
 * <pre>{@code
 * try (EventDispatcher events = EventDispatcher.start(List.of(new LogEventSink(...)), 10_000)) {
 *   events.publish(event);
 * }
 * }</pre>
 */
public final class EventDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
  private final List<CatalogEventSink> sinks;

  /** Events in publish order; an empty element tells the delivery thread to stop. */
  private final BlockingQueue<Optional<CatalogEvent>> queue;

  private final Thread thread;
  private final AtomicLong dropped = new AtomicLong();

  private EventDispatcher(List<CatalogEventSink> sinks, int capacity) {
    this.sinks = List.copyOf(sinks);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "driftway-catalog-events");
    this.thread.setDaemon(true);
  }

  /** Starts the delivery thread. */
  public static EventDispatcher start(List<CatalogEventSink> sinks, int capacity) {
    EventDispatcher dispatcher = new EventDispatcher(sinks, capacity);
    dispatcher.thread.start();
    return dispatcher;
  }

  /** Queues an event; never blocks. Called from server threads after a commit. */
  public void publish(CatalogEvent event) {
    if (sinks.isEmpty()) {
      return;
    }
    if (!queue.offer(Optional.of(event))) {
      long count = dropped.incrementAndGet();
      if (count == 1 || count % 1000 == 0) {
        LOG.warn("Catalog event queue full: {} events dropped so far", count);
      }
    }
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  private void run() {
    while (true) {
      Optional<CatalogEvent> next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      CatalogEvent event = next.get();
      for (CatalogEventSink sink : sinks) {
        try {
          sink.accept(event);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          // One failing sink must not starve the others or stop delivery.
          LOG.warn(
              "Catalog event sink {} failed for {} {}.{}: {}",
              sink.getClass().getSimpleName(),
              event.typeOfChange(),
              event.databaseName(),
              event.tableName(),
              e.toString());
        }
      }
    }
  }

  /**
   * Delivers what is queued (waiting at most 5 seconds), then stops, and closes the sinks (a
   * webhook sink drains its own queue).
   */
  @Override
  public void close() {
    try {
      if (queue.offer(Optional.empty(), 5, TimeUnit.SECONDS)) {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
    sinks.forEach(CatalogEventSink::close);
  }
}
