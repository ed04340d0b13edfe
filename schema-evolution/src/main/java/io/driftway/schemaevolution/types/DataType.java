package io.driftway.schemaevolution.types;

/**
 * A type of the schema layer: everything JSON, CSV, Avro and Parquet carry and Iceberg can store,
 * plus {@link ChoiceType} for a field seen with incompatible types (Glue's ChoiceType).
 *
 * <p>Values are immutable and compare structurally. Field names compare exactly in {@code equals};
 * the merge matches them case-insensitively (see {@link FieldNames}).
 *
 * <pre>{@code
 * DataType order = StructType.of(
 *     Field.optional("id", PrimitiveType.LONG),
 *     Field.optional("items", ListType.of(StructType.of(Field.optional("qty", PrimitiveType.INT)))),
 *     Field.optional("amount", DecimalType.of(12, 2)));
 * }</pre>
 */
public sealed interface DataType
    permits PrimitiveType, DecimalType, StructType, ListType, MapType, ChoiceType {

  /** The kind, for switches. */
  TypeKind kind();

  /** True when this type has no children. */
  default boolean isPrimitive() {
    return kind().isPrimitive();
  }

  /**
   * A short name used for {@code make_cols} column suffixes and {@code make_struct} field names:
   * {@code long}, {@code string}, {@code decimal}, {@code struct}, {@code array}, {@code map}, ...
   */
  default String simpleName() {
    return switch (kind()) {
      case LIST -> "array";
      default -> kind().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
