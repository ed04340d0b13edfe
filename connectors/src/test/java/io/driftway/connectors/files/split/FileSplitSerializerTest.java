package io.driftway.connectors.files.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.files.InputFile;
import io.driftway.connectors.files.enumerator.FileEnumeratorState;
import io.driftway.connectors.files.enumerator.FileEnumeratorStateSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileSplitSerializerTest {

  private static FileSplit split(String id) {
    Map<String, String> partitions = new LinkedHashMap<>();
    partitions.put("dt", "2026-01-01");
    partitions.put("region", null);
    return FileSplit.of(
        id,
        List.of(
            new SplitFile(InputFile.of("s3://b/dt=2026-01-01/a.json", 10, "e1", partitions), 7),
            new SplitFile(
                InputFile.of("file:/tmp/b.csv", 20, "2026-01-01T00:00:00Z", Map.of()), 0)));
  }

  @Test
  void roundTripsSplitsWithPartitionsNullValuesAndSkips() throws Exception {
    FileSplit split = split("files-3");

    FileSplit back =
        FileSplitSerializer.INSTANCE.deserialize(
            FileSplitSerializer.INSTANCE.getVersion(),
            FileSplitSerializer.INSTANCE.serialize(split));

    assertThat(back).isEqualTo(split);
    assertThat(back.files().get(0).file().partitions().keySet()).containsExactly("dt", "region");
  }

  @Test
  void roundTripsTheEnumeratorState() throws Exception {
    FileEnumeratorState state = new FileEnumeratorState(List.of(split("a"), split("b")));

    assertThat(
            FileEnumeratorStateSerializer.INSTANCE.deserialize(
                1, FileEnumeratorStateSerializer.INSTANCE.serialize(state)))
        .isEqualTo(state);
  }

  @Test
  void refusesAnUnknownVersion() {
    assertThatThrownBy(() -> FileSplitSerializer.INSTANCE.deserialize(9, new byte[0]))
        .hasMessage("Cannot deserialize file split: unknown version (this build reads 1): 9");
  }
}
