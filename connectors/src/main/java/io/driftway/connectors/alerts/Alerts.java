package io.driftway.connectors.alerts;

import java.nio.charset.StandardCharsets;
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
    if (settings.log() || settings.webhook().isPresent()) {
      unique
          .sinkTo(new LogAndWebhookSink(settings.log(), settings.webhook()))
          .name("alerts: log and webhook")
          .uid(uidPrefix + "-alerts-log-webhook")
          .setParallelism(1);
    }
    if (settings.kafkaTopic().isPresent()) {
      String topic = settings.kafkaTopic().get();
      KafkaSink<SchemaChangeAlert> sink =
          KafkaSink.<SchemaChangeAlert>builder()
              .setBootstrapServers(settings.kafkaBootstrapServers().orElseThrow())
              .setRecordSerializer(
                  KafkaRecordSerializationSchema.<SchemaChangeAlert>builder()
                      .setTopic(topic)
                      .setKeySerializationSchema(
                          a -> a.qualifiedTable().getBytes(StandardCharsets.UTF_8))
                      .setValueSerializationSchema(a -> a.toJson().getBytes(StandardCharsets.UTF_8))
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
}
