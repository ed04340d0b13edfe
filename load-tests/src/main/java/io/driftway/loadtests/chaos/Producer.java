package io.driftway.loadtests.chaos;

import io.driftway.loadtests.data.EventGenerator;
import io.driftway.loadtests.data.KafkaEventSink;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends records {@code 0..records-1} to the topic at {@code rate} records per second (as fast as
 * possible when {@code rate <= 0}), then flushes. Paced, the pipeline reads what arrives instead of
 * a backlog, as an always-on pipeline does, so faults strike while records flow. The producer is
 * Kafka's idempotent one (the client's default), so a broker restart does not write a record twice.
 */
final class Producer implements Runnable {

  private final EventGenerator generator;
  private final String bootstrapServers;
  private final String topic;
  private final long records;
  private final double rate;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private volatile double seconds = Double.NaN;

  Producer(
      EventGenerator generator, String bootstrapServers, String topic, long records, double rate) {
    this.generator = generator;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.records = records;
    this.rate = rate;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    try (KafkaEventSink sink = KafkaEventSink.of(bootstrapServers, topic)) {
      for (long seq = 0; seq < records; seq++) {
        if (rate > 0) {
          long due = start + (long) (seq / rate * 1e9);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        sink.send(seq, generator.record(seq, System.currentTimeMillis()));
      }
      sink.flush();
      seconds = (System.nanoTime() - start) / 1e9;
      System.err.printf(
          Locale.ROOT,
          "[chaos] produced %,d records (drift %s) in %.1f s (%.0f records/s)%n",
          records,
          generator.drift(),
          seconds,
          records / seconds);
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  /**
   * Throws what made producing fail, if anything did.
   *
   * @throws IllegalStateException when the producer failed
   */
  void check() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Cannot produce the records: " + e.getMessage(), e);
    }
  }

  /** Seconds from the first send to the end of the flush; NaN before it ended. */
  double seconds() {
    return seconds;
  }
}
