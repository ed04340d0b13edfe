package io.driftway.connectors.registry;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The tunables of the Schema Registry client, declared once with type, default and meaning; {@link
 * SchemaRegistryConfig.Builder#configure} reads them from a Flink configuration. Keys are public
 * API.
 *
 * <pre>{@code
 * conf.set(SchemaRegistryOptions.READ_TIMEOUT, Duration.ofSeconds(5));
 * SchemaRegistryConfig.builder(url).configure(conf).build();
 * }</pre>
 */
public final class SchemaRegistryOptions {

  public static final ConfigOption<Duration> CONNECT_TIMEOUT =
      ConfigOptions.key("schema-registry.connect-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription("Limit for opening a connection to the registry.");

  public static final ConfigOption<Duration> READ_TIMEOUT =
      ConfigOptions.key("schema-registry.read-timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withDescription("Limit for the registry's answer to one request, once connected.");

  public static final ConfigOption<Integer> CACHE_CAPACITY =
      ConfigOptions.key("schema-registry.cache-capacity")
          .intType()
          .defaultValue(1000)
          .withDescription(
              "Most parsed schemas kept by id; the least recently used one is dropped first.");

  /** All options, for documentation and the test that pins them. */
  public static final List<ConfigOption<?>> ALL =
      List.of(CONNECT_TIMEOUT, READ_TIMEOUT, CACHE_CAPACITY);

  private SchemaRegistryOptions() {}
}
