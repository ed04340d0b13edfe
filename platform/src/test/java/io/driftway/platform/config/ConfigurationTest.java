package io.driftway.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

  private static final ConfigOption<Integer> PORT =
      ConfigOption.key("server.port").intType().defaultValue(9047).description("Port.");
  private static final ConfigOption<Duration> GRACE =
      ConfigOption.key("server.shutdown-grace")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .description("Grace.");
  private static final ConfigOption<String> PASSWORD =
      ConfigOption.key("store.password").stringType().description("Password.");
  private static final ConfigOption<List<String>> HOSTS =
      ConfigOption.key("store.hosts")
          .stringListType()
          .defaultValue(List.of())
          .description("Hosts.");
  private static final List<ConfigOption<?>> ALL = List.of(PORT, GRACE, PASSWORD, HOSTS);

  private static Configuration read(String yaml, Map<String, String> env) {
    return Configuration.fromYaml(new StringReader(yaml), "c.yaml", ALL, env);
  }

  @Test
  void readsNestedMapsAsDottedKeysAndLeavesTheRestAtDefaults() {
    Configuration config =
        read("server:\n  shutdown-grace: 2 minutes\nstore:\n  hosts: [a, b]\n", Map.of());

    assertThat(config.get(GRACE)).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.get(HOSTS)).containsExactly("a", "b");
    assertThat(config.get(PORT)).isEqualTo(9047);
    assertThat(config.isSet(PORT)).isFalse();
    assertThat(config.getOptional(PASSWORD)).isEmpty();
    assertThatThrownBy(() -> config.get(PASSWORD))
        .hasMessage("Cannot read config: no value and no default: store.password");
  }

  @Test
  void substitutesBothTheCurrentAndTheDeprecatedVariableForm() {
    assertThat(read("store:\n  password: ${DB}\n", Map.of("DB", "x")).get(PASSWORD)).isEqualTo("x");
    assertThat(read("store:\n  password: ${env:DB}\n", Map.of("DB", "y")).get(PASSWORD))
        .isEqualTo("y");
  }

  @Test
  void namesFileAndLineOfAnUnsetVariable() {
    assertThatThrownBy(() -> read("server:\n  port: 1\nstore:\n  password: ${NOPE}\n", Map.of()))
        .hasMessage("Cannot read config: environment variable NOPE is not set at c.yaml:4");
  }

  @Test
  void namesFileLineKeyAndTypeOfABadValue() {
    assertThatThrownBy(() -> read("server:\n  port: ninety\n", Map.of()))
        .hasMessage(
            "Cannot read config: not an integer: ninety for key server.port (expected integer) at"
                + " c.yaml:2");
  }

  @Test
  void setsValuesFromTextAsACommandLineFlagWould() {
    Configuration config =
        Configuration.builder(ALL).setText("server.shutdown-grace", "PT1S").set(PORT, 0).build();

    assertThat(config.get(GRACE)).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.describe())
        .containsEntry("server.port", "0")
        .containsEntry("server.shutdown-grace", "1s")
        .containsEntry("store.password", "");
  }

  @Test
  void refusesAKeyDeclaredTwice() {
    assertThatThrownBy(() -> Configuration.defaults(List.of(PORT, PORT)))
        .hasMessage("Cannot declare config options: key declared twice: server.port");
  }
}
