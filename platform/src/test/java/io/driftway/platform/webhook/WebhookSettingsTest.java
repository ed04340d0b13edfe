package io.driftway.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhookSettingsTest {

  private static final URI URL = URI.create("http://hooks.internal/alerts");

  @Test
  void everyPartHasADefault() {
    WebhookSettings settings = WebhookSettings.builder(URL).build();

    assertThat(settings)
        .isEqualTo(
            new WebhookSettings(
                URL,
                Duration.ofSeconds(5),
                5,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                1_000,
                Duration.ofSeconds(10)));
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refused(b -> b.requestTimeout(Duration.ZERO), "request timeout must be positive: PT0S"),
        refused(b -> b.maxAttempts(0), "max attempts must be at least 1: 0"),
        refused(
            b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)),
            "max backoff must not be below the initial backoff PT2S: PT1S"),
        refused(
            b -> b.backoff(Duration.ZERO, Duration.ofSeconds(1)),
            "initial backoff must be positive: PT0S"),
        refused(b -> b.queueCapacity(0), "queue capacity must be at least 1: 0"),
        refused(
            b -> b.drainTimeout(Duration.ofSeconds(-1)),
            "drain timeout must not be negative: PT-1S"));
  }

  private static Arguments refused(UnaryOperator<WebhookSettings.Builder> change, String message) {
    return Arguments.of(change, "Cannot build webhook settings: " + message);
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void buildRefusesSettingsThatCannotWork(
      UnaryOperator<WebhookSettings.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(WebhookSettings.builder(URL)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void onlyHttpUrlsAreAccepted() {
    assertThatThrownBy(() -> WebhookSettings.builder(URI.create("ftp://hooks/x")).build())
        .hasMessage("Cannot build webhook settings: the URL must be http or https: ftp://hooks/x");
    assertThatThrownBy(() -> WebhookSettings.builder(null).build())
        .hasMessage("Cannot build webhook settings: a URL is required: null");
  }
}
