package io.driftway.connectors.alerts;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Attaches alert delivery to a stream of schema-change alerts: deduplicate per table and schema,
 * then send to each configured destination.
 *
 * <pre>{@code
 * Alerts.attach(changes, settings, "orders");
 * }</pre>
 */
public final class Alerts {

  private Alerts() {}

  public static void attach(
      DataStream<SchemaChangeAlert> alerts, AlertSettings settings, String uidPrefix) {
    DataStream<SchemaChangeAlert> unique =
        alerts
            .keyBy(SchemaChangeAlert::qualifiedTable)
            .process(new AlertDeduplicator())
            .name("alerts: deduplicate")
            .uid(uidPrefix + "-alerts-dedupe")
            .setParallelism(1);
    if (settings.log() || settings.webhook() != null) {
      unique
          .sinkTo(new LogAndWebhookSink(settings.log(), settings.webhook()))
          .name("alerts: log and webhook")
          .uid(uidPrefix + "-alerts-log-webhook")
          .setParallelism(1);
    }
    if (settings.kafkaTopic() != null) {
      String topic = settings.kafkaTopic();
      KafkaSink<SchemaChangeAlert> sink =
          KafkaSink.<SchemaChangeAlert>builder()
              .setBootstrapServers(settings.kafkaBootstrapServers())
              .setRecordSerializer(
                  KafkaRecordSerializationSchema.<SchemaChangeAlert>builder()
                      .setTopic(topic)
                      .setKeySerializationSchema(new TableKey())
                      .setValueSerializationSchema(new JsonValue())
                      .build())
              .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
              .build();
      unique
          .sinkTo(sink)
          .name("alerts: kafka " + topic)
          .uid(uidPrefix + "-alerts-kafka")
          .setParallelism(1);
    }
  }

  /** The alert's table as the Kafka record key, so one table's alerts stay in order. */
  private static final class TableKey implements SerializationSchema<SchemaChangeAlert> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(SchemaChangeAlert alert) {
      return alert.qualifiedTable().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The alert's JSON as the Kafka record value. */
  private static final class JsonValue implements SerializationSchema<SchemaChangeAlert> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(SchemaChangeAlert alert) {
      return alert.toJson().getBytes(StandardCharsets.UTF_8);
    }
  }
}
