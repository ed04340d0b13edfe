package io.driftway.streamjobs.graph;

import io.driftway.connectors.alerts.AlertSettings;
import io.driftway.streamjobs.spec.AlertsSpec;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.SourceSpec;
import java.util.Optional;

/** Alert destinations from a pipeline spec. */
final class AlertSinks {

  private AlertSinks() {}

  static AlertSettings settings(PipelineSpec spec) {
    AlertsSpec alerts = spec.alerts();
    Optional<String> bootstrap =
        alerts
            .kafka()
            .flatMap(AlertsSpec.KafkaTopic::bootstrapServers)
            .or(
                () ->
                    spec.sources().stream()
                        .filter(SourceSpec.Kafka.class::isInstance)
                        .map(s -> ((SourceSpec.Kafka) s).bootstrapServers())
                        .findFirst());
    if (alerts.kafka().isPresent() && bootstrap.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot send alerts to Kafka: no Kafka source to borrow bootstrap servers from, set"
              + " alerts.kafka.bootstrap-servers: "
              + spec.file());
    }
    return new AlertSettings(
        alerts.kafka().isPresent() ? bootstrap.get() : null,
        alerts.kafka().map(AlertsSpec.KafkaTopic::topic).orElse(null),
        alerts
            .webhook()
            .map(
                w ->
                    new AlertSettings.Webhook(
                        w.url(), w.timeout(), w.maxAttempts(), w.initialBackoff()))
            .orElse(null),
        alerts.log());
  }
}
