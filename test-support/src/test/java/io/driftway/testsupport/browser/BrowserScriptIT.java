package io.driftway.testsupport.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.testsupport.browser.BrowserScript.BrowserResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrowserScriptIT {

  private static final Path SCENARIO =
      Path.of("src/test/resources/browser/escaped-and-scripted.js");

  @Test
  void runsAScenarioInChromiumAndReturnsItsResultEventsAndScreenshot(@TempDir Path work) {
    Path shots = work.resolve("shots");

    BrowserResult seen =
        BrowserScript.run(
            SCENARIO, Map.of("screenshotDir", shots.toString()), work, Duration.ofSeconds(90));

    assertThat(seen.result().path("title").asText()).isEqualTo("<script>alert(1)</script>");
    assertThat(seen.result().path("ownScript").asInt()).isEqualTo(42);
    assertThat(seen.events().path("dialogs")).isEmpty();
    assertThat(seen.events().path("consoleErrors").get(0).asText()).isEqualTo("from the page");
    assertThat(Files.isRegularFile(shots.resolve("escaped-and-scripted.png"))).isTrue();
  }

  @Test
  void failsWithTheScenariosErrorWhenItThrows(@TempDir Path work) throws Exception {
    Path failing = work.resolve("failing.js");
    Files.writeString(
        failing,
        "require('driftway-browser').scenario(async () => { throw new Error('no such row'); });");

    assertThatThrownBy(() -> BrowserScript.run(failing, Map.of(), work, Duration.ofSeconds(90)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot run browser scenario: failing: Error: no such row");
  }
}
