package io.driftway.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSubstitutionTest {

  private static final Map<String, String> ENV = Map.of("DB_PASSWORD", "s3cret", "REGION", "eu");

  @Test
  void replacesEveryVariableByItsValue() {
    EnvironmentSubstitution env = EnvironmentSubstitution.of("orders.yaml", ENV::get);

    assertThat(env.resolve("password: ${DB_PASSWORD}\nregion: ${REGION}-west\n"))
        .isEqualTo("password: s3cret\nregion: eu-west\n");
  }

  @Test
  void leavesOtherDollarTextAlone() {
    EnvironmentSubstitution env = EnvironmentSubstitution.of("orders.yaml", ENV::get);

    assertThat(env.resolve("cost: $5, ${not a name}, $REGION"))
        .isEqualTo("cost: $5, ${not a name}, $REGION");
  }

  @Test
  void namesTheUnsetVariableAndItsLine() {
    EnvironmentSubstitution env = EnvironmentSubstitution.of("orders.yaml", ENV::get);

    assertThatThrownBy(() -> env.resolve("a: 1\nb: ${REGION}\nc: ${NOPE}\n"))
        .isInstanceOfSatisfying(
            EnvironmentSubstitution.UnsetVariableException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("NOPE");
              assertThat(e.line()).isEqualTo(3);
            })
        .hasMessage("environment variable NOPE is not set");
  }

  @Test
  void readsTheDeprecatedEnvPrefixAndWarnsOncePerFile() {
    List<String> warnings = new ArrayList<>();
    EnvironmentSubstitution env =
        EnvironmentSubstitution.of("catalog.yaml", ENV::get, warnings::add);

    assertThat(env.resolve("${env:DB_PASSWORD}")).isEqualTo("s3cret");
    assertThat(env.resolve("${env:REGION} ${REGION}")).isEqualTo("eu eu");

    assertThat(warnings)
        .containsExactly(
            "catalog.yaml uses the deprecated ${env:NAME} form; write ${NAME} instead"
                + " (${env:DB_PASSWORD} becomes ${DB_PASSWORD})");
  }

  @Test
  void doesNotWarnForTheCurrentForm() {
    List<String> warnings = new ArrayList<>();
    EnvironmentSubstitution env =
        EnvironmentSubstitution.of("catalog.yaml", ENV::get, warnings::add);

    env.resolve("${DB_PASSWORD}");

    assertThat(warnings).isEmpty();
  }
}
