package io.driftway.schemaevolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.schemaevolution.conform.Conformed;
import io.driftway.schemaevolution.conform.Conformer;
import io.driftway.schemaevolution.fastpath.AvroRowReader;
import io.driftway.schemaevolution.fastpath.FastPath;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * The Avro fast path on random drifting Avro: every scalar kind, logical types, unions, enums,
 * nested records, arrays and maps, in writer schemas that gain fields and widen between versions.
 * Whatever record the reader compiled for the table and a writer schema accepts, the general path
 * (inference, evolution, conform) writes the same row without moving the table.
 */
class AvroFastPathPropertiesTest {

  /** A batch of records of one to three writer schema versions, as Avro's reader hands them on. */
  record Batch(List<GenericRecord> records) {}

  @Provide
  Arbitrary<Batch> batches() {
    return Arbitraries.randomValue(AvroFastPathPropertiesTest::batch);
  }

  @Provide
  Arbitrary<TablePolicy> policies() {
    return Arbitraries.randomValue(InvariantsPropertiesTest::policy);
  }

  @Property(tries = 300)
  void whatTheAvroFastPathAcceptsTheGeneralPathWritesTheSame(
      @ForAll("batches") Batch batch, @ForAll("policies") TablePolicy policy) throws IOException {
    InferenceOptions options = InferenceOptions.forTable(policy);
    SchemaTracker tracker = SchemaTracker.create(policy, StructType.empty());
    List<GenericRecord> records = batch.records();
    for (int i = 0; i < records.size() - 1; i++) {
      try {
        tracker.track(Inferrers.avro(options).infer(records.get(i), SourceCoordinates.unknown()));
      } catch (RecordRejectedException | SchemaEvolutionException e) {
        // Quarantined by a limit or a conflict; the fast path must decline it (checked below).
      }
    }
    StructType table = tracker.tableSchema();
    SchemaEvolver evolver = SchemaEvolver.of(policy);
    Conformer conformer = Conformer.of(policy);
    Map<Schema, AvroRowReader> readers = new LinkedHashMap<>();
    for (GenericRecord record : records) {
      AvroRowReader reader =
          readers.computeIfAbsent(record.getSchema(), w -> FastPath.avro(table, w, policy));
      Row row = reader.read(record);
      Statistics.label("avro fast path").collect(row == null ? "declined" : "accepted");
      if (row == null) {
        continue;
      }
      assertThat(reader.read(encode(record))).as("read from bytes").isEqualTo(row);
      DynamicRecord general = Inferrers.avro(options).infer(record, SourceCoordinates.unknown());
      Evolution evolution = evolver.evolve(table, general.schema());
      assertThat(evolution.schemaChanged()).as("schema change for %s", record).isFalse();
      Conformed conformed = conformer.conform(general, table);
      assertThat(conformed.isQuarantined()).as("quarantined: %s", record).isFalse();
      assertThat(conformed.rescuedData()).as("rescued for %s", record).isNull();
      assertThat(row).as("row for %s", record).isEqualTo(conformed.row());
    }
  }

  // --- random writer schemas and records

  private static Batch batch(Random random) {
    int[] names = {0};
    Schema first = recordSchema(random, names, 0);
    List<Schema> versions = new ArrayList<>(List.of(first));
    for (int v = random.nextInt(3); v > 0; v--) {
      versions.add(drift(versions.get(versions.size() - 1), random, names));
    }
    List<GenericRecord> records = new ArrayList<>();
    int count = 2 + random.nextInt(8);
    for (int i = 0; i < count; i++) {
      Schema schema = versions.get(Math.min(versions.size() - 1, i * versions.size() / count));
      records.add(decode(encode((GenericRecord) value(schema, random, names)), schema));
    }
    return new Batch(records);
  }

  private static Schema recordSchema(Random random, int[] names, int depth) {
    List<Schema.Field> fields = new ArrayList<>();
    int size = 1 + random.nextInt(depth == 0 ? 6 : 3);
    for (int i = 0; i < size; i++) {
      fields.add(new Schema.Field("f" + i, type(random, names, depth), null, (Object) null));
    }
    return Schema.createRecord("R" + names[0]++, null, "gen", false, fields);
  }

  /** The next version: a new optional field, or an int widened to long, or a float to double. */
  private static Schema drift(Schema schema, Random random, int[] names) {
    List<Schema.Field> fields = new ArrayList<>();
    boolean widened = false;
    for (Schema.Field field : schema.getFields()) {
      Schema type = field.schema();
      if (!widened && random.nextBoolean() && type.getLogicalType() == null) {
        if (type.getType() == Schema.Type.INT) {
          type = Schema.create(Schema.Type.LONG);
          widened = true;
        } else if (type.getType() == Schema.Type.FLOAT) {
          type = Schema.create(Schema.Type.DOUBLE);
          widened = true;
        }
      }
      fields.add(new Schema.Field(field.name(), type, null, (Object) null));
    }
    if (!widened || random.nextBoolean()) {
      Schema added =
          Schema.createUnion(Schema.create(Schema.Type.NULL), nonUnion(random, names, 1));
      fields.add(
          new Schema.Field("f" + fields.size(), added, null, Schema.Field.NULL_DEFAULT_VALUE));
    }
    return Schema.createRecord(schema.getName() + "v", null, schema.getNamespace(), false, fields);
  }

