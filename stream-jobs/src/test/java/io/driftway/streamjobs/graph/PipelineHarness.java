package io.driftway.streamjobs.graph;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
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
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** What the pipeline ITs share: producing input, running a pipeline, reading tables back. */
public final class PipelineHarness {

  private PipelineHarness() {}

  public static void produce(KafkaBroker kafka, String topic, List<byte[]> values)
      throws Exception {
    Properties props = kafka.clientProperties();
    props.put("acks", "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }

  public static JobClient start(FlinkCluster flink, PipelineSpec spec) throws Exception {
    return start(flink, spec, new Configuration());
  }

  /** Starts the pipeline with {@code extra} job settings, e.g. the savepoint to resume from. */
  public static JobClient start(FlinkCluster flink, PipelineSpec spec, Configuration extra)
      throws Exception {
    StreamExecutionEnvironment env = flink.environment(spec.parallelism(), extra);
    PipelineJob.build(env, spec);
    return env.executeAsync(spec.name());
  }

  /** Parses a pipeline file written by a test; no environment variables. */
  public static PipelineSpec spec(String file, String yaml) {
    return PipelineSpecLoader.parse(file, yaml, name -> null);
  }

  /**
   * A warehouse on S3Proxy in a new bucket and a JDBC catalog in a new PostgreSQL database: the
   * {@code warehouse} and {@code catalog} sections of a pipeline file, at top level.
   */
  public static String lake(S3ProxyServer s3, PostgresServer postgres, String suffix) {
    String bucket = "lake-" + suffix;
    createBucket(s3, bucket);
    return """
        warehouse:
          location: s3://%s/warehouse
          s3-endpoint: %s
          s3-region: us-east-1
          s3-path-style: true
          access-key-id: %s
          secret-access-key: %s
        catalog:
          type: jdbc
          uri: %s
          user: %s
          password: %s
        """
        .formatted(
            bucket,
            s3.endpoint(),
            s3.accessKey(),
            s3.secretKey(),
            postgres.createDatabase("catalog"),
            postgres.user(),
            postgres.password());
  }

  /** The {@code id} column of every row, as longs. */
  public static List<Long> ids(List<Record> rows) {
    return rows.stream().map(r -> ((Number) r.getField("id")).longValue()).toList();
  }

  /** The row whose {@code id} is {@code id}. */
  static Record row(List<Record> rows, long id) {
    return rows.stream()
        .filter(r -> ((Number) r.getField("id")).longValue() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row with id " + id));
  }

  /** A quarantine row's {@code source_name/source_partition@source_position}. */
  static String coordinates(Record quarantined) {
    return quarantined.getField("source_name")
        + "/"
        + quarantined.getField("source_partition")
        + "@"
        + quarantined.getField("source_position");
  }

  /** The bytes of a binary column, whatever the buffer's offset. */
  static byte[] bytes(Object binary) {
    ByteBuffer buffer = ((ByteBuffer) binary).duplicate();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static JsonNode parseJson(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every row of a table, read with Iceberg's own reader; empty when the table does not exist yet.
   */
  public static List<Record> rows(Catalog catalog, TableIdentifier id) {
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

  /**
   * Cancels {@code job} and returns once it has ended: {@code cancel()} completes when the request
   * is acknowledged, and a commit already under way may still land after that, so what a killed run
   * left in a table is counted only after this.
   */
  public static void cancelAndAwaitEnd(JobClient job) throws Exception {
    job.cancel().get();
    try {
      job.getJobExecutionResult().get(2, java.util.concurrent.TimeUnit.MINUTES);
    } catch (java.util.concurrent.ExecutionException cancelled) {
      // A cancelled job ends with its cancellation as the result's failure.
    }
  }

  public static List<Record> awaitRows(Catalog catalog, TableIdentifier id, int count) {
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

  public static void createBucket(S3ProxyServer s3, String bucket) {
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .region(Region.of(s3.region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .httpClient(ApacheHttpClient.create())
            .build()) {
      client.createBucket(b -> b.bucket(bucket));
    }
  }
}
