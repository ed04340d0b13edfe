package io.driftway.connectors.columnar;

import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.row.RowArray;
import io.driftway.schemaevolution.row.RowMap;
import io.driftway.schemaevolution.row.Utf8Text;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.iceberg.DoubleFieldMetrics;
import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.FloatFieldMetrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes {@link Row}s of one Iceberg schema straight into Parquet's column writers: each table
 * column is a node that reads its value with the row's typed getter ({@code getLong}, {@code
 * getString}, ...) and hands it to its {@link ColumnWriter} with the Dremel repetition and
 * definition levels worked out once, from the file's {@link MessageType}, when the writer is built.
 * No Flink {@code RowData} view and no boxed value stand between the row and the column.
 *
 * <p>Iceberg's {@code ParquetWriter} owns everything around it (row groups, pages, dictionaries,
 * compression, the footer and the file's {@code Metrics}); this class only supplies the values and,
 * like Iceberg's own value writers, the NaN counts of {@code float} and {@code double} columns.
 */
final class RowParquetWriter implements ParquetValueWriter<Row> {

  private final StructNode root;
  private final List<Leaf> leaves;

  private RowParquetWriter(StructNode root, List<Leaf> leaves) {
    this.root = root;
    this.leaves = leaves;
  }

  /**
   * A writer for rows of {@code schema} into a file of {@code type} (Iceberg's Parquet schema for
   * it).
   *
   * @throws UnsupportedOperationException for a column type the columnar path does not write
   */
  static RowParquetWriter create(Schema schema, MessageType type) {
    StructNode root =
        new StructNode(schema.asStruct(), type, new String[0], 0, false, type, "the table's row");
    return new RowParquetWriter(root, List.copyOf(root.leaves));
  }

  /** Whether {@code schema} holds only column types this writer writes. */
  static boolean supports(Schema schema) {
    return supports(schema.asStruct());
  }

