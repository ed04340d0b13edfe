package io.driftway.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigOptionTest {

  enum Mode {
    READ_ONLY,
    ADMIN
  }

  @Test
  void enumOptionsListTheirAllowedValuesAsWritten() {
    ConfigOption<Mode> mode =
        ConfigOption.key("access.mode")
            .enumType(Mode.class)
            .defaultValue(Mode.ADMIN)
            .description("How.");

    assertThat(mode.allowedValues()).containsExactly("read-only", "admin");
    assertThat(mode.typeName()).isEqualTo("one of read-only, admin");
    assertThat(mode.parse("read-only")).isEqualTo(Mode.READ_ONLY);
    assertThat(mode.parse("READ_ONLY")).isEqualTo(Mode.READ_ONLY);
    assertThat(mode.format(Mode.READ_ONLY)).isEqualTo("read-only");
    assertThatThrownBy(() -> mode.parse("owner")).hasMessage("not one of read-only, admin: owner");
  }

  @Test
  void otherTypesHaveNoAllowedValues() {
    ConfigOption<Integer> port = ConfigOption.key("server.port").intType().description("Port.");

    assertThat(port.allowedValues()).isEmpty();
    assertThat(port.defaultValue()).isEmpty();
  }

  @Test
  void readsEachScalarType() {
    assertThat(ConfigOption.key("a").intType().description("d").parse(42)).isEqualTo(42);
    assertThat(ConfigOption.key("a").booleanType().description("d").parse("TRUE")).isTrue();
    assertThat(ConfigOption.key("a").durationType().description("d").parse("10 seconds"))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(ConfigOption.key("a").dataSizeType().description("d").parse("16MiB"))
        .isEqualTo(DataSize.ofMebibytes(16));
    assertThat(ConfigOption.key("a").pathType().description("d").parse(" /tmp/x "))
        .isEqualTo(Path.of("/tmp/x"));
    assertThat(ConfigOption.key("a").uriType().description("d").parse("http://h:1/p"))
        .isEqualTo(URI.create("http://h:1/p"));
    assertThatThrownBy(() -> ConfigOption.key("a").booleanType().description("d").parse("yes"))
        .hasMessage("not true or false: yes");
  }

  @Test
  void readsAListFromYamlOrFromCommaSeparatedText() {
    ConfigOption<List<String>> topics =
        ConfigOption.key("kafka.topics")
            .stringListType()
            .defaultValue(List.of())
            .description("Topics.");

    assertThat(topics.parse(List.of("orders", " refunds "))).containsExactly("orders", "refunds");
    assertThat(topics.parse("orders, refunds,")).containsExactly("orders", "refunds");
    assertThat(topics.format(List.of("orders", "refunds"))).isEqualTo("orders,refunds");
    assertThat(topics.format(topics.defaultValue().orElseThrow())).isEmpty();
  }

  @Test
  void refusesKeysThatAreNotDottedLowercaseWords() {
    assertThatThrownBy(() -> ConfigOption.key("Server.Port"))
        .hasMessage(
            "Cannot declare config option: key must be dotted lowercase words: Server.Port");
  }

  @Test
  void requiresAOneLineDescription() {
    assertThatThrownBy(() -> ConfigOption.key("server.port").intType().description(" "))
        .hasMessage("Cannot declare config option: a description is required: server.port");
    assertThatThrownBy(() -> ConfigOption.key("server.port").intType().description("Port.\nMore."))
        .hasMessage("Cannot declare config option: the description must be one line: server.port");
  }
}
