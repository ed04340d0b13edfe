package io.driftway.streamjobs.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PipelineReferenceTest {

  @Test
  void committedReferencePageMatchesTheKeyRegistry() throws IOException {
    Path page =
        Path.of(System.getProperty("driftway.repo.root", ".."))
            .resolve("docs/pipeline-reference.md");
    String committed =
        Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "(missing)";

    assertThat(committed)
        .as(
            "docs/pipeline-reference.md is stale: a pipeline key changed. Regenerate it from the"
                + " repository root with:%n%s%n",
            PipelineReference.COMMAND)
        .isEqualTo(PipelineReference.render());
  }

  @Test
  void documentsEveryKey() {
    String page = PipelineReference.render();

    assertThat(PipelineKeys.ALL)
        .allSatisfy(key -> assertThat(page).contains("`" + key.path() + "`"));
  }
}
