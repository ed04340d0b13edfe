package io.driftway.connectors.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.types.StructType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProvisionalReadersTest {

  private static final TableSettings EVENTS = TableSettings.defaults("db", "events");

  private final TableState table = table();

  @Test
  void readsTheRecordsThatFollowADriftForTheSchemaTheTableWouldMoveTo() {
    ProvisionalReaders readers = new ProvisionalReaders(null);
    readers.learn(table, schemaOf("{\"id\": 1, \"coupon\": \"A\"}"));

    ProvisionalReaders.Fit fit = readers.read(table, raw("{\"coupon\": \"B\", \"id\": 2}"));

    assertThat(fit).isNotNull();
    assertThat(fit.provisional().schema().toString())
        .isEqualTo(table.decide(schemaOf("{\"id\": 1, \"coupon\": \"A\"}")).after().toString());
    assertThat(fit.row().getLong(fit.provisional().schema().indexOf("id"))).isEqualTo(2L);
    // A record that drifts further, or is not JSON, is read in full.
    assertThat(readers.read(table, raw("{\"id\": 3, \"coupon\": \"C\", \"extra\": 1}"))).isNull();
  }

  @Test
  void forgetsWhatItLearnedWhenTheTableStateIsReplacedOrTheTablesSettle() {
    ProvisionalReaders readers = new ProvisionalReaders(null);
    StructType drifted = schemaOf("{\"id\": 1, \"coupon\": \"A\"}");
    readers.learn(table, drifted);
    TableState moved = table.withSchema(table.decide(drifted).after());

    assertThat(readers.read(moved, raw("{\"id\": 2, \"coupon\": \"B\"}"))).isNull();
    readers.learn(table, drifted);
    readers.clear();
    assertThat(readers.read(table, raw("{\"id\": 2, \"coupon\": \"B\"}"))).isNull();
  }

  @Test
  void learnsNothingFromARecordThatDoesNotMoveTheTableAndAtMostFourSchemasPerTable() {
    ProvisionalReaders readers = new ProvisionalReaders(null);
    readers.learn(table, schemaOf("{\"id\": 1}"));
    assertThat(readers.read(table, raw("{\"id\": 2}"))).isNull();

    for (String field : new String[] {"a", "b", "c", "d", "e"}) {
      readers.learn(table, schemaOf("{\"id\": 1, \"" + field + "\": true}"));
    }
    assertThat(readers.read(table, raw("{\"id\": 2, \"d\": false}"))).isNotNull();
    assertThat(readers.read(table, raw("{\"id\": 2, \"e\": false}"))).isNull();
  }

  @Test
  void triesTheReaderThatReadLastFirstUntilARecordFitsTheTableAndProbesTheTableEverySoOften() {
    ProvisionalReaders readers = new ProvisionalReaders(null);
    readers.learn(table, schemaOf("{\"id\": 1, \"coupon\": \"A\"}"));
    readers.learn(table, schemaOf("{\"id\": 1, \"coupon\": \"A\", \"channel\": \"web\"}"));
    assertThat(readers.first(table)).isFalse();

    ProvisionalReaders.Fit wider =
        readers.read(table, raw("{\"id\": 2, \"coupon\": \"B\", \"channel\": \"app\"}"));
    // Fits both schemas: read by the one that read last.
    ProvisionalReaders.Fit either = readers.read(table, raw("{\"id\": 3}"));

    assertThat(either.provisional()).isSameAs(wider.provisional());
    assertThat(readers.first(table)).isTrue();
    for (int read = 2; read < ProvisionalReaders.PROBE_EVERY; read++) {
      readers.read(table, raw("{\"id\": 4}"));
      assertThat(readers.first(table)).isEqualTo(read + 1 < ProvisionalReaders.PROBE_EVERY);
    }
    readers.read(table, raw("{\"id\": 5}"));
    assertThat(readers.first(table)).isTrue();
    readers.fitted(table);
    assertThat(readers.first(table)).isFalse();
  }

  private static TableState table() {
    TableState empty =
        TableState.of(
            EVENTS, EVENTS.policy(), StructType.empty(), null, TableState.FastFormat.JSON);
    return empty.withSchema(empty.decide(schemaOf(empty, "{\"id\": 1}")).after());
  }

  private StructType schemaOf(String json) {
    return schemaOf(table, json);
  }

  private static StructType schemaOf(TableState table, String json) {
    return Inferrers.json(table.inference)
        .infer(json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("t", 0, 0))
        .schema();
  }

  private static RawRecord raw(String json) {
    return RawRecord.of(
        json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("t", 0, 1), -1);
  }
}
