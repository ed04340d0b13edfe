package io.driftway.connectors.iceberg;

import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.StructType;
import org.apache.flink.table.data.RowData;

/**
 * Presents rows of the schema layer as Flink {@link RowData} without copying a value: a view whose
 * getters delegate position by position, converting only where Flink's representation differs
 * (strings, decimals, timestamps split into millis and nanos, {@code time} as milliseconds of the
 * day, {@code uuid} as 16 bytes, as Iceberg's Flink writers expect).
 *
 * <p>Build one adapter per table schema and reuse it for every row of that schema; it is immutable
 * and may be shared between threads.
 *
 * <pre>{@code
 * RowDataAdapter adapter = RowDataAdapter.forSchema(tableSchema);
 * RowData data = adapter.adapt(row);
 * }</pre>
 */
public final class RowDataAdapter {

  private final Shape shape;

  private RowDataAdapter(Shape shape) {
    this.shape = shape;
  }

  /** An adapter for rows conformed to {@code schema}. */
  public static RowDataAdapter forSchema(StructType schema) {
    return new RowDataAdapter(Shape.of(schema));
  }

  /**
   * {@code row} as a {@link RowData}; the row must have been conformed to this adapter's schema.
   */
  public RowData adapt(Row row) {
    return new RowView(row, shape.children);
  }

  /**
   * The schema-layer row {@code data} is a view of, when an adapter made it; null for any other
   * {@link RowData}. The columnar write path reads such rows with their own typed getters.
   */
  public static Row rowOf(RowData data) {
    return data instanceof RowView view ? view.row() : null;
  }

  /** How one position's value is presented to Flink; nested types carry their children's shapes. */
  static final class Shape {
    final Conversion conversion;
    final Shape[] children;

    private Shape(Conversion conversion, Shape... children) {
      this.conversion = conversion;
      this.children = children;
    }

    static Shape of(DataType type) {
      return switch (type.kind()) {
        case STRUCT -> {
          StructType struct = (StructType) type;
          Shape[] fields = new Shape[struct.size()];
          for (int i = 0; i < fields.length; i++) {
            fields[i] = of(struct.field(i).type());
          }
          yield new Shape(Conversion.ROW, fields);
        }
        case LIST -> new Shape(Conversion.ARRAY, of(((ListType) type).element()));
        case MAP -> {
          MapType map = (MapType) type;
          yield new Shape(Conversion.MAP, of(map.key()), of(map.value()));
        }
        case TIME -> new Shape(Conversion.TIME_MILLIS);
        case UUID -> new Shape(Conversion.UUID_BYTES);
        case CHOICE, NULL ->
            throw new IllegalArgumentException(
                "Cannot write column: a table schema holds no "
                    + type.kind()
                    + " type, resolve it first: "
                    + type);
        default -> new Shape(Conversion.PLAIN);
      };
    }
  }

  /** The conversions between the schema layer's row values and Flink's. */
  enum Conversion {
    PLAIN,
    TIME_MILLIS,
    UUID_BYTES,
    ROW,
    ARRAY,
    MAP
  }
}
