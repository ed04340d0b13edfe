package io.driftway.catalogbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.AuthMode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.platform.config.ConfigOption;
import io.driftway.platform.config.Configuration;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys are public API: this test pins every key and default, and reads the example file. */
class BridgeOptionsTest {

  @Test
  void pinsEveryKeyAndDefault() {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (ConfigOption<?> option : BridgeOptions.all()) {
      defaults.put(option.key(), describeDefault(option));
      assertThat(option.description()).as(option.key()).isNotBlank();
    }
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("server.host", "127.0.0.1");
    expected.put("server.port", "9047");
    expected.put("server.threads", "16");
    expected.put("server.backlog", "1024");
    expected.put("server.max-request-size", "16MiB");
    expected.put("server.shutdown-grace", "10s");
    expected.put("server.metrics", "true");
    expected.put("server.console", "true");
    expected.put("server.tls.keystore", "");
    expected.put("server.tls.keystore-password", "");
    expected.put("server.tls.keystore-type", "PKCS12");
    expected.put("auth.mode", "sigv4");
    expected.put("auth.region", "us-east-1");
    expected.put("auth.clock-skew", "15m");
    expected.put("auth.principals", "[]");
    expected.put("catalog.id", "000000000000");
    expected.put("catalog.max-archived-versions", "1000");
    expected.put("store.url", "jdbc:h2:file:./driftway-catalog/catalog");
    expected.put("store.user", "");
    expected.put("store.password", "");
    expected.put("store.pool-size", "16");
    expected.put("store.connection-timeout", "10s");
    expected.put("iceberg.sync-columns", "true");
    expected.put("storage.s3.endpoint", "");
    expected.put("storage.s3.region", "us-east-1");
    expected.put("storage.s3.access-key-id", "");
    expected.put("storage.s3.secret-access-key", "");
    expected.put("storage.s3.path-style-access", "false");
    expected.put("events.log", "true");
    expected.put("events.webhook.url", "");
    expected.put("events.webhook.timeout", "5s");
    expected.put("events.queue-capacity", "10000");
    assertThat(defaults).containsExactlyEntriesOf(expected);
  }

  private static <T> String describeDefault(ConfigOption<T> option) {
    return option.defaultValue().map(option::format).orElse("");
  }

  @Test
  void readsTheExampleConfigFile() {
    Path example =
        Path.of(System.getProperty("driftway.repo.root", ".."))
            .resolve("catalog-bridge/catalog.example.yaml");
    Map<String, String> env =
        Map.of(
            "DRIFTWAY_KEYSTORE_PASSWORD", "ks",
            "DRIFTWAY_PIPELINE_SECRET", "pipeline-secret",
            "DRIFTWAY_ANALYST_SECRET", "analyst-secret",
            "DRIFTWAY_CATALOG_DB_PASSWORD", "db-secret");
    Configuration config;
    try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(example)) {
      config = Configuration.fromYaml(reader, example.toString(), BridgeOptions.all(), env);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(config.get(BridgeOptions.SERVER_HOST)).isEqualTo("0.0.0.0");
    assertThat(config.get(BridgeOptions.SERVER_TLS_KEYSTORE_PASSWORD)).isEqualTo("ks");
    assertThat(config.get(BridgeOptions.AUTH_MODE)).isEqualTo(AuthMode.SIGV4);
    assertThat(config.get(BridgeOptions.AUTH_CLOCK_SKEW)).isEqualTo(Duration.ofMinutes(15));
    List<Principal> principals = config.get(BridgeOptions.AUTH_PRINCIPALS);
    assertThat(principals).extracting(Principal::name).containsExactly("pipeline", "analyst");
    assertThat(principals.get(0).secretAccessKey()).isEqualTo("pipeline-secret");
    assertThat(principals.get(0).access("anything")).isEqualTo(Access.ADMIN);
    assertThat(principals.get(1).access("sales")).isEqualTo(Access.READ_ONLY);
    assertThat(principals.get(1).access("hr")).isNull();
    assertThat(config.get(BridgeOptions.CATALOG_ID)).isEqualTo("123456789012");
    assertThat(config.get(BridgeOptions.STORE_PASSWORD)).isEqualTo("db-secret");
    assertThat(config.get(BridgeOptions.EVENTS_WEBHOOK_URL))
        .isEqualTo(URI.create("https://alerts.example.com/driftway/catalog"));
  }

