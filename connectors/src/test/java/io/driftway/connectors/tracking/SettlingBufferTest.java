package io.driftway.connectors.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlingBufferTest {

  @Test
  void saysFullAtTheRecordBoundAndDrainsTablesByNameEachInArrivalOrder() {
    SettlingBuffer buffer = new SettlingBuffer(new SettleBound(3, Long.MAX_VALUE));

    assertThat(buffer.add("orders", raw(0, "a"), StructType.empty())).isFalse();
    assertThat(buffer.add("events", raw(1, "b"), StructType.empty())).isFalse();
    assertThat(buffer.add("orders", raw(2, "c"), StructType.empty())).isTrue();
    Map<String, List<SettlingBuffer.Waiting>> held = buffer.drain();

    assertThat(held.keySet()).containsExactly("events", "orders");
    assertThat(held.get("orders"))
        .extracting(w -> w.raw().coordinates().describe())
        .containsExactly(
            raw(0, "a").coordinates().describe(), raw(2, "c").coordinates().describe());
    assertThat(buffer.isEmpty()).isTrue();
    assertThat(buffer.records()).isZero();
    assertThat(buffer.bytes()).isZero();
    assertThat(buffer.peakRecords()).isEqualTo(3);
  }

  @Test
  void saysFullAtTheByteBoundOfRawValues() {
    SettlingBuffer buffer = new SettlingBuffer(new SettleBound(1_000, 10));

    assertThat(buffer.add("t", raw(0, "12345"), StructType.empty())).isFalse();
    assertThat(buffer.bytes()).isEqualTo(5);
    assertThat(buffer.add("t", raw(1, "67890"), StructType.empty())).isTrue();
  }

  @Test
  void refusesABoundBelowOne() {
    assertThatThrownBy(() -> new SettleBound(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bound settling: max held records must be at least 1: 0");
    assertThatThrownBy(() -> new SettleBound(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot bound settling: max held bytes must be at least 1: 0");
  }

  private static RawRecord raw(long offset, String value) {
    return RawRecord.of(
        value.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("t", 0, offset), -1);
  }
}