  private static boolean supports(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN,
              INTEGER,
              LONG,
              FLOAT,
              DOUBLE,
              DATE,
              TIME,
              TIMESTAMP,
              STRING,
              UUID,
              BINARY,
              FIXED,
              DECIMAL ->
          true;
      case STRUCT -> type.asStructType().fields().stream().allMatch(f -> supports(f.type()));
      case LIST -> supports(type.asListType().elementType());
      case MAP -> supports(type.asMapType().keyType()) && supports(type.asMapType().valueType());
      default -> false;
    };
  }

  @Override
  public void write(int repetitionLevel, Row row) {
    root.writeFields(row, repetitionLevel);
  }

  /**
   * Writes {@code rows[0..count)} as top-level rows, one table column at a time: each column's
   * values for every row, then the next column's (see {@code BatchingValueWriter}).
   */
  void writeRows(Row[] rows, int count) {
    root.writeColumns(rows, count);
  }

  @Override
  public List<TripleWriter<?>> columns() {
    return List.copyOf(leaves);
  }

  @Override
  public void setColumnStore(ColumnWriteStore store) {
    for (Leaf leaf : leaves) {
      leaf.column = store.getColumnWriter(leaf.descriptor);
    }
  }

  @Override
  public Stream<FieldMetrics<?>> metrics() {
    return leaves.stream().map(Leaf::fieldMetrics).filter(m -> m != null);
  }

  /** Builds the node of {@code field} (an Iceberg type) found at {@code path} in {@code file}. */
  private static Node node(
      Type type,
      org.apache.parquet.schema.Type parquet,
      String[] path,
      boolean optional,
      MessageType file,
      int fieldId,
      String name) {
    int dl = file.getMaxDefinitionLevel(path);
    return switch (type.typeId()) {
      case STRUCT ->
          new StructNode(
              type.asStructType(), parquet.asGroupType(), path, dl, optional, file, name);
      case LIST ->
          new ListNode(type.asListType(), parquet.asGroupType(), path, dl, optional, file, name);
      case MAP ->
          new MapNode(type.asMapType(), parquet.asGroupType(), path, dl, optional, file, name);
      default -> leaf(type, file.getColumnDescription(path), dl, optional, fieldId, name);
    };
  }

  private static Leaf leaf(
      Type type, ColumnDescriptor descriptor, int dl, boolean optional, int id, String name) {
    PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
    return switch (type.typeId()) {
      case BOOLEAN -> new BooleanLeaf(descriptor, dl, optional, name);
      case INTEGER, DATE -> new IntLeaf(descriptor, dl, optional, name);
      case LONG, TIMESTAMP -> new LongLeaf(descriptor, dl, optional, name);
      case TIME -> new TimeLeaf(descriptor, dl, optional, name);
      case FLOAT -> new FloatLeaf(descriptor, dl, optional, name, id);
      case DOUBLE -> new DoubleLeaf(descriptor, dl, optional, name, id);
      case STRING -> new StringLeaf(descriptor, dl, optional, name);
      case BINARY, FIXED -> new BinaryLeaf(descriptor, dl, optional, name);
      case UUID -> new UuidLeaf(descriptor, dl, optional, name);
      case DECIMAL ->
          new DecimalLeaf(
              descriptor,
              dl,
              optional,
              name,
              physical,
              descriptor.getPrimitiveType().getTypeLength());
      default ->
          throw new UnsupportedOperationException(
              "Cannot write column on the columnar path: unsupported type: " + name + " " + type);
    };
  }

  /**
   * Field metrics counting the column's own nulls as values and as nulls, as Iceberg's value
   * writers do for an optional primitive (a null parent counts in neither).
   */
  private static <T> FieldMetrics<T> withNulls(FieldMetrics<T> metrics, long nulls) {
    return new FieldMetrics<>(
        metrics.id(),
        metrics.valueCount() + nulls,
        nulls,
        metrics.nanValueCount(),
        metrics.lowerBound(),
        metrics.upperBound(),
        metrics.originalType());
  }

  private static String[] child(String[] path, String name) {
    String[] out = java.util.Arrays.copyOf(path, path.length + 1);
    out[path.length] = name;
    return out;
  }

  /**
   * One column of the table or of a nested type. {@code dl} is the definition level its leaves
   * reach when it holds a value; a null writes every leaf below it one level lower.
   */
  private abstract static class Node {
    final List<Leaf> leaves;
    final int dl;
    final boolean optional;
    final String name;

    Node(List<Leaf> leaves, int dl, boolean optional, String name) {
      this.leaves = leaves;
      this.dl = dl;
      this.optional = optional;
      this.name = name;
    }

    void writeNull(int rl) {
      if (!optional) {
        throw new IllegalArgumentException(
            "Cannot write row: a required column holds null: " + name);
      }
      for (Leaf leaf : leaves) {
        leaf.column.writeNull(rl, dl - 1);
      }
    }

    /** Writes the value at {@code pos} of {@code row}, which is not null. */
    abstract void write(Row row, int pos, int rl);

    /** Writes element {@code i} of {@code array}, which is not null. */
    abstract void write(RowArray array, int i, int rl);
  }

  private static final class StructNode extends Node {
    private final Node[] fields;

    StructNode(
        Types.StructType struct,
        GroupType group,
        String[] path,
        int dl,
        boolean optional,
        MessageType file,
        String name) {
      super(new ArrayList<>(), dl, optional, name);
      List<Types.NestedField> columns = struct.fields();
      this.fields = new Node[columns.size()];
      for (int i = 0; i < fields.length; i++) {
        Types.NestedField column = columns.get(i);
        org.apache.parquet.schema.Type parquet = byId(group, column.fieldId(), column.name());
        fields[i] =
            node(
                column.type(),
                parquet,
                child(path, parquet.getName()),
                column.isOptional(),
                file,
                column.fieldId(),
                column.name());
        leaves.addAll(fields[i].leaves);
      }
    }

    private static org.apache.parquet.schema.Type byId(GroupType group, int id, String name) {
      for (org.apache.parquet.schema.Type field : group.getFields()) {
        if (field.getId() != null && field.getId().intValue() == id) {
          return field;
        }
      }
      throw new IllegalArgumentException(
          "Cannot write column on the columnar path: not in the file's schema: " + name);
    }

    void writeFields(Row row, int rl) {
      for (int i = 0; i < fields.length; i++) {
        if (row.isNullAt(i)) {
          fields[i].writeNull(rl);
        } else {
          fields[i].write(row, i, rl);
        }
      }
    }

    void writeColumns(Row[] rows, int count) {
      for (int i = 0; i < fields.length; i++) {
        Node field = fields[i];
        for (int r = 0; r < count; r++) {
          Row row = rows[r];
          if (row.isNullAt(i)) {
            field.writeNull(0);
          } else {
            field.write(row, i, 0);
          }
        }
      }
    }

    @Override
    void write(Row row, int pos, int rl) {
      writeFields(row.getRow(pos), rl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      writeFields(array.getRow(i), rl);
    }
  }

  /** Iceberg's three-level list: {@code group (LIST) { repeated group list { element } }}. */
  private static final class ListNode extends Node {
    private final Node element;
    private final int repeatedRl;

    ListNode(
        Types.ListType list,
        GroupType group,
        String[] path,
        int dl,
        boolean optional,
        MessageType file,
        String name) {
      super(new ArrayList<>(), dl, optional, name);
      GroupType repeated = group.getType(0).asGroupType();
      String[] repeatedPath = child(path, repeated.getName());
      this.repeatedRl = file.getMaxRepetitionLevel(repeatedPath);
      org.apache.parquet.schema.Type elementType = repeated.getType(0);
      this.element =
          node(
              list.elementType(),
              elementType,
              child(repeatedPath, elementType.getName()),
              list.isElementOptional(),
              file,
              list.elementId(),
              name + ".element");
      leaves.addAll(element.leaves);
    }

    private void writeElements(RowArray elements, int rl) {
      int size = elements.size();
      if (size == 0) {
        for (Leaf leaf : leaves) {
          leaf.column.writeNull(rl, dl);
        }
        return;
      }
      for (int i = 0; i < size; i++) {
        int r = i == 0 ? rl : repeatedRl;
        if (elements.isNullAt(i)) {
          element.writeNull(r);
        } else {
          element.write(elements, i, r);
        }
      }
    }

    @Override
    void write(Row row, int pos, int rl) {
      writeElements(row.getArray(pos), rl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      writeElements(array.getArray(i), rl);
    }
  }

  /** Iceberg's map: {@code group (MAP) { repeated group key_value { key; value } }}. */
  private static final class MapNode extends Node {
    private final Node key;
    private final Node value;
    private final int repeatedRl;

    MapNode(
        Types.MapType map,
        GroupType group,
        String[] path,
        int dl,
        boolean optional,
        MessageType file,
        String name) {
      super(new ArrayList<>(), dl, optional, name);
      GroupType repeated = group.getType(0).asGroupType();
      String[] repeatedPath = child(path, repeated.getName());
      this.repeatedRl = file.getMaxRepetitionLevel(repeatedPath);
      org.apache.parquet.schema.Type keyType = repeated.getType(0);
      org.apache.parquet.schema.Type valueType = repeated.getType(1);
      this.key =
          node(
              map.keyType(),
              keyType,
              child(repeatedPath, keyType.getName()),
              false,
              file,
              map.keyId(),
              name + ".key");
      this.value =
          node(
              map.valueType(),
              valueType,
              child(repeatedPath, valueType.getName()),
              map.isValueOptional(),
              file,
              map.valueId(),
              name + ".value");
      leaves.addAll(key.leaves);
      leaves.addAll(value.leaves);
    }

    private void writeEntries(RowMap map, int rl) {
      int size = map.size();
      if (size == 0) {
        for (Leaf leaf : leaves) {
          leaf.column.writeNull(rl, dl);
        }
        return;
      }
      RowArray keys = map.keys();
      RowArray values = map.values();
      for (int i = 0; i < size; i++) {
        int r = i == 0 ? rl : repeatedRl;
        key.write(keys, i, r);
        if (values.isNullAt(i)) {
          value.writeNull(r);
        } else {
          value.write(values, i, r);
        }
      }
    }

    @Override
    void write(Row row, int pos, int rl) {
      writeEntries(row.getMap(pos), rl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      writeEntries(array.getMap(i), rl);
    }
  }

  /** A primitive column: one Parquet {@link ColumnWriter}, set when the file's store exists. */
  private abstract static class Leaf extends Node implements TripleWriter<Object> {
    final ColumnDescriptor descriptor;
    ColumnWriter column;

    Leaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(new ArrayList<>(), dl, optional, name);
      this.descriptor = descriptor;
      leaves.add(this);
    }

    FieldMetrics<?> fieldMetrics() {
      return null;
    }

    @Override
    public void write(int rl, Object value) {
      throw new UnsupportedOperationException(
          "Cannot write a boxed value: the columnar path writes through typed getters: " + name);
    }

    @Override
    public void writeNull(int rl, int definitionLevel) {
      column.writeNull(rl, definitionLevel);
    }
  }

  private static final class BooleanLeaf extends Leaf {
    BooleanLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(descriptor, dl, optional, name);
    }

    @Override
    void write(Row row, int pos, int rl) {
      column.write(row.getBoolean(pos), rl, dl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      column.write(array.getBoolean(i), rl, dl);
    }
  }

  private static final class IntLeaf extends Leaf {
    IntLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(descriptor, dl, optional, name);
    }

    @Override
    void write(Row row, int pos, int rl) {
      column.write(row.getInt(pos), rl, dl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      column.write(array.getInt(i), rl, dl);
    }
  }

  private static final class LongLeaf extends Leaf {
    LongLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(descriptor, dl, optional, name);
    }

    @Override
    void write(Row row, int pos, int rl) {
      column.write(row.getLong(pos), rl, dl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      column.write(array.getLong(i), rl, dl);
    }
  }

  /**
   * {@code time} at the rows path's precision: Flink's {@code RowData} holds a time as milliseconds
   * of the day, so the dynamic sink has always written whole milliseconds; a table must not hold
   * microseconds or not depending on which path wrote a row.
   */
  private static final class TimeLeaf extends Leaf {
    TimeLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(descriptor, dl, optional, name);
    }

    private static long millisPrecision(long micros) {
      return Math.floorDiv(micros, 1_000L) * 1_000L;
    }

    @Override
    void write(Row row, int pos, int rl) {
      column.write(millisPrecision(row.getLong(pos)), rl, dl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      column.write(millisPrecision(array.getLong(i)), rl, dl);
    }
  }

  private static final class FloatLeaf extends Leaf {
    private final int id;
    private FloatFieldMetrics.Builder metrics;
    private long nulls;

    FloatLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name, int id) {
      super(descriptor, dl, optional, name);
      this.id = id;
      this.metrics = new FloatFieldMetrics.Builder(id);
    }

    private void put(float value, int rl) {
      metrics.addValue(value);
      column.write(value, rl, dl);
    }

    @Override
    void write(Row row, int pos, int rl) {
      put(row.getFloat(pos), rl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      put(array.getFloat(i), rl);
    }

    @Override
    void writeNull(int rl) {
      nulls++;
      super.writeNull(rl);
    }

    @Override
    FieldMetrics<?> fieldMetrics() {
      FieldMetrics<?> built = withNulls(metrics.build(), nulls);
      metrics = new FloatFieldMetrics.Builder(id);
      nulls = 0;
      return built;
    }
  }

  private static final class DoubleLeaf extends Leaf {
    private final int id;
    private DoubleFieldMetrics.Builder metrics;
    private long nulls;

    DoubleLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name, int id) {
      super(descriptor, dl, optional, name);
      this.id = id;
      this.metrics = new DoubleFieldMetrics.Builder(id);
    }

    private void put(double value, int rl) {
      metrics.addValue(value);
      column.write(value, rl, dl);
    }

    @Override
    void write(Row row, int pos, int rl) {
      put(row.getDouble(pos), rl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      put(array.getDouble(i), rl);
    }

    @Override
    void writeNull(int rl) {
      nulls++;
      super.writeNull(rl);
    }

    @Override
    FieldMetrics<?> fieldMetrics() {
      FieldMetrics<?> built = withNulls(metrics.build(), nulls);
      metrics = new DoubleFieldMetrics.Builder(id);
      nulls = 0;
      return built;
    }
  }

  private static final class StringLeaf extends Leaf {
    StringLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(descriptor, dl, optional, name);
    }

    @Override
    void write(Row row, int pos, int rl) {
      column.write(binary(row.getUtf8(pos)), rl, dl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      column.write(binary(array.getUtf8(i)), rl, dl);
    }

    /**
     * The text's bytes where they are, without a copy: "reused" makes Parquet copy them only when
     * it keeps a value beyond this call (a dictionary entry, a page's min or max), since the bytes
     * may be the input record's buffer.
     */
    private static Binary binary(Utf8Text text) {
      return Binary.fromReusedByteArray(text.bytes(), text.offset(), text.length());
    }
  }

  private static final class BinaryLeaf extends Leaf {
    BinaryLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(descriptor, dl, optional, name);
    }

    @Override
    void write(Row row, int pos, int rl) {
      column.write(Binary.fromConstantByteArray(row.getBinary(pos)), rl, dl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      column.write(Binary.fromConstantByteArray(array.getBinary(i)), rl, dl);
    }
  }

  private static final class UuidLeaf extends Leaf {
    UuidLeaf(ColumnDescriptor descriptor, int dl, boolean optional, String name) {
      super(descriptor, dl, optional, name);
    }

    private static Binary bytes(UUID uuid) {
      ByteBuffer buffer = ByteBuffer.allocate(16);
      buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      return Binary.fromConstantByteArray(buffer.array());
    }

    @Override
    void write(Row row, int pos, int rl) {
      column.write(bytes(row.getUuid(pos)), rl, dl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      column.write(bytes(array.getUuid(i)), rl, dl);
    }
  }

  /** Decimals as Iceberg writes them: unscaled in an int32, an int64 or big-endian fixed bytes. */
  private static final class DecimalLeaf extends Leaf {
    private final PrimitiveTypeName physical;
    private final int length;

    DecimalLeaf(
        ColumnDescriptor descriptor,
        int dl,
        boolean optional,
        String name,
        PrimitiveTypeName physical,
        int length) {
      super(descriptor, dl, optional, name);
      this.physical = physical;
      this.length = length;
    }

    private void put(BigDecimal value, int rl) {
      switch (physical) {
        case INT32 -> column.write(value.unscaledValue().intValueExact(), rl, dl);
        case INT64 -> column.write(value.unscaledValue().longValueExact(), rl, dl);
        default -> {
          byte[] unscaled = value.unscaledValue().toByteArray();
          byte[] fixed = new byte[length];
          byte fill = (byte) (value.signum() < 0 ? 0xFF : 0x00);
          int offset = length - unscaled.length;
          for (int i = 0; i < offset; i++) {
            fixed[i] = fill;
          }
          System.arraycopy(unscaled, 0, fixed, offset, unscaled.length);
          column.write(Binary.fromConstantByteArray(fixed), rl, dl);
        }
      }
    }

    @Override
    void write(Row row, int pos, int rl) {
      put(row.getDecimal(pos), rl);
    }

    @Override
    void write(RowArray array, int i, int rl) {
      put(array.getDecimal(i), rl);
    }
  }
}