  @Test
  void namesFileLineAndKeyForAnUnknownKey() {
    String yaml = "server:\n  host: 127.0.0.1\n  prot: 9047\n";
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot read config: unknown key server.prot at catalog.yaml:3;")
        .hasMessageContaining("known keys: server.host, server.port");
  }

  @Test
  void namesFileLineKeyAndAllowedValuesForABadValue() {
    assertThatThrownBy(() -> read("auth:\n  mode: open\n"))
        .hasMessage(
            "Cannot read config: not one of sigv4, none: open for key auth.mode (expected one of"
                + " sigv4, none) at catalog.yaml:2");
    assertThatThrownBy(() -> read("server:\n  shutdown-grace: soon\n"))
        .hasMessageStartingWith("Cannot read config: Cannot read duration: expected e.g. 500ms")
        .hasMessageEndingWith(
            "for key server.shutdown-grace (expected duration (500ms, 30s, 15m, 2h)) at catalog.yaml:2");
    assertThatThrownBy(() -> read("server:\n  port: ninety\n"))
        .hasMessage(
            "Cannot read config: not an integer: ninety for key server.port (expected integer) at"
                + " catalog.yaml:2");
  }

  @Test
  void refusesAMissingEnvironmentVariable() {
    assertThatThrownBy(() -> read("store:\n  password: ${NOPE_NOT_SET}\n"))
        .hasMessage(
            "Cannot read config: environment variable NOPE_NOT_SET is not set at catalog.yaml:2");
  }

  @Test
  void stillReadsTheDeprecatedEnvPrefix() {
    Configuration config =
        Configuration.fromYaml(
            new StringReader("store:\n  password: ${env:DB_SECRET}\n"),
            "catalog.yaml",
            BridgeOptions.all(),
            Map.of("DB_SECRET", "db-secret"));
    assertThat(config.get(BridgeOptions.STORE_PASSWORD)).isEqualTo("db-secret");
  }

  @Test
  void refusesAPrincipalWithoutASecret() {
    String yaml =
        "auth:\n  principals:\n    - name: etl\n      access-key-id: AKID\n      databases: {'*': admin}\n";
    assertThatThrownBy(() -> read(yaml))
        .hasMessageStartingWith(
            "Cannot read config: Cannot define principal: secret-access-key is required: etl for"
                + " key auth.principals");
  }

  @Test
  void refusesAuthNoneOffLoopback() {
    Configuration config =
        Configuration.builder(BridgeOptions.all())
            .set(BridgeOptions.SERVER_HOST, "0.0.0.0")
            .set(BridgeOptions.AUTH_MODE, AuthMode.NONE)
            .build();
    assertThatThrownBy(() -> CatalogBridge.start(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot start catalog bridge: auth.mode none is allowed only on a loopback address"
                + " (127.0.0.1, ::1, localhost); configure auth.principals or bind loopback:"
                + " 0.0.0.0");
  }

  @Test
  void refusesSigV4WithoutPrincipals() {
    Configuration config = Configuration.defaults(BridgeOptions.all());
    assertThatThrownBy(() -> CatalogBridge.start(config))
        .hasMessageStartingWith(
            "Cannot start catalog bridge: auth.mode sigv4 needs at least one entry in"
                + " auth.principals");
  }

  @Test
  void loopbackMeansLoopbackOnly() {
    assertThat(CatalogBridge.isLoopback("127.0.0.1")).isTrue();
    assertThat(CatalogBridge.isLoopback("::1")).isTrue();
    assertThat(CatalogBridge.isLoopback("localhost")).isTrue();
    assertThat(CatalogBridge.isLoopback("0.0.0.0")).isFalse();
  }

  private static Configuration read(String yaml) {
    return Configuration.fromYaml(
        new StringReader(yaml), "catalog.yaml", BridgeOptions.all(), Map.of());
  }
}
