package io.driftway.connectors.alerts;

import io.driftway.platform.webhook.WebhookMessage;
import io.driftway.platform.webhook.WebhookSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Alerts to Driftway's catalog bridge: each alert's JSON posted as {@code Driftway.PutAlert},
 * signed with SigV4 (service {@code glue}) by the AWS SDK's signer with the pipeline's catalog key,
 * through the same background sender, retries and bounds as the webhook. The bridge stores each
 * alert once per {@code alert_id}, so a redelivery is harmless.
 */
final class BridgeAlerts {

  static final String TARGET = "Driftway.PutAlert";

  private BridgeAlerts() {}

  /** The sender settings: the bridge's root, with the webhook defaults for time and retries. */
  static WebhookSettings senderSettings(AlertSettings.Bridge bridge) {
    return LogAndWebhookSink.senderSettings(
        new AlertSettings.Webhook(
            bridge.endpoint().resolve("/"),
            AlertSettings.Webhook.DEFAULT_TIMEOUT,
            AlertSettings.Webhook.DEFAULT_MAX_ATTEMPTS,
            AlertSettings.Webhook.DEFAULT_BACKOFF));
  }

  /**
   * {@code alert} as a signed request. Signed once, when queued: retries come within minutes, well
   * inside the bridge's clock-skew allowance.
   */
  static WebhookMessage message(Alert alert, AlertSettings.Bridge bridge) {
    String body = alert.toJson();
    URI root = bridge.endpoint().resolve("/");
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(root)
            .putHeader("X-Amz-Target", TARGET)
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsBasicCredentials.create(
                                bridge.accessKeyId(), bridge.secretAccessKey()))
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, bridge.region()));
    WebhookMessage message =
        WebhookMessage.json(alert.alertId(), body)
            .withHeader(LogAndWebhookSink.ALERT_ID_HEADER, alert.alertId());
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      // The HTTP client sets Host itself, to the same host:port the signature covers.
      if (!header.getKey().equalsIgnoreCase("Host") && !header.getValue().isEmpty()) {
        message = message.withHeader(header.getKey(), header.getValue().get(0));
      }
    }
    return message;
  }
}
