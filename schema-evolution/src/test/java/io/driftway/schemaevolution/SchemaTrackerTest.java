package io.driftway.schemaevolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.SchemaTracker.Tracked;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.merge.SchemaChange;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaTrackerTest {

  private static final RecordInferrer<byte[]> JSON = Inferrers.json(InferenceOptions.defaults());

  private static DynamicRecord json(String text, long offset) {
    return JSON.infer(
        text.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("orders", 0, offset));
  }

  @Test
  void createsTheTableFromTheFirstRecordAndWritesTheRow() {
    SchemaTracker tracker = SchemaTracker.create(TablePolicy.defaults(), StructType.empty());

    Tracked tracked = tracker.track(json("{\"id\": 1, \"tags\": [\"a\"], \"note\": null}", 7));

    assertThat(tracker.tableSchema())
        .isEqualTo(TypeParser.parse("struct<_rescued_data:string,id:bigint,tags:array<string>>"));
    assertThat(tracked.changes())
        .extracting(SchemaChange::toString)
        .containsExactly(
            "ADD_COLUMN /_rescued_data: string (rescued-column=_rescued_data)",
            "ADD_COLUMN /id: long (new-fields=evolve) first seen at kafka:orders/0@7",
            "ADD_COLUMN /tags: array<string> (new-fields=evolve) first seen at kafka:orders/0@7");
    assertThat(tracked.conformed().row()).isEqualTo(GenericRow.of(null, 1L, GenericArray.of("a")));
  }

  @Test
  void rescuesAValueThatCannotWidenAndReportsTheDecisionOnce() {
    SchemaTracker tracker = SchemaTracker.create(TablePolicy.defaults(), StructType.empty());
    tracker.track(json("{\"qty\": 1}", 1));

    Tracked first = tracker.track(json("{\"qty\": \"many\"}", 2));
    Tracked second = tracker.track(json("{\"qty\": \"lots\"}", 3));

    assertThat(first.changes())
        .extracting(SchemaChange::toString)
        .containsExactly(
            "RESOLVE_CHOICE /qty: choice<long,string> -> long (on-conflict=widen) first seen at"
                + " kafka:orders/0@2");
    assertThat(second.changes()).isEmpty();
    assertThat(second.conformed().rescuedData()).isEqualTo("{\"/qty\":\"lots\"}");
    assertThat(second.conformed().row()).isEqualTo(GenericRow.of("{\"/qty\":\"lots\"}", null));
  }
}
