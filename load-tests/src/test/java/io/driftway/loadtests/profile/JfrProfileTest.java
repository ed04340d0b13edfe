package io.driftway.loadtests.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfileTest {

  private static final Instant START = Instant.parse("2026-12-06T12:00:00Z");

  @TempDir Path dir;

  @Test
  void keepsTheSamplesBetweenTheMarksTheBenchWrote() throws IOException {
    Path jfr = dir.resolve("driftway_1kb_r1.jfr");
    Files.writeString(
        dir.resolve("driftway_1kb_r1.jfr.marks"),
        "first_commit=2026-12-06T12:00:10Z\ndone=2026-12-06T12:01:00Z\n");

    JfrProfile.Window window = JfrProfile.window(jfr, "auto", START);

    assertThat(window.contains(Instant.parse("2026-12-06T12:00:09.999Z"))).isFalse();
    assertThat(window.contains(Instant.parse("2026-12-06T12:00:10Z"))).isTrue();
    assertThat(window.contains(Instant.parse("2026-12-06T12:01:00Z"))).isFalse();
    assertThat(window.label())
        .isEqualTo("after the first commit, until every record was committed");
  }

  @Test
  void withoutMarksCountsEverySampleUnlessTheFirstCommitIsAskedFor() throws IOException {
    Path jfr = dir.resolve("kc_1kb_r1.jfr");

    assertThat(JfrProfile.window(jfr, "auto", START).label())
        .isEqualTo("all samples (no marks file)");
    assertThatThrownBy(() -> JfrProfile.window(jfr, "first-commit", START))
        .hasMessage(
            "Cannot profile after the first commit: no marks file beside the recording: "
                + jfr
                + ".marks");
  }

  @Test
  void takesSecondsFromTheFirstSampleOrAnInstant() throws IOException {
    Path jfr = dir.resolve("static_1kb_r1.jfr");

    JfrProfile.Window seconds = JfrProfile.window(jfr, "2.5", START);
    JfrProfile.Window instant = JfrProfile.window(jfr, "2026-12-06T12:00:30Z", START);

    assertThat(seconds.from()).isEqualTo(Instant.parse("2026-12-06T12:00:02.500Z"));
    assertThat(instant.from()).isEqualTo(Instant.parse("2026-12-06T12:00:30Z"));
    assertThat(JfrProfile.window(jfr, "all", START).contains(START.minusSeconds(1))).isTrue();
    assertThatThrownBy(() -> JfrProfile.window(jfr, "soon", START))
        .hasMessage(
            "Cannot profile: --after takes first-commit, all, seconds or an ISO-8601 instant:"
                + " soon");
  }
}
