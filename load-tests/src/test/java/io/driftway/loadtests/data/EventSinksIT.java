package io.driftway.loadtests.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.kinesis.KinesaliteServer;
import io.driftway.testsupport.kinesis.KinesisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The generator's sinks against a real broker and kinesalite: every record arrives, unchanged. */
@ExtendWith({KafkaExtension.class, KinesisExtension.class})
class EventSinksIT {

  private static final long NOW = 1_795_000_000_000L;

  @Test
  void kafkaSinkDeliversEveryGeneratedRecordKeyedBySeq(KafkaBroker kafka) {
    String topic = kafka.createTopic("gen-" + UUID.randomUUID(), 2);
    EventGenerator generator =
        EventGenerator.builder().preset(EventGenerator.Preset.B_150).seed(5).build();
    try (KafkaEventSink sink = KafkaEventSink.of(kafka.bootstrapServers(), topic)) {
      for (long seq = 0; seq < 2_000; seq++) {
        sink.send(seq, generator.record(seq, NOW));
      }
      sink.flush();
    }

    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Set<Long> seen = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (seen.size() < 2_000 && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          long seq =
              Long.parseLong(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8));
          assertThat(record.value()).isEqualTo(generator.record(seq, NOW));
          seen.add(seq);
        }
      }
    }
    assertThat(seen).hasSize(2_000);
  }

  @Test
  void kinesisSinkDeliversEveryGeneratedRecord(KinesaliteServer kinesis) {
    System.setProperty("aws.cborEnabled", "false");
    String stream = "gen-" + UUID.randomUUID();
    EventGenerator generator = EventGenerator.builder().format(EventFormat.AVRO).seed(6).build();
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    try (KinesisClient client =
        KinesisClient.builder()
            .endpointOverride(kinesis.endpoint())
            .region(Region.of(kinesis.region()))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      client.createStream(b -> b.streamName(stream).shardCount(2));
      EventPump.Result sent;
      try (KinesisEventSink sink =
          KinesisEventSink.of(kinesis.endpoint(), kinesis.region(), credentials, stream)) {
        sent = EventPump.asFastAsPossible(generator, sink, 0, 1_200);
      }
      assertThat(sent.records()).isEqualTo(1_200);

      List<byte[]> read = new ArrayList<>();
      for (Shard shard : client.listShards(b -> b.streamName(stream)).shards()) {
        String iterator =
            client
                .getShardIterator(
                    b ->
                        b.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (iterator != null && System.nanoTime() < deadline) {
          String current = iterator;
          GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current));
          for (Record record : response.records()) {
            read.add(record.data().asByteArray());
          }
          iterator = response.millisBehindLatest() == 0 ? null : response.nextShardIterator();
        }
      }
      assertThat(read).hasSize(1_200);
      assertThat(read.stream().mapToInt(r -> r.length).sum()).isEqualTo((int) sent.bytes());
    }
  }
}
