package io.driftway.loadtests.data;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends records {@code first, first + 1, ...} of a generator to a sink, as fast as possible or at a
 * target rate (in 10 ms ticks), each stamped with the time it is handed to the sink.
 *
 * <pre>{@code
 * EventPump.Result sent = EventPump.atRate(generator, sink, 0, 5_000, Duration.ofSeconds(30));
 * }</pre>
 */
public final class EventPump {

  /** What a pump sent: records, bytes, and the seconds it took (flush included). */
  public record Result(long records, long bytes, double seconds) {
    public double recordsPerSecond() {
      return records / seconds;
    }
  }

  private EventPump() {}

  /** Sends {@code count} records as fast as the sink takes them, then flushes. */
  public static Result asFastAsPossible(
      EventGenerator generator, EventSink sink, long first, long count) {
    long start = System.nanoTime();
    long bytes = 0;
    for (long seq = first; seq < first + count; seq++) {
      byte[] value = generator.record(seq, System.currentTimeMillis());
      bytes += value.length;
      sink.send(seq, value);
    }
    sink.flush();
    return new Result(count, bytes, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Sends at {@code rate} records per second for {@code duration}, then flushes. Falls behind (and
   * says so in the result's rate) when the sink or the machine cannot keep up.
   */
  public static Result atRate(
      EventGenerator generator, EventSink sink, long first, double rate, Duration duration) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("Cannot pump records: rate must be positive: " + rate);
    }
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long tick = TimeUnit.MILLISECONDS.toNanos(10);
    long sent = 0;
    long bytes = 0;
    for (long next = start; next < end; next += tick) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long due = (long) (rate * (Math.min(next + tick, end) - start) / 1e9);
      for (; sent < due; sent++) {
        byte[] value = generator.record(first + sent, System.currentTimeMillis());
        bytes += value.length;
        sink.send(first + sent, value);
      }
    }
    sink.flush();
    return new Result(sent, bytes, (System.nanoTime() - start) / 1e9);
  }
}
