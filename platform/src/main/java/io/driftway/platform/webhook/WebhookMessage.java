package io.driftway.platform.webhook;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON document to POST, with an id for the log (an alert id, an event id) and extra request
 * headers. {@code Content-Type: application/json} is always sent.
 *
 * <pre>{@code
 * WebhookMessage message = WebhookMessage.json(alert.alertId(), alert.toJson())
 *     .withHeader("X-Driftway-Alert-Id", alert.alertId());
 * }</pre>
 *
 * @param id names the message in log lines; not sent unless a header carries it
 * @param body the JSON document
 * @param headers extra request headers, in order
 */
public record WebhookMessage(String id, String body, Map<String, String> headers) {

  /** Copies the headers. */
  public WebhookMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** A JSON document without extra headers. */
  public static WebhookMessage json(String id, String body) {
    return new WebhookMessage(id, body, Map.of());
  }

  /** This message with one more header. */
  public WebhookMessage withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new WebhookMessage(id, body, more);
  }
}
