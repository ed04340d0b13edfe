package io.driftway.connectors.registry;

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
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaRegistryConfigTest {

  @Test
  void hasDefaultsAndACleanBaseUrl() {
    SchemaRegistryConfig config = SchemaRegistryConfig.builder("http://registry:8081/").build();

    assertThat(config.baseUrl()).isEqualTo(URI.create("http://registry:8081"));
    assertThat(config.userInfo()).isEmpty();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.cacheCapacity()).isEqualTo(1000);
  }

  @Test
  void keepsAPathPrefix() {
    assertThat(SchemaRegistryConfig.builder("https://host/registry//").build().baseUrl())
        .isEqualTo(URI.create("https://host/registry"));
  }

  @Test
  void takesCredentialsFromTheUrlAndKeepsThemOutOfIt() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder("https://etl:s%3Acret@host:8081").build();

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://host:8081"));
    assertThat(config.userInfo()).contains("etl:s:cret");
    assertThat(config.toString()).contains("user=etl").doesNotContain("cret");
  }

  @Test
  void takesBasicAuthAndTimeouts() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder("http://host")
            .basicAuth("etl", "secret")
            .connectTimeout(Duration.ofMillis(250))
            .readTimeout(Duration.ofSeconds(2))
            .cacheCapacity(10)
            .build();

    assertThat(config.userInfo()).contains("etl:secret");
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.cacheCapacity()).isEqualTo(10);
  }

  @Test
  void readsItsTunablesFromAFlinkConfiguration() {
    Configuration flink = new Configuration();
    flink.set(SchemaRegistryOptions.READ_TIMEOUT, Duration.ofSeconds(3));
    flink.set(SchemaRegistryOptions.CACHE_CAPACITY, 7);

    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder("http://host").configure(flink).build();

    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.cacheCapacity()).isEqualTo(7);
  }

  @Test
  void pinsEveryOptionKeyAndDefault() {
    assertThat(SchemaRegistryOptions.ALL)
        .extracting(option -> option.key() + "=" + option.defaultValue())
        .containsExactly(
            "schema-registry.connect-timeout=PT5S",
            "schema-registry.read-timeout=PT30S",
            "schema-registry.cache-capacity=1000");
  }

  @Test
  void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder("http://host:1").basicAuth("a", "b").build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(config);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      SchemaRegistryConfig back = (SchemaRegistryConfig) in.readObject();
      assertThat(back.baseUrl()).isEqualTo(config.baseUrl());
      assertThat(back.userInfo()).isEqualTo(config.userInfo());
    }
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        refused("ftp://host", b -> b, "URL must be http or https: ftp://host"),
        refused("registry:8081", b -> b, "URL must be http or https: registry:8081"),
        refused("http://", b -> b, "not a URL: http://"),
        refused("http://a b", b -> b, "not a URL: http://a b"),
        refused(
            "http://u:p@host",
            b -> b.basicAuth("u", "p"),
            "credentials given twice, in the URL and as basic auth: http://host"),
        refused(
            "http://host",
            b -> b.userInfo("no-colon"),
            "user info must read <user>:<password>: for http://host"),
        refused(
            "http://host",
            b -> b.connectTimeout(Duration.ZERO),
            "connect timeout must be positive: PT0S"),
        refused(
            "http://host",
            b -> b.readTimeout(Duration.ofSeconds(-1)),
            "read timeout must be positive: PT-1S"),
        refused("http://host", b -> b.cacheCapacity(0), "cache capacity must be at least 1: 0"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesWithAMessageThatSaysWhatToChange(
      String url, UnaryOperator<SchemaRegistryConfig.Builder> configure, String reason) {
    assertThatThrownBy(() -> configure.apply(SchemaRegistryConfig.builder(url)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot build schema registry client: " + reason);
  }

  @Test
  void lruCacheDropsTheLeastRecentlyUsedEntry() {
    LruCache<Integer, String> cache = new LruCache<>(2);
    cache.put(1, "one");
    cache.put(2, "two");
    cache.get(1);
    cache.put(3, "three");

    assertThat(cache.get(2)).isNull();
    assertThat(cache.get(1)).isEqualTo("one");
    assertThat(cache.get(3)).isEqualTo("three");
    assertThat(cache.size()).isEqualTo(2);
  }

  private static Arguments refused(
      String url, UnaryOperator<SchemaRegistryConfig.Builder> configure, String reason) {
    return Arguments.of(url, configure, reason);
  }
}
