package io.driftway.loadtests.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Reproducible events for load runs: JSON or Avro records of a given size and field count, with a
 * {@link DriftSchedule} and a rate of malformed records. Record {@code seq} is a pure function of
 * the settings, {@code seq} and the produce time passed in, so two runs with one seed send the same
 * bytes (apart from the time stamp) and a consumer can check what it got by {@code seq}.
 *
 * <p>Every record starts with {@code seq} (long, the id) and {@code produced_at_ms} (long), then
 * the base fields, cycling through a long {@code n_i}, a string {@code s_i}, an object {@code o_i}
 * ({@code id}, {@code name}), a double {@code d_i}, a boolean {@code b_i} and a string array {@code
 * a_i}, then the drift fields {@code drift_k}, and last a string {@code pad} sized so that the
 * record is exactly {@code bytes} long (unless its fields alone are longer). A malformed record is
 * not valid JSON (the record cut in half) or, for Avro, carries magic byte 1.
 *
 * <pre>{@code
 * EventGenerator events = EventGenerator.builder()
 *     .seed(42L)
 *     .preset(EventGenerator.Preset.KB_1)
 *     .drift(DriftSchedule.parse("add-field@50000/100000"))
 *     .malformedRate(0.001)
 *     .build();
 * byte[] value = events.record(7, System.currentTimeMillis());
 * }</pre>
 *
 * <p>Thread-safe: one generator can feed several producer threads.
 */
public final class EventGenerator {

  /** Size presets: bytes per record and top-level field count (with seq, produced_at_ms, pad). */
  public enum Preset {
    /** 150 bytes, 6 fields: seq, produced_at_ms, a long, a string, an object, pad. */
    B_150(150, 6),
    /** 1 KB, 20 fields. */
    KB_1(1024, 20);

    private final int bytes;
    private final int fields;

    Preset(int bytes, int fields) {
      this.bytes = bytes;
      this.fields = fields;
    }

    public int bytes() {
      return bytes;
    }

    public int fields() {
      return fields;
    }

