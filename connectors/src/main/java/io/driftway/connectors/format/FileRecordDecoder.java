package io.driftway.connectors.format;

import io.driftway.connectors.source.Encoding;
import io.driftway.connectors.source.RawRecord;
import io.driftway.schemaevolution.infer.CsvOptions;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.StructValue;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Decodes records of the file source by the {@link Encoding} each one carries, through the same
 * inferrers as streamed records: JSON lines as JSON, CSV rows with their own file's header, Avro
 * datums (from container files and Parquet) with their writer schema. Inferrers are cached per
 * header or schema and per set of inference options.
 *
 * <p>The partition values of the record's path are then added as string columns (null for Hive's
 * default partition), after the record's own fields. <b>A record that already has a field of that
 * name (ignoring case) keeps its own value</b>: the data is more specific than the folder it sits
 * in.
 */
final class FileRecordDecoder implements RecordDecoder {

  /**
   * Distinct headers and schemas of one backfill are few; the bound only guards against odd input.
   */
  private static final int MAX_CACHED = 256;

  private final CsvOptions csv;
  private final Map<InferenceOptions, RecordInferrer<byte[]>> json = new HashMap<>();
  private final Map<Key, RecordInferrer<String>> csvRows = new HashMap<>();
  private final Map<Key, RecordInferrer<byte[]>> avro = new HashMap<>();

  FileRecordDecoder(CsvOptions csv) {
    this.csv = csv;
  }

  private record Key(String detail, InferenceOptions options) {}

  @Override
  public DynamicRecord decode(RawRecord raw, InferenceOptions options) {
    Encoding encoding = raw.encoding();
    if (encoding == null) {
      throw RecordRejectedException.malformed(
          "file", "it was not read by the file source (no encoding)", raw.coordinates(), null);
    }
    if (raw.value() == null) {
      throw RecordRejectedException.malformed("file", "it has no value", raw.coordinates(), null);
    }
    DynamicRecord record =
        switch (encoding.kind()) {
          case JSON ->
              json.computeIfAbsent(options, Inferrers::json).infer(raw.value(), raw.coordinates());
          case CSV ->
              cached(csvRows, new Key(encoding.detail(), options), this::csvInferrer)
                  .infer(Decoders.text("CSV", raw), raw.coordinates());
          case AVRO ->
              cached(avro, new Key(encoding.detail(), options), FileRecordDecoder::avroInferrer)
                  .infer(raw.value(), raw.coordinates());
        };
    return raw.hasPartitions() ? withPartitions(record, raw.partitions()) : record;
  }

  private static <T> T cached(
      Map<Key, T> cache, Key key, java.util.function.Function<Key, T> factory) {
    T found = cache.get(key);
    if (found == null) {
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      found = factory.apply(key);
      cache.put(key, found);
    }
    return found;
  }

  private RecordInferrer<String> csvInferrer(Key key) {
    return Inferrers.csv(csv, key.options()).withHeader(splitHeader(key.detail()));
  }

  private static RecordInferrer<byte[]> avroInferrer(Key key) {
    Schema writer;
    try {
      writer = new Schema.Parser().parse(key.detail());
    } catch (SchemaParseException e) {
      // The file source wrote this schema itself from a file it read; it cannot be unparseable.
      throw new IllegalStateException(
          "Cannot parse Avro writer schema: " + e.getMessage() + ": " + key.detail(), e);
    }
    return Inferrers.avroBinary(writer, key.options());
  }

  /** The cells of a CSV header line: delimiter-separated, quotes removed, doubled quotes kept. */
  List<String> splitHeader(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == csv.quote()) {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == csv.quote()) {
          cell.append(c);
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == csv.delimiter() && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  /** {@code record} with the partition values the record does not already have appended. */
  static DynamicRecord withPartitions(DynamicRecord record, Map<String, String> partitions) {
    StructType schema = record.schema();
    StructValue values = record.values();
    List<Field> fields = null;
    StructValue.Builder builder = null;
    for (Map.Entry<String, String> partition : partitions.entrySet()) {
      if (schema.indexOf(partition.getKey()) >= 0) {
        continue;
      }
      if (builder == null) {
        fields = new ArrayList<>(schema.fields());
        builder = StructValue.builder(values.size() + partitions.size());
        for (int i = 0; i < values.size(); i++) {
          String text = values.text(i);
          if (text == null) {
            builder.add(values.name(i), values.value(i), values.type(i));
          } else {
            builder.add(values.name(i), values.value(i), values.type(i), text);
          }
        }
      }
      DataType type = partition.getValue() == null ? PrimitiveType.NULL : PrimitiveType.STRING;
      builder.add(partition.getKey(), partition.getValue(), type);
      fields.add(Field.optional(partition.getKey(), type));
    }
    if (builder == null) {
      return record;
    }
    return new DynamicRecord(
        builder.build(), StructType.of(fields), record.coordinates(), record.sizeBytes());
  }
}
