package io.driftway.catalogbridge.console.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawBytesTest {

  @Test
  void showsTextAsTextWithControlCharactersSpelledOut() {
    RawBytes shown =
        RawBytes.of("{\"a\": \"<script>\u0007\"}\n".getBytes(StandardCharsets.UTF_8), 100);

    assertThat(shown).isEqualTo(new RawBytes("{\"a\": \"<script>\\u0007\"}\n", false, 19, false));
  }

  @Test
  void showsBinaryAsAHexDump() {
    RawBytes shown = RawBytes.of(new byte[] {0, 0, 0, 1, (byte) 0xff, 'A'}, 100);

    assertThat(shown.binary()).isTrue();
    assertThat(shown.text()).isEqualTo("00000000  00 00 00 01 ff 41" + " ".repeat(32) + ".....A\n");
  }

  @Test
  void cutsAtTheLimitEvenInsideACharacter() {
    byte[] raw = "ab\u00e9cd".getBytes(StandardCharsets.UTF_8); // é is 2 bytes: a b c3 a9 c d

    RawBytes shown = RawBytes.of(raw, 3);

    assertThat(shown).isEqualTo(new RawBytes("ab", false, 6, true));
  }

  @Test
  void countsByStageAndReasonAndOverTime() {
    Instant t = Instant.parse("2026-12-06T10:15:00Z");
    List<QuarantineAccess.Row> rows =
        List.of(
            new QuarantineAccess.Row("1", t, "decode", "bad json", "k/0@1", "pending", null),
            new QuarantineAccess.Row(
                "2", t.plusSeconds(60), "decode", "bad json", "k/0@2", "pending", null),
            new QuarantineAccess.Row(
                "3", t.plusSeconds(3600), "track", "too big", "k/0@3", "replayed", null));

    QuarantineCounts counts = QuarantineCounts.of(rows);

    assertThat(counts.byReason())
        .extracting(g -> g.count() + " " + g.stage() + " " + g.reason())
        .containsExactly("2 decode bad json", "1 track too big");
    assertThat(counts.overTime())
        .extracting(b -> b.start() + " " + b.byStage())
        .containsExactly("2026-12-06T10:00:00Z {decode=2}", "2026-12-06T11:00:00Z {track=1}");
    assertThat(counts.byState()).containsEntry("pending", 2L).containsEntry("replayed", 1L);
  }
}
