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
    deliver(unique, settings, "alerts", uidPrefix + "-alerts");
  }

  /**
   * Sends deduplicated alerts to the configured destinations, with operators named {@code <name>:
   * ...} and uids {@code <uidPrefix>-...}.
   */
  private static <A extends Alert> void deliver(
      DataStream<A> alerts, AlertSettings settings, String name, String uidPrefix) {
    if (settings.log() || settings.webhook() != null || settings.bridge() != null) {
      alerts
          .sinkTo(new LogAndWebhookSink<A>(settings.log(), settings.webhook(), settings.bridge()))
          .name(name + ": log and webhook")
          .uid(uidPrefix + "-log-webhook")
          .setParallelism(1);
    }
    if (settings.kafkaTopic() != null) {
      String topic = settings.kafkaTopic();
      KafkaSink<A> sink =
          KafkaSink.<A>builder()
              .setBootstrapServers(settings.kafkaBootstrapServers())
              .setRecordSerializer(
                  KafkaRecordSerializationSchema.<A>builder()
                      .setTopic(topic)
                      .setKeySerializationSchema(new TableKey<A>())
                      .setValueSerializationSchema(new JsonValue<A>())
                      .build())
              .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
              .build();
      alerts
          .sinkTo(sink)
          .name(name + ": kafka " + topic)
          .uid(uidPrefix + "-kafka")
          .setParallelism(1);
    }
  }

  /** The alert's table as the Kafka record key, so one table's alerts stay in order. */
  private static final class TableKey<A extends Alert> implements SerializationSchema<A> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(A alert) {
      return alert.qualifiedTable().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The alert's JSON as the Kafka record value. */
  private static final class JsonValue<A extends Alert> implements SerializationSchema<A> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(A alert) {
      return alert.toJson().getBytes(StandardCharsets.UTF_8);
    }
  }
}
