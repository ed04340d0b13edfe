package io.driftway.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HivePartitionsTest {

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("part-0.json", map()),
        Arguments.of("dt=2026-01-01/part-0.json", map("dt", "2026-01-01")),
        Arguments.of("dt=2026-01-01/hour=03/part-0.json", map("dt", "2026-01-01", "hour", "03")),
        Arguments.of("raw/dt=2026-01-01/v2/part-0.json", map("dt", "2026-01-01")),
        Arguments.of("city=S%C3%A3o%20Paulo/x.csv", map("city", "São Paulo")),
        Arguments.of("path=a%2Fb/x.csv", map("path", "a/b")),
        Arguments.of("eq=a%3Db/x.csv", map("eq", "a=b")),
        Arguments.of("plus=a+b/x.csv", map("plus", "a+b")),
        Arguments.of("bad=100%/x.csv", map("bad", "100%")),
        Arguments.of("bad=%zz/x.csv", map("bad", "%zz")),
        Arguments.of("empty=/x.csv", map("empty", "")),
        Arguments.of("=nokey/x.csv", map()),
        Arguments.of("dt=__HIVE_DEFAULT_PARTITION__/x.csv", map("dt", null)),
        Arguments.of("dt=1/dt=2/x.csv", map("dt", "2")),
        Arguments.of("k=v=w/x.csv", map("k", "v=w")),
        Arguments.of("dt=2026-01-01", map()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void parsesPartitionFoldersInPathOrder(String path, Map<String, String> expected) {
    Map<String, String> parsed = HivePartitions.parse(path);
    assertThat(parsed).containsExactlyEntriesOf(expected);
    assertThat(parsed.keySet()).containsExactlyElementsOf(expected.keySet());
  }

  private static Map<String, String> map(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
