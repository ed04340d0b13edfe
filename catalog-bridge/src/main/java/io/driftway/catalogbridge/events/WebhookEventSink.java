package io.driftway.catalogbridge.events;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs each event as EventBridge-shaped JSON to a URL. A non-2xx answer or a timeout is retried
 * once, then the event is dropped for this sink (and logged by the dispatcher).
 */
public final class WebhookEventSink implements CatalogEventSink {

  private final URI url;
  private final Duration timeout;
  private final String account;
  private final String region;
  private final HttpClient client;

  public WebhookEventSink(URI url, Duration timeout, String account, String region) {
    this.url = url;
    this.timeout = timeout;
    this.account = account;
    this.region = region;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void accept(CatalogEvent event) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    event.toEventBridgeJson(account, region).toString()))
            .build();
    IOException failure = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 == 2) {
          return;
        }
        failure =
            new IOException(
                "Cannot deliver catalog event: webhook answered "
                    + response.statusCode()
                    + ": "
                    + url);
      } catch (IOException e) {
        failure = e;
      }
    }
    throw failure;
  }
}
