package io.driftway.streamjobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftway demo} end to end, as the README's first command runs it, on a small scale. */
class DemoIT {

  @Test
  void drivesDriftThroughThePipelineAndReportsIt(@TempDir Path dir) throws Exception {
    StringWriter text = new StringWriter();

    DemoResult result = new DemoRunner(dir, 40, new PrintWriter(text)).run();

    assertThat(result.rows()).isEqualTo(160);
    assertThat(result.quarantinedRows()).isEqualTo(3);
    assertThat(result.quarantineReasons())
        .allSatisfy(r -> assertThat(r).startsWith("decode: Cannot decode JSON record: "));
    assertThat(result.rescuedRows()).isEqualTo(40);
    assertThat(result.schema()).contains("campaign", "version", "_rescued_data");
    List<String> changes = new ArrayList<>();
    for (JsonNode alert : result.alerts()) {
      for (JsonNode change : alert.get("changes")) {
        changes.add(change.get("kind").asText() + " " + change.get("path").asText());
      }
    }
    assertThat(changes)
        .contains("ADD_COLUMN /campaign", "ADD_COLUMN /device/version", "RESOLVE_CHOICE /amount")
        .doesNotHaveDuplicates();
    assertThat(text.toString())
        .contains(
            "== Tables", "== Schema history", "== Quarantined records", "demo.events: 160 rows")
        .containsPattern(
            "Console: http://127\\.0\\.0\\.1:\\d+/console \\(tables, "
                + result.alerts().size()
                + " alerts from this pipeline");
  }
}