    /** {@code 150b} or {@code 1kb}, case-insensitive. */
    public static Preset of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "150b" -> B_150;
        case "1kb" -> KB_1;
        default ->
            throw new IllegalArgumentException(
                "Cannot parse size preset: expected 150b or 1kb: " + name);
      };
    }
  }

  /** The type of a base field. */
  public enum FieldType {
    LONG("n"),
    STRING("s"),
    OBJECT("o"),
    DOUBLE("d"),
    BOOLEAN("b"),
    STRING_ARRAY("a");

    private final String prefix;

    FieldType(String prefix) {
      this.prefix = prefix;
    }
  }

  /** A base field of every record, in order. */
  public record Field(String name, FieldType type) {}

  public static final String SEQ = "seq";
  public static final String PRODUCED_AT = "produced_at_ms";
  public static final String PAD = "pad";

  private static final int FIXED_FIELDS = 3;
  private static final String WORDS = "lorem ipsum dolor sit amet consectetur adipiscing elit ";
  private static final String[] NAMES = {"Lyon", "Porto", "Graz", "Turku", "Cork", "Ghent"};

  private final long seed;
  private final int bytes;
  private final List<Field> fields;
  private final DriftSchedule drift;
  private final double malformedRate;
  private final EventFormat format;
  private final String longField;
  private final String objectField;
  private final Map<Long, Schema> avroSchemas = new ConcurrentHashMap<>();

  private EventGenerator(Builder builder) {
    this.seed = builder.seed;
    this.bytes = builder.bytes;
    this.drift = builder.drift;
    this.malformedRate = builder.malformedRate;
    this.format = builder.format;
    List<Field> base = new ArrayList<>();
    FieldType[] cycle = FieldType.values();
    for (int i = 0; i < builder.fields - FIXED_FIELDS; i++) {
      FieldType type = cycle[i % cycle.length];
      base.add(new Field(type.prefix + "_" + i, type));
    }
    this.fields = List.copyOf(base);
    this.longField = first(FieldType.LONG);
    this.objectField = first(FieldType.OBJECT);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Record {@code seq}, stamped with {@code producedAtMillis}, in this generator's format. */
  public byte[] record(long seq, long producedAtMillis) {
    Map<String, Object> values = values(seq, producedAtMillis);
    byte[] valid =
        format == EventFormat.JSON ? json(values) : avro(values, schemaId(seq), avroSchema(seq));
    if (!isMalformed(seq)) {
      return valid;
    }
    if (format == EventFormat.JSON) {
      return java.util.Arrays.copyOf(valid, valid.length / 2);
    }
    byte[] broken = valid.clone();
    broken[0] = 1;
    return broken;
  }

  /** Whether record {@code seq} is malformed (decided by the seed, at {@code malformedRate}). */
  public boolean isMalformed(long seq) {
    if (malformedRate <= 0) {
      return false;
    }
    double u = (mix(seed ^ 0x5DEECE66DL, seq) >>> 11) * 0x1.0p-53;
    return u < malformedRate;
  }

  /** The schema version of record {@code seq}: 1 plus the drift events that happened by then. */
  public int schemaId(long seq) {
    return (int) (1 + drift.occurrences(seq));
  }

  /** The Avro schema record {@code seq} is written with (also what its JSON holds). */
  public Schema avroSchema(long seq) {
    long addFields = drift.occurrences(DriftKind.ADD_FIELD, seq);
    long nested = drift.occurrences(DriftKind.NESTED_FIELD, seq);
    boolean widened = drift.occurrences(DriftKind.WIDEN, seq) > 0;
    boolean conflicted = drift.occurrences(DriftKind.TYPE_CONFLICT, seq) > 0;
    long key = addFields << 32 | nested << 2 | (widened ? 2 : 0) | (conflicted ? 1 : 0);
    return avroSchemas.computeIfAbsent(
        key, k -> buildSchema(addFields, nested, widened, conflicted));
  }

  /** The base fields (between {@code produced_at_ms} and {@code pad}), in record order. */
  public List<Field> fields() {
    return fields;
  }

  public int bytes() {
    return bytes;
  }

  public EventFormat format() {
    return format;
  }

  public DriftSchedule drift() {
    return drift;
  }

  public double malformedRate() {
    return malformedRate;
  }

  public long seed() {
    return seed;
  }

  /** The logical content of record {@code seq}, in field order, before padding. */
  private Map<String, Object> values(long seq, long producedAtMillis) {
    SplittableRandom random = new SplittableRandom(mix(seed, seq));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(SEQ, seq);
    values.put(PRODUCED_AT, producedAtMillis);
    boolean widened = drift.occurrences(DriftKind.WIDEN, seq) > 0;
    boolean conflicted = drift.occurrences(DriftKind.TYPE_CONFLICT, seq) > 0;
    long nested = drift.occurrences(DriftKind.NESTED_FIELD, seq);
    for (Field field : fields) {
      switch (field.type()) {
        case LONG -> {
          long n = widened ? 3_000_000_000L + random.nextInt(1_000_000) : random.nextInt(1_000_000);
          values.put(
              field.name(), field.name().equals(longField) && conflicted ? "v" + n : (Object) n);
        }
        case STRING -> {
          values.put(field.name(), word(random) + "-" + random.nextInt(100_000));
        }
        case OBJECT -> {
          Map<String, Object> object = new LinkedHashMap<>();
          object.put("id", (long) random.nextInt(1_000_000));
          object.put("name", NAMES[random.nextInt(NAMES.length)] + " " + random.nextInt(1000));
          if (field.name().equals(objectField)) {
            for (long k = 1; k <= nested; k++) {
              object.put("extra_" + k, seq % 1000 + k);
            }
          }
          values.put(field.name(), object);
        }
        case DOUBLE -> {
          values.put(field.name(), (random.nextInt(10_000_000) + 1) / 100.0 + 0.001);
        }
        case BOOLEAN -> {
          values.put(field.name(), random.nextBoolean());
        }
        case STRING_ARRAY -> {
          values.put(field.name(), List.of(word(random), word(random)));
        }
      }
    }
    long addFields = drift.occurrences(DriftKind.ADD_FIELD, seq);
    for (long k = 1; k <= addFields; k++) {
      values.put("drift_" + k, "d" + (seq % 97));
    }
    return values;
  }

  private byte[] json(Map<String, Object> values) {
    StringBuilder out = new StringBuilder(bytes + 16);
    writeJsonObject(out, values);
    // The pad goes last: `,"pad":"` + text + `"}` replaces the closing brace.
    int overhead = 3 + PAD.length() + 4;
    int padLength = Math.max(0, bytes - (out.length() - 1) - overhead);
    out.setLength(out.length() - 1);
    out.append(",\"").append(PAD).append("\":\"").append(padding(padLength)).append("\"}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked") // values holds what values() put there: maps, lists, scalars
  private static void writeJsonObject(StringBuilder out, Map<String, Object> values) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append('"').append(entry.getKey()).append("\":");
      Object value = entry.getValue();
      if (value instanceof String) {
        out.append('"').append(value).append('"');
      } else if (value instanceof Map) {
        writeJsonObject(out, (Map<String, Object>) value);
      } else if (value instanceof List) {
        out.append('[');
        List<Object> list = (List<Object>) value;
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "\"" : ",\"").append(list.get(i)).append('"');
        }
        out.append(']');
      } else {
        out.append(value);
      }
    }
    out.append('}');
  }

  @SuppressWarnings("unchecked") // values holds what values() put there: maps, lists, scalars
  private byte[] avro(Map<String, Object> values, int schemaId, Schema schema) {
    GenericRecord record = new GenericData.Record(schema);
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      Object value = entry.getValue();
      Schema.Field field = schema.getField(entry.getKey());
      if (value instanceof Map) {
        GenericRecord nested = new GenericData.Record(field.schema());
        ((Map<String, Object>) value).forEach(nested::put);
        value = nested;
      } else if (value instanceof Long && field.schema().getType() == Schema.Type.INT) {
        value = ((Long) value).intValue();
      }
      record.put(entry.getKey(), value);
    }
    record.put(PAD, "");
    int empty = encode(record, schemaId).length;
    // The pad's length prefix is a zig-zag varint: find the length whose total hits the target.
    int padLength = Math.max(0, bytes - empty);
    while (padLength > 0 && empty - 1 + padLength + varintSize(padLength) > bytes) {
      padLength--;
    }
    record.put(PAD, padding(padLength));
    return encode(record, schemaId);
  }

  private static byte[] encode(GenericRecord record, int schemaId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1100);
    out.write(0);
    out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode Avro record: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static int varintSize(int length) {
    long zigzag = (long) length << 1;
    int size = 1;
    while ((zigzag >>>= 7) != 0) {
      size++;
    }
    return size;
  }

  private Schema buildSchema(long addFields, long nested, boolean widened, boolean conflicted) {
    SchemaBuilder.FieldAssembler<Schema> record =
        SchemaBuilder.record("event").namespace("io.driftway.loadtests").fields();
    record = record.requiredLong(SEQ).requiredLong(PRODUCED_AT);
    for (Field field : fields) {
      switch (field.type()) {
        case LONG -> {
          if (field.name().equals(longField) && conflicted) {
            record = record.requiredString(field.name());
          } else if (widened) {
            record = record.requiredLong(field.name());
          } else {
            record = record.requiredInt(field.name());
          }
        }
        case STRING -> {
          record = record.requiredString(field.name());
        }
        case OBJECT -> {
          SchemaBuilder.FieldAssembler<Schema> object =
              SchemaBuilder.record(field.name()).fields().requiredLong("id").requiredString("name");
          if (field.name().equals(objectField)) {
            for (long k = 1; k <= nested; k++) {
              object = object.requiredLong("extra_" + k);
            }
          }
          record = record.name(field.name()).type(object.endRecord()).noDefault();
        }
        case DOUBLE -> {
          record = record.requiredDouble(field.name());
        }
        case BOOLEAN -> {
          record = record.requiredBoolean(field.name());
        }
        case STRING_ARRAY -> {
          record = record.name(field.name()).type().array().items().stringType().noDefault();
        }
      }
    }
    for (long k = 1; k <= addFields; k++) {
      record = record.requiredString("drift_" + k);
    }
    return record.requiredString(PAD).endRecord();
  }

  private static String padding(int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      out.append(WORDS, 0, Math.min(WORDS.length(), length - out.length()));
    }
    return out.toString();
  }

  private static String word(SplittableRandom random) {
    return NAMES[random.nextInt(NAMES.length)].toLowerCase(Locale.ROOT);
  }

  private String first(FieldType type) {
    return fields.stream().filter(f -> f.type() == type).map(Field::name).findFirst().orElse(null);
  }

  /** A well-mixed 64-bit value from two (SplitMix64's finalizer over their combination). */
  private static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Builds an {@link EventGenerator}; validates in {@link #build()}. */
  public static final class Builder {
    private long seed = 42L;
    private int bytes = Preset.KB_1.bytes();
    private int fields = Preset.KB_1.fields();
    private DriftSchedule drift = DriftSchedule.none();
    private double malformedRate;
    private EventFormat format = EventFormat.JSON;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Sets bytes and field count from a preset (1 KB and 20 fields by default). */
    public Builder preset(Preset preset) {
      this.bytes = preset.bytes();
      this.fields = preset.fields();
      return this;
    }

    /** Bytes per record: the pad fills up to it. */
    public Builder bytes(int bytes) {
      this.bytes = bytes;
      return this;
    }

    /** Top-level fields per record, counting seq, produced_at_ms and pad (at least 3). */
    public Builder fields(int fields) {
      this.fields = fields;
      return this;
    }

    public Builder drift(DriftSchedule drift) {
      this.drift = drift;
      return this;
    }

    /** The share of records (0 to 1) that are malformed, chosen by the seed. */
    public Builder malformedRate(double malformedRate) {
      this.malformedRate = malformedRate;
      return this;
    }

    public Builder format(EventFormat format) {
      this.format = format;
      return this;
    }

    public EventGenerator build() {
      if (fields < FIXED_FIELDS) {
        throw new IllegalArgumentException(
            "Cannot build event generator: fields must be at least 3 (seq, produced_at_ms, pad): "
                + fields);
      }
      if (bytes < 1) {
        throw new IllegalArgumentException(
            "Cannot build event generator: bytes must be positive: " + bytes);
      }
      if (!(malformedRate >= 0 && malformedRate <= 1)) {
        throw new IllegalArgumentException(
            "Cannot build event generator: malformed rate must be between 0 and 1: "
                + malformedRate);
      }
      if (drift == null || format == null) {
        throw new IllegalArgumentException(
            "Cannot build event generator: drift and format are required: "
                + drift
                + ", "
                + format);
      }
      boolean needsLong = drift.has(DriftKind.WIDEN) || drift.has(DriftKind.TYPE_CONFLICT);
      if (needsLong && fields < FIXED_FIELDS + 1) {
        throw new IllegalArgumentException(
            "Cannot build event generator: widen and type-conflict drift need a long field"
                + " (fields >= 4): "
                + fields);
      }
      if (drift.has(DriftKind.NESTED_FIELD) && fields < FIXED_FIELDS + 3) {
        throw new IllegalArgumentException(
            "Cannot build event generator: nested-field drift needs an object field (fields >= 6): "
                + fields);
      }
      return new EventGenerator(this);
    }
  }
}
