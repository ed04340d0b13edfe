package io.driftway.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.kafka.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class KafkaBrokerIT {

  @Test
  void producesAndConsumesWithAConsumerGroupThatCommitsOffsets(KafkaBroker kafka) throws Exception {
    String topic = kafka.createTopic("smoke-" + UUID.randomUUID(), 2);
    String group = "smoke-group-" + UUID.randomUUID();
    List<String> sent = new ArrayList<>();
    Properties producerProps = kafka.clientProperties();
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < 100; i++) {
        String value = "{\"id\":" + i + "}";
        producer.send(new ProducerRecord<>(topic, Integer.toString(i), value)).get();
        sent.add(value);
      }
    }

    List<String> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(kafka, group)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          received.add(record.value());
        }
      }
      consumer.commitSync();
      assertThat(received).containsExactlyInAnyOrderElementsOf(sent);

      var committed =
          consumer.committed(
              java.util.Set.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)));
      assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum())
          .isEqualTo(100);
    }

    // A second consumer in the same group resumes after the committed offsets: nothing left.
    try (KafkaConsumer<String, String> again = consumer(kafka, group)) {
      again.subscribe(List.of(topic));
      assertThat(again.poll(Duration.ofSeconds(3))).isEmpty();
    }
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker kafka, String group) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
  }
}
