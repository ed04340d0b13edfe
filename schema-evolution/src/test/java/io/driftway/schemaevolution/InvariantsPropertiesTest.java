package io.driftway.schemaevolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.conform.Conformed;
import io.driftway.schemaevolution.conform.Conformer;
import io.driftway.schemaevolution.fastpath.FastPath;
import io.driftway.schemaevolution.fastpath.JsonRowReader;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.record.StructValue;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.row.RowArray;
import io.driftway.schemaevolution.row.RowMap;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldNames;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The invariants of the whole layer on random drifting JSON: nothing is lost, the table schema does
 * not depend on the order of records, and the fast path agrees with the general path.
 */
class InvariantsPropertiesTest {

  @Provide
  Arbitrary<String[]> batches() {
    return RandomJson.batches();
  }

  @Provide
  Arbitrary<TablePolicy> policies() {
    return Arbitraries.randomValue(InvariantsPropertiesTest::policy);
  }

  /** Policies without make_cols/make_struct (their columns are renamed by design). */
  static TablePolicy policy(Random random) {
    NewFieldAction[] newFields = {
      NewFieldAction.EVOLVE, NewFieldAction.EVOLVE, NewFieldAction.RESCUE, NewFieldAction.IGNORE
    };
    ConflictAction[] conflicts = {
      ConflictAction.widen(), ConflictAction.matchCatalog(), ConflictAction.quarantine()
    };
    TablePolicy.Builder builder =
        TablePolicy.builder()
            .newFields(newFields[random.nextInt(newFields.length)])
            .onConflict(conflicts[random.nextInt(conflicts.length)])
            .limits(
                Limits.defaults()
                    .withMapThreshold(random.nextBoolean() ? 0 : 2 + random.nextInt(3))
                    .withMaxNestingDepth(random.nextInt(4) == 0 ? 3 : 32));
    if (random.nextBoolean()) {
      builder.onConflict("/price", ConflictAction.parse("cast:string"));
    }
    if (random.nextBoolean()) {
      builder.onConflict("/id", ConflictAction.parse("project:long"));
    }
    if (random.nextBoolean()) {
      builder.newFields("/items", NewFieldAction.RESCUE);
    }
    return builder.build();
  }

  private static DynamicRecord infer(TablePolicy policy, String json, long offset) {
    RecordInferrer<byte[]> inferrer = Inferrers.json(InferenceOptions.forTable(policy));
    return inferrer.infer(
        json.getBytes(StandardCharsets.UTF_8), SourceCoordinates.kafka("t", 0, offset));
  }

  @Property(tries = 400)
  void everyLeafValueEndsInAColumnInRescuedDataOrTheRecordIsQuarantined(
      @ForAll("batches") String[] records, @ForAll("policies") TablePolicy policy) {
    SchemaTracker tracker = SchemaTracker.create(policy, StructType.empty());
    for (int i = 0; i < records.length; i++) {
      DynamicRecord record;
      try {
        record = infer(policy, records[i], i);
      } catch (RecordRejectedException e) {
        assertThat(e.reason().message()).startsWith("Cannot accept record: nesting depth");
        assertThat(e.reason().rule()).isEqualTo(Limits.MAX_NESTING_DEPTH);
        continue;
      }
      SchemaTracker.Tracked tracked = tracker.track(record);
      Conformed conformed = tracked.conformed();
      if (conformed.isQuarantined()) {
        assertThat(conformed.quarantine().message()).startsWith("Cannot conform record: ");
        continue;
      }
      List<String> kept = new ArrayList<>();
      rowLeaves(kept, "", conformed.row(), tracked.tableSchema(), policy);
      if (conformed.rescuedData() != null) {
        StructValue rescued = infer(TablePolicy.defaults(), conformed.rescuedData(), 0).values();
        for (int j = 0; j < rescued.size(); j++) {
          recordLeaves(kept, FieldNames.key(rescued.name(j)), rescued.value(j));
        }
      }
      List<String> input = new ArrayList<>();
      StructValue values = record.values();
      for (int j = 0; j < values.size(); j++) {
        recordLeaves(
            input, "/" + FieldNames.key(FieldPath.escape(values.name(j))), values.value(j));
      }
      Map<String, Integer> keptCounts = multiset(kept);
      for (Map.Entry<String, Integer> leaf : multiset(input).entrySet()) {
        assertThat(keptCounts.getOrDefault(leaf.getKey(), 0))
            .as("copies of %s kept from %s (kept: %s)", leaf.getKey(), records[i], kept)
            .isGreaterThanOrEqualTo(leaf.getValue());
      }
    }
  }

