package io.driftway.streamjobs.graph;

import static org.awaitility.Awaitility.await;

import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkCluster;
import io.driftway.testsupport.kafka.KafkaBroker;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What the pipeline ITs share: producing input, running a pipeline, reading tables back. */
final class PipelineHarness {

  private PipelineHarness() {}

  static void produce(KafkaBroker kafka, String topic, List<byte[]> values) throws Exception {
    Properties props = kafka.clientProperties();
    props.put("acks", "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  static JobClient start(FlinkCluster flink, PipelineSpec spec) throws Exception {
    StreamExecutionEnvironment env = flink.environment(spec.parallelism());
    PipelineJob.build(env, spec);
    return env.executeAsync(spec.name());
  }

  /**
   * Every row of a table, read with Iceberg's own reader; empty when the table does not exist yet.
   */
  static List<Record> rows(Catalog catalog, TableIdentifier id) {
    if (!catalog.tableExists(id)) {
      return List.of();
    }
    Table table = catalog.loadTable(id);
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(rows::add);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return rows;
  }

  static List<Record> awaitRows(Catalog catalog, TableIdentifier id, int count) {
    List<List<Record>> last = new ArrayList<>(List.of(List.of()));
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              last.set(0, rows(catalog, id));
              return last.get(0).size() >= count;
            });
    return last.get(0);
  }

  static List<String> consume(KafkaBroker kafka, String topic, int atLeast) {
    Properties props = kafka.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  values.add(r.value());
                }
                return values.size() >= atLeast;
              });
    }
    return values;
  }

  static void createBucket(S3ProxyServer s3, String bucket) {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .region(Region.of(s3.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }
}
