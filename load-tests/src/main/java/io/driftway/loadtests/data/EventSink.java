package io.driftway.loadtests.data;

/**
 * Where generated events go: a Kafka topic ({@link KafkaEventSink}) or a Kinesis stream ({@link
 * KinesisEventSink}). Sends may be asynchronous; {@link #flush()} waits for all of them and fails
 * with the first error.
 */
public interface EventSink extends AutoCloseable {

  /** Sends one record; {@code seq} is its key (Kafka) or partition key (Kinesis). */
  void send(long seq, byte[] value);

  /** Waits until every record sent so far is stored, and throws the first failure. */
  void flush();

  @Override
  void close();
}