  @Property(tries = 300)
  void theTableSchemaDoesNotDependOnTheOrderOfABatch(
      @ForAll("batches") String[] records, @ForAll("policies") TablePolicy policy) {
    SchemaEvolver evolver =
        SchemaEvolver.of(policy.toBuilder().newFields(NewFieldAction.EVOLVE).build());
    List<StructType> schemas = new ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      try {
        schemas.add(infer(policy, records[i], i).schema());
      } catch (RecordRejectedException e) {
        // Over a limit: quarantined, not part of the schema.
      }
    }
    Evolution forward = evolver.evolve(StructType.empty(), schemas);
    List<StructType> reversed = new ArrayList<>(schemas);
    Collections.reverse(reversed);
    Collections.shuffle(schemas, new Random(records.length));
    assertThat(evolver.evolve(StructType.empty(), reversed).after()).isEqualTo(forward.after());
    assertThat(evolver.evolve(StructType.empty(), schemas).after()).isEqualTo(forward.after());
  }

  @Property(tries = 300)
  void recordsThatNeverConflictGiveTheSameTableInAnyOrderOneByOne(
      @ForAll("batches") String[] records) {
    // Across commits the explosion guard depends on what the table already has, by design: a struct
    // column that reached the table stays a struct (Iceberg cannot make it a map) and overflows,
    // while a struct born over the threshold is a map. One by one, the law holds without the guard;
    // within one batch (the property above) it holds with it.
    TablePolicy policy =
        TablePolicy.builder().limits(Limits.defaults().withMapThreshold(0)).build();
    List<StructType> schemas = new ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      schemas.add(infer(policy, records[i], i).schema());
    }
    io.driftway.schemaevolution.merge.SchemaJoin join =
        io.driftway.schemaevolution.merge.SchemaJoin.standard();
    StructType joined = StructType.empty();
    for (StructType schema : schemas) {
      joined = join.join(joined, schema);
    }
    Assume.that(!hasChoice(joined));
    SchemaEvolver evolver = SchemaEvolver.of(policy);

    StructType forward = StructType.empty();
    for (StructType schema : schemas) {
      forward = evolver.evolve(forward, schema).after();
    }
    StructType backward = StructType.empty();
    for (int i = schemas.size() - 1; i >= 0; i--) {
      backward = evolver.evolve(backward, schemas.get(i)).after();
    }

    // Column order and the spelling of a name follow arrival; everything else does not.
    assertThat(canonical(backward)).isEqualTo(canonical(forward));
  }

  private static boolean hasChoice(DataType type) {
    return switch (type.kind()) {
      case CHOICE -> true;
      case STRUCT -> ((StructType) type).fields().stream().anyMatch(f -> hasChoice(f.type()));
      case LIST -> hasChoice(((ListType) type).element());
      case MAP -> hasChoice(((MapType) type).value());
      default -> false;
    };
  }

  private static DataType canonical(DataType type) {
    return switch (type.kind()) {
      case STRUCT -> {
        List<Field> fields = new ArrayList<>();
        for (Field field : ((StructType) type).fields()) {
          fields.add(
              new Field(FieldNames.key(field.name()), canonical(field.type()), field.optional()));
        }
        fields.sort(java.util.Comparator.comparing(Field::name));
        yield StructType.of(fields);
      }
      case LIST -> {
        ListType list = (ListType) type;
        yield new ListType(canonical(list.element()), list.elementOptional());
      }
      case MAP -> {
        MapType map = (MapType) type;
        yield new MapType(map.key(), canonical(map.value()), map.valueOptional());
      }
      default -> type;
    };
  }

  @Property(tries = 400)
  void whatTheFastPathAcceptsTheGeneralPathWritesTheSame(
      @ForAll("batches") String[] records, @ForAll("policies") TablePolicy policy) {
    SchemaTracker tracker = SchemaTracker.create(policy, StructType.empty());
    for (int i = 0; i < records.length - 1; i++) {
      try {
        DynamicRecord record = infer(policy, records[i], i);
        tracker.track(record);
      } catch (RecordRejectedException e) {
        // Quarantined by a limit; the fast path must decline it too (checked below).
      }
    }
    StructType table = tracker.tableSchema();
    JsonRowReader fast = FastPath.json(table, policy, InferenceOptions.forTable(policy));
    SchemaEvolver evolver = SchemaEvolver.of(policy);
    Conformer conformer = Conformer.of(policy);
    for (String json : records) {
      Row row = fast.read(json.getBytes(StandardCharsets.UTF_8));
      Statistics.label("fast path").collect(row == null ? "declined" : "accepted");
      if (row == null) {
        continue;
      }
      DynamicRecord record = infer(policy, json, 0);
      Evolution evolution = evolver.evolve(table, record.schema());
      assertThat(evolution.schemaChanged()).as("schema change for %s", json).isFalse();
      Conformed general = conformer.conform(record, table);
      assertThat(general.rescuedData()).as("rescued for %s", json).isNull();
      assertThat(row).as("row for %s", json).isEqualTo(general.row());
    }
  }

  private static Map<String, Integer> multiset(List<String> items) {
    Map<String, Integer> counts = new HashMap<>();
    for (String item : items) {
      counts.merge(item, 1, Integer::sum);
    }
    return counts;
  }

  private static void recordLeaves(List<String> out, String pointer, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof StructValue struct) {
      for (int i = 0; i < struct.size(); i++) {
        recordLeaves(
            out, pointer + "/" + FieldNames.key(FieldPath.escape(struct.name(i))), struct.value(i));
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        recordLeaves(out, pointer + "/" + i, list.get(i));
      }
    } else {
      out.add(pointer + "=" + canonical(value));
    }
  }

  private static void rowLeaves(
      List<String> out, String pointer, Object value, DataType type, TablePolicy policy) {
    if (value == null) {
      return;
    }
    if (type instanceof StructType struct) {
      Row row = (Row) value;
      for (int i = 0; i < struct.size(); i++) {
        Field field = struct.field(i);
        if (pointer.isEmpty() && field.name().equals(policy.rescuedColumn())) {
          continue;
        }
        rowLeaves(
            out,
            pointer + "/" + FieldNames.key(FieldPath.escape(field.name())),
            row.get(i),
            field.type(),
            policy);
      }
    } else if (type instanceof ListType list) {
      RowArray array = (RowArray) value;
      for (int i = 0; i < array.size(); i++) {
        rowLeaves(out, pointer + "/" + i, array.get(i), list.element(), policy);
      }
    } else if (type instanceof MapType map) {
      RowMap entries = (RowMap) value;
      for (int i = 0; i < entries.size(); i++) {
        rowLeaves(
            out,
            pointer + "/" + FieldNames.key(FieldPath.escape(String.valueOf(entries.keys().get(i)))),
            entries.values().get(i),
            map.value(),
            policy);
      }
    } else if (value instanceof String text && (text.startsWith("[") || text.startsWith("{"))) {
      // A nested value cast to a string column is kept as its JSON text.
      StructValue parsed = infer(TablePolicy.defaults(), "{\"v\":" + text + "}", 0).values();
      recordLeaves(out, pointer, parsed.value(0));
    } else {
      out.add(pointer + "=" + canonical(value));
    }
  }

  /** One text per value, so 12, 12.0 and "12" (after a cast to string) compare equal. */
  private static String canonical(Object value) {
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    String text = value.toString();
    try {
      return new BigDecimal(text).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