  private static Schema type(Random random, int[] names, int depth) {
    int kinds = depth < 2 ? 20 : 16;
    return switch (random.nextInt(kinds)) {
      case 0 -> Schema.create(Schema.Type.LONG);
      case 1 -> Schema.create(Schema.Type.INT);
      case 2 -> Schema.create(Schema.Type.DOUBLE);
      case 3 -> Schema.create(Schema.Type.FLOAT);
      case 4 -> Schema.create(Schema.Type.BOOLEAN);
      case 5, 6 -> Schema.create(Schema.Type.STRING);
      case 7 -> Schema.create(Schema.Type.BYTES);
      case 8 -> Schema.createEnum("E" + names[0]++, null, "gen", List.of("RED", "GREEN", "BLUE"));
      case 9 -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case 10 -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case 11 -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
      case 12 -> LogicalTypes.decimal(9, 2).addToSchema(Schema.create(Schema.Type.BYTES));
      case 13 -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
      case 14 ->
          Schema.createUnion(
              Schema.create(Schema.Type.NULL),
              random.nextBoolean() ? primitive(random) : nonUnion(random, names, depth + 1));
      case 15 ->
          Schema.createUnion(Schema.create(Schema.Type.INT), Schema.create(Schema.Type.STRING));
      case 16, 17 -> recordSchema(random, names, depth + 1);
      case 18 ->
          Schema.createArray(
              random.nextBoolean() ? primitive(random) : type(random, names, depth + 1));
      default ->
          Schema.createMap(
              random.nextBoolean() ? primitive(random) : type(random, names, depth + 1));
    };
  }

  /** A type that is not a union: a union cannot hold another. */
  private static Schema nonUnion(Random random, int[] names, int depth) {
    Schema type = type(random, names, depth);
    while (type.getType() == Schema.Type.UNION) {
      type = type(random, names, depth);
    }
    return type;
  }

  private static Schema primitive(Random random) {
    Schema.Type[] types = {
      Schema.Type.LONG, Schema.Type.STRING, Schema.Type.DOUBLE, Schema.Type.BOOLEAN, Schema.Type.INT
    };
    return Schema.create(types[random.nextInt(types.length)]);
  }

  private static final String[] TEXTS = {
    "", "a", "Graz", "naïve", "5 €", "\uD83D\uDE80 up", "x y z"
  };

  private static Object value(Schema schema, Random random, int[] names) {
    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      BigDecimal amount =
          BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, decimal.getScale());
      return ByteBuffer.wrap(amount.unscaledValue().toByteArray());
    }
    if (schema.getLogicalType() != null && schema.getLogicalType().getName().equals("uuid")) {
      return new UUID(random.nextLong(), random.nextLong()).toString();
    }
    return switch (schema.getType()) {
      case LONG -> random.nextInt(4) == 0 ? random.nextLong() : (long) random.nextInt(1000);
      case INT -> schema.getLogicalType() != null ? random.nextInt(40_000) : random.nextInt();
      case DOUBLE -> random.nextInt(6) == 0 ? -0.0 : random.nextDouble() * 1e6 - 5e5;
      case FLOAT -> random.nextFloat() * 100;
      case BOOLEAN -> random.nextBoolean();
      case STRING -> TEXTS[random.nextInt(TEXTS.length)];
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(5)];
        random.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case ENUM ->
          new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(random.nextInt(3)));
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        Schema branch = branches.get(random.nextInt(branches.size()));
        yield branch.getType() == Schema.Type.NULL ? null : value(branch, random, names);
      }
      case RECORD -> {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
          record.put(field.pos(), value(field.schema(), random, names));
        }
        yield record;
      }
      case ARRAY -> {
        List<Object> elements = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          elements.add(value(schema.getElementType(), random, names));
        }
        yield elements;
      }
      case MAP -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          entries.put("k" + random.nextInt(5), value(schema.getValueType(), random, names));
        }
        yield entries;
      }
      default ->
          throw new IllegalStateException("Cannot generate a value: no generator: " + schema);
    };
  }

  private static byte[] encode(GenericRecord record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static GenericRecord decode(byte[] bytes, Schema schema) {
    try {
      return new GenericDatumReader<GenericRecord>(schema)
          .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
