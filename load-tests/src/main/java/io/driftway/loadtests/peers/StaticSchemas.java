package io.driftway.loadtests.peers;

import io.driftway.loadtests.data.DriftKind;
import io.driftway.loadtests.data.EventGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The static job's table schema, created by the bench before the job starts: the same for JSON and
 * Avro records (on Avro it is also the job's reader schema, through Flink's converter).
 */
final class StaticSchemas {

  private StaticSchemas() {}

  /**
   * The static job's fixed schema: the generator's base fields as JSON types them (integers as
   * long), and the fields the drift schedule adds within the first {@code driftUpTo} records (none
   * when 0: a static-schema job drops what it does not know; with them it is a job whose author
   * knew every future field, and writes the same columns as Driftway).
   */
  static Schema of(EventGenerator generator, long driftUpTo) {
    long added =
        driftUpTo == 0 ? 0 : generator.drift().occurrences(DriftKind.ADD_FIELD, driftUpTo - 1);
    long nested =
        driftUpTo == 0 ? 0 : generator.drift().occurrences(DriftKind.NESTED_FIELD, driftUpTo - 1);
    String firstObject =
        generator.fields().stream()
            .filter(field -> field.type() == EventGenerator.FieldType.OBJECT)
            .map(EventGenerator.Field::name)
            .findFirst()
            .orElse(null);
    AtomicInteger ids = new AtomicInteger();
    List<Types.NestedField> fields = new ArrayList<>();
    fields.add(field(ids, EventGenerator.SEQ, Types.LongType.get()));
    fields.add(field(ids, EventGenerator.PRODUCED_AT, Types.LongType.get()));
    for (EventGenerator.Field field : generator.fields()) {
      Type type =
          switch (field.type()) {
            case LONG -> Types.LongType.get();
            case STRING -> Types.StringType.get();
            case OBJECT -> objectType(ids, field.name().equals(firstObject) ? nested : 0);
            case DOUBLE -> Types.DoubleType.get();
            case BOOLEAN -> Types.BooleanType.get();
            case STRING_ARRAY ->
                Types.ListType.ofOptional(ids.incrementAndGet(), Types.StringType.get());
          };
      fields.add(field(ids, field.name(), type));
    }
    for (long k = 1; k <= added; k++) {
      fields.add(field(ids, "drift_" + k, Types.StringType.get()));
    }
    fields.add(field(ids, EventGenerator.PAD, Types.StringType.get()));
    return new Schema(fields);
  }

  /** The generator's object field: id, name and {@code nested} drift fields {@code extra_<k>}. */
  private static Types.StructType objectType(AtomicInteger ids, long nested) {
    List<Types.NestedField> fields = new ArrayList<>();
    fields.add(field(ids, "id", Types.LongType.get()));
    fields.add(field(ids, "name", Types.StringType.get()));
    for (long k = 1; k <= nested; k++) {
      fields.add(field(ids, "extra_" + k, Types.LongType.get()));
    }
    return Types.StructType.of(fields);
  }

  private static Types.NestedField field(AtomicInteger ids, String name, Type type) {
    return Types.NestedField.optional(ids.incrementAndGet(), name, type);
  }
}
