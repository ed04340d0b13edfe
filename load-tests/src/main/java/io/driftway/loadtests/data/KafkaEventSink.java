package io.driftway.loadtests.data;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events to a Kafka topic, keyed by {@code seq}, batched for throughput (256 KB batches, 5 ms
 * linger).
 *
 * <pre>{@code
 * try (EventSink sink = KafkaEventSink.of("127.0.0.1:9092", "orders")) {
 *   sink.send(0, generator.record(0, System.currentTimeMillis()));
 *   sink.flush();
 * }
 * }</pre>
 */
public final class KafkaEventSink implements EventSink {

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  private KafkaEventSink(KafkaProducer<byte[], byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /** A sink to {@code topic} on the cluster at {@code bootstrapServers}. */
  public static KafkaEventSink of(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return of(props, topic);
  }

  /** A sink with these producer properties (bootstrap servers, security); batching is added. */
  public static KafkaEventSink of(Properties producerProperties, String topic) {
    Properties props = new Properties();
    props.putAll(producerProperties);
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
    return new KafkaEventSink(
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()), topic);
  }

  @Override
  public void send(long seq, byte[] value) {
    byte[] key = Long.toString(seq).getBytes(StandardCharsets.UTF_8);
    Future<RecordMetadata> unused =
        producer.send(
            new ProducerRecord<>(topic, key, value),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception first = failure.get();
    if (first != null) {
      throw new IllegalStateException(
          "Cannot produce records: " + first.getMessage() + ": " + topic, first);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
