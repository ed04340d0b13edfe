package io.driftway.schemaevolution.policy;

import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Names for {@code make_cols} and {@code make_struct}: one column (or struct field) per type, named
 * by the type's join class so that types which widen into each other share a column — an {@code
 * int} and a {@code long} both go to {@code price_long}, a {@code float} and a {@code double} to
 * {@code price_double}. Other suffixes are the type's name: {@code string}, {@code boolean}, {@code
 * decimal}, {@code date}, {@code timestamptz}, {@code struct}, {@code map}, {@code array}, ...
 */
public final class Splits {

  private Splits() {}

  /** The suffix (make_cols) or field name (make_struct) for values of {@code type}. */
  public static String suffix(DataType type) {
    return switch (type.kind()) {
      case INT, LONG -> "long";
      case FLOAT, DOUBLE -> "double";
      default -> type.simpleName();
    };
  }

  /** The {@code make_cols} column for values of {@code type} of field {@code name}. */
  public static String columnName(String name, DataType type) {
    return name + "_" + suffix(type);
  }

  /** The alternatives of a type: a choice's alternatives, nothing for null, else the type. */
  public static List<DataType> alternatives(DataType type) {
    if (type instanceof ChoiceType choice) {
      return choice.alternatives();
    }
    return type.kind() == TypeKind.NULL ? List.of() : List.of(type);
  }

  /** The {@code make_struct} type for values of {@code type}: one field per alternative. */
  public static StructType struct(DataType type, boolean optional) {
    List<Field> fields = new ArrayList<>();
    for (DataType alternative : alternatives(type)) {
      fields.add(new Field(suffix(alternative), alternative, optional));
    }
    return StructType.of(fields);
  }
}
