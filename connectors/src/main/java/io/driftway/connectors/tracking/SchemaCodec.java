package io.driftway.connectors.tracking;

import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Record schemas per table as bytes, for the settle proposals and decisions that travel between the
 * tracking subtasks and their coordinator (the schema layer's types are not serializable, and need
 * not be: this is the only place they cross a process).
 */
final class SchemaCodec {

  private static final byte PRIMITIVE = 0;
  private static final byte DECIMAL = 1;
  private static final byte STRUCT = 2;
  private static final byte LIST = 3;
  private static final byte MAP = 4;
  private static final byte CHOICE = 5;

  private SchemaCodec() {}

  static byte[] encode(Map<String, List<StructType>> byTable) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(byTable.size());
      for (Map.Entry<String, List<StructType>> table : byTable.entrySet()) {
        out.writeUTF(table.getKey());
        out.writeInt(table.getValue().size());
        for (StructType schema : table.getValue()) {
          write(out, schema);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The schemas per table, tables in name order. */
  static Map<String, List<StructType>> decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      Map<String, List<StructType>> byTable = new TreeMap<>();
      int tables = in.readInt();
      for (int t = 0; t < tables; t++) {
        String name = in.readUTF();
        int count = in.readInt();
        List<StructType> schemas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          schemas.add((StructType) read(in));
        }
        byTable.put(name, List.copyOf(schemas));
      }
      return byTable;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(DataOutputStream out, DataType type) throws IOException {
    if (type instanceof PrimitiveType primitive) {
      out.writeByte(PRIMITIVE);
      out.writeUTF(primitive.name());
    } else if (type instanceof DecimalType decimal) {
      out.writeByte(DECIMAL);
      out.writeInt(decimal.precision());
      out.writeInt(decimal.scale());
    } else if (type instanceof StructType struct) {
      out.writeByte(STRUCT);
      out.writeInt(struct.fields().size());
      for (Field field : struct.fields()) {
        out.writeUTF(field.name());
        out.writeBoolean(field.optional());
        write(out, field.type());
      }
    } else if (type instanceof ListType list) {
      out.writeByte(LIST);
      out.writeBoolean(list.elementOptional());
      write(out, list.element());
    } else if (type instanceof MapType map) {
      out.writeByte(MAP);
      out.writeBoolean(map.valueOptional());
      write(out, map.key());
      write(out, map.value());
    } else if (type instanceof ChoiceType choice) {
      out.writeByte(CHOICE);
      out.writeInt(choice.alternatives().size());
      for (DataType alternative : choice.alternatives()) {
        write(out, alternative);
      }
    } else {
      throw new IllegalArgumentException("Cannot encode schema: unknown type: " + type);
    }
  }

  private static DataType read(DataInputStream in) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case PRIMITIVE -> PrimitiveType.valueOf(in.readUTF());
      case DECIMAL -> DecimalType.of(in.readInt(), in.readInt());
      case STRUCT -> {
        int count = in.readInt();
        List<Field> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          String name = in.readUTF();
          boolean optional = in.readBoolean();
          DataType type = read(in);
          fields.add(new Field(name, type, optional));
        }
        yield StructType.of(fields);
      }
      case LIST -> {
        boolean optional = in.readBoolean();
        yield new ListType(read(in), optional);
      }
      case MAP -> {
        boolean optional = in.readBoolean();
        DataType key = read(in);
        yield new MapType(key, read(in), optional);
      }
      case CHOICE -> {
        int count = in.readInt();
        List<DataType> alternatives = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          alternatives.add(read(in));
        }
        yield ChoiceType.of(alternatives);
      }
      default -> throw new IOException("Cannot decode schema: unknown type tag: " + tag);
    };
  }
}
