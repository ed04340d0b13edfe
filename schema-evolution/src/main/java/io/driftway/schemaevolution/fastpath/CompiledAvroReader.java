package io.driftway.schemaevolution.fastpath;

import io.driftway.schemaevolution.infer.AvroValues;
import io.driftway.schemaevolution.mapping.AvroSchemas;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericMap;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.row.Utf8Text;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.values.Conversions;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * The {@link AvroRowReader}: the writer schema is matched against the table once; a node per writer
 * schema position converts values with the same functions as Avro inference and the general conform
 * path.
 */
final class CompiledAvroReader implements AvroRowReader {

  private static final Object NO = new Object();

  private final Schema writer;
  private final Limits limits;
  private final RecordNode root;
  private final GenericDatumReader<GenericRecord> reader;

  CompiledAvroReader(StructType table, Schema writer, TablePolicy policy) {
    this.writer = writer;
    this.limits = policy.limits();
    this.root =
        writer.getType() == Schema.Type.RECORD
            ? record(writer, table, FieldPath.root(), policy, 1, true)
            : null;
    this.reader = new GenericDatumReader<>(writer);
  }

  @Override
  public boolean canFit() {
    return root != null;
  }

  @Override
  public Schema writerSchema() {
    return writer;
  }

  @Override
  public Row read(byte[] payload) {
    if (root == null || payload.length > limits.maxRecordBytes()) {
      return null;
    }
    GenericRecord record;
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, null);
      record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        return null;
      }
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      // Malformed: the general path quarantines it with the decoder's message.
      return null;
    }
    return read(record);
  }

  @Override
  @SuppressWarnings(
      "ReferenceEquality") // the nodes were compiled for this instance; equals is deep
  public Row read(GenericRecord record) {
    if (root == null || record.getSchema() != writer) {
      return null;
    }
    Object[] values = root.convert(record);
    return values == null ? null : GenericRow.wrap(values);
  }

  private interface Node {
    /** The row value, or {@link #NO}. */
    Object convert(Object value);
  }

  private static final class RecordNode implements Node {
    private final int size;
    private final int[] positions;
    private final Node[] nodes;

    RecordNode(int size, int[] positions, Node[] nodes) {
      this.size = size;
      this.positions = positions;
      this.nodes = nodes;
    }

    Object[] convert(GenericRecord record) {
      Object[] out = new Object[size];
      for (int i = 0; i < nodes.length; i++) {
        if (nodes[i] == null) {
          continue;
        }
        Object value = record.get(i);
        Object converted = value == null ? null : nodes[i].convert(value);
        if (converted == NO) {
          return null;
        }
        out[positions[i]] = converted;
      }
      return out;
    }

    @Override
    public Object convert(Object value) {
      Object[] values = convert((GenericRecord) value);
      return values == null ? NO : GenericRow.wrap(values);
    }
  }

  /** The node of a record against a table struct, or null when no record of it can fit. */
  private RecordNode record(
      Schema schema,
      StructType table,
      FieldPath path,
      TablePolicy policy,
      int depth,
      boolean root) {
    List<Schema.Field> fields = schema.getFields();
    if (depth > limits.maxNestingDepth() || fields.size() > limits.maxFieldsPerStruct()) {
      return null;
    }
    int[] positions = new int[fields.size()];
    Node[] nodes = new Node[fields.size()];
    boolean[] covered = new boolean[table.size()];
    for (Schema.Field field : fields) {
      Object original = field.getObjectProp(AvroSchemas.ORIGINAL_NAME);
      String name = original instanceof String s ? s : field.name();
      FieldPath child = path.child(name);
      int position = table.indexOf(name);
      if (AvroSchemas.fromAvroType(field.schema()).kind() == TypeKind.NULL) {
        continue;
      }
      if (position < 0
          || covered[position]
          || (root && name.equalsIgnoreCase(policy.rescuedColumn()))
          || policy.splitAction(child) != null) {
        return null;
      }
      Field column = table.field(position);
      if (!column.optional() && AvroSchemas.isNullable(field.schema())) {
        return null;
      }
      Node node = node(field.schema(), column.type(), child, policy, depth);
      if (node == null) {
        return null;
      }
      covered[position] = true;
      positions[field.pos()] = position;
      nodes[field.pos()] = node;
    }
    for (int i = 0; i < covered.length; i++) {
      if (!covered[i] && !table.field(i).optional()) {
        return null;
      }
    }
    return new RecordNode(table.size(), positions, nodes);
  }

  private Node node(Schema schema, DataType column, FieldPath path, TablePolicy policy, int depth) {
    switch (schema.getType()) {
      case UNION -> {
        List<Schema> branches = schema.getTypes();
        Node[] nodes = new Node[branches.size()];
        boolean any = false;
        for (int i = 0; i < nodes.length; i++) {
          if (branches.get(i).getType() != Schema.Type.NULL) {
            nodes[i] = node(branches.get(i), column, path, policy, depth);
            any |= nodes[i] != null;
          }
        }
        if (!any) {
          return null;
        }
        return value -> {
          Schema branch = AvroValues.branch(schema, value);
          Node node = nodes[branches.indexOf(branch)];
          return node == null ? NO : node.convert(value);
        };
      }
      case RECORD -> {
        if (AvroSchemas.isChoiceWrapper(schema)) {
          Node inner = node(schema.getFields().get(0).schema(), column, path, policy, depth);
          return inner == null ? null : value -> inner.convert(((GenericRecord) value).get(0));
        }
        return column instanceof StructType struct
            ? record(schema, struct, path, policy, depth + 1, false)
            : null;
      }
      case ARRAY -> {
        if (!(column instanceof ListType list) || depth + 1 > limits.maxNestingDepth()) {
          return null;
        }
        Schema elementSchema = schema.getElementType();
        if (!list.elementOptional() && AvroSchemas.isNullable(elementSchema)) {
          return null;
        }
        Node element = node(elementSchema, list.element(), path.element(), policy, depth + 1);
        if (element == null) {
          return null;
        }
        return value -> {
          Collection<?> elements = (Collection<?>) value;
          Object[] out = new Object[elements.size()];
          int i = 0;
          for (Object e : elements) {
            Object converted = e == null ? null : element.convert(e);
            if (converted == NO) {
              return NO;
            }
            out[i++] = converted;
          }
          return GenericArray.wrap(out);
        };
      }
      case MAP -> {
        if (!(column instanceof MapType map) || depth + 1 > limits.maxNestingDepth()) {
          return null;
        }
        Schema valueSchema = schema.getValueType();
        if (!map.valueOptional() && AvroSchemas.isNullable(valueSchema)) {
          return null;
        }
        Node valueNode = node(valueSchema, map.value(), path.value(), policy, depth + 1);
        if (valueNode == null) {
          return null;
        }
        return value -> {
          Map<?, ?> entries = (Map<?, ?>) value;
          if (entries.size() > limits.maxFieldsPerStruct()) {
            return NO;
          }
          Object[] keys = new Object[entries.size()];
          Object[] values = new Object[entries.size()];
          Set<Object> seen = new HashSet<>();
          int i = 0;
          for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String text = AvroValues.text(entry.getKey());
            if (text == null) {
              return NO;
            }
            Object key = Conversions.fromText(text, map.key());
            Object converted =
                entry.getValue() == null ? null : valueNode.convert(entry.getValue());
            if (key == Conversions.NO_FIT || !seen.add(key) || converted == NO) {
              return NO;
            }
            keys[i] = key;
            values[i++] = converted;
          }
          return GenericMap.wrap(keys, values);
        };
      }
      default -> {
        DataType own = AvroSchemas.fromAvroType(schema);
        if (!column.isPrimitive() || !Conversions.fits(own, column)) {
          return null;
        }
        if (schema.getType() == Schema.Type.STRING
            && schema.getLogicalType() == null
            && column.kind() == TypeKind.STRING) {
          // Kept as the UTF-8 bytes Avro read (a writer wants bytes again); refused by inference
          // when not UTF-8, so such a record takes the general path.
          return value -> {
            if (value instanceof Utf8 utf8) {
              return AvroValues.isWellFormed(utf8)
                  ? Utf8Text.wrap(utf8.getBytes(), 0, utf8.getByteLength())
                  : NO;
            }
            String text = value instanceof CharSequence ? AvroValues.text(value) : null;
            return text == null ? NO : text;
          };
        }
        if (schema.getType() == Schema.Type.STRING && schema.getLogicalType() == null) {
          // Refused by inference when not UTF-8: such a record takes the general path.
          return value -> {
            Object text = value instanceof CharSequence ? AvroValues.text(value) : value;
            if (text == null) {
              return NO;
            }
            Object fitted = Conversions.fit(AvroValues.scalar(text, schema), column);
            return fitted == Conversions.NO_FIT ? NO : fitted;
          };
        }
        return value -> {
          Object fitted = Conversions.fit(AvroValues.scalar(value, schema), column);
          return fitted == Conversions.NO_FIT ? NO : fitted;
        };
      }
    }
  }
}
