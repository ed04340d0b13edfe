package io.driftway.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AwsSettingsTest {

  private static AwsSettings.Builder valid() {
    return AwsSettings.builder().region("us-east-1");
  }

  @Test
  void defaultsToTheDefaultChainOnAwsWithTheSdksStandardRetries() {
    AwsSettings settings = valid().build();

    assertThat(settings.region()).isEqualTo("us-east-1");
    assertThat(settings.endpoint()).isEmpty();
    assertThat(settings.credentialsSource()).isEqualTo(AwsSettings.CredentialsSource.DEFAULT_CHAIN);
    assertThat(settings.accessKeyId()).isEmpty();
    assertThat(settings.pathStyleAccess()).isFalse();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.apiCallTimeout()).isEmpty();
    assertThat(settings.maxAttempts()).isEqualTo(3);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        refused(b -> b.region(null), "a region is required: null"),
        refused(b -> b.region(" "), "a region is required:  "),
        refused(
            b -> b.endpoint(URI.create("localhost:9000")),
            "the endpoint needs a scheme and a host: localhost:9000"),
        refused(
            b -> b.staticCredentials("AKID", null),
            "static credentials need both an access key id and a secret: AKID"),
        refused(
            b -> b.staticCredentials(null, "secret"),
            "static credentials need both an access key id and a secret: no access key id"),
        refused(
            b -> b.staticCredentials("AKID", "secret", ""),
            "a session token cannot be empty: AKID"),
        refused(b -> b.connectTimeout(Duration.ZERO), "connect timeout must be positive: PT0S"),
        refused(b -> b.readTimeout(Duration.ofSeconds(-1)), "read timeout must be positive: PT-1S"),
        refused(b -> b.readTimeout(null), "read timeout must be positive: null"),
        refused(b -> b.apiCallTimeout(Duration.ZERO), "API call timeout must be positive: PT0S"),
        refused(b -> b.maxAttempts(0), "max attempts must be at least 1: 0"));
  }

  private static Arguments refused(UnaryOperator<AwsSettings.Builder> change, String message) {
    return Arguments.of(change, "Cannot build AWS settings: " + message);
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void buildRefusesSettingsThatCannotWork(
      UnaryOperator<AwsSettings.Builder> change, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void defaultCredentialsForgetAnEarlierStaticKey() {
    AwsSettings settings = valid().staticCredentials("AKID", "secret").defaultCredentials().build();

    assertThat(settings.credentialsSource()).isEqualTo(AwsSettings.CredentialsSource.DEFAULT_CHAIN);
    assertThat(settings.accessKeyId()).isEmpty();
    assertThat(settings.secretAccessKey()).isEmpty();
  }

  @Test
  void toBuilderCopiesEverySetting() {
    AwsSettings settings =
        valid()
            .endpoint(URI.create("http://127.0.0.1:9000"))
            .staticCredentials("AKID", "secret", "token")
            .pathStyleAccess(true)
            .connectTimeout(Duration.ofSeconds(1))
            .readTimeout(Duration.ofSeconds(2))
            .apiCallTimeout(Duration.ofSeconds(3))
            .maxAttempts(7)
            .build();

    assertThat(settings.toBuilder().build()).isEqualTo(settings);
    assertThat(settings.toBuilder().maxAttempts(1).build()).isNotEqualTo(settings);
  }

  @Test
  void toStringNamesTheKeyButNeverTheSecretOrToken() {
    AwsSettings settings =
        valid()
            .endpoint(URI.create("http://127.0.0.1:9000"))
            .staticCredentials("AKID", "s3cr3t", "t0k3n")
            .pathStyleAccess(true)
            .build();

    assertThat(settings.toString())
        .isEqualTo(
            "AwsSettings{region=us-east-1, endpoint=http://127.0.0.1:9000, static credentials AKID"
                + " with session, path-style, connect PT10S, read PT1M, attempts 3}")
        .doesNotContain("s3cr3t")
        .doesNotContain("t0k3n");
  }

  @Test
  void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
    AwsSettings settings =
        valid().staticCredentials("AKID", "secret").apiCallTimeout(Duration.ofSeconds(5)).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(settings);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(settings);
    }
  }
}
