package io.driftway.schemaevolution.types;

/**
 * The type changes Iceberg allows on an existing column, and the classes of types that merge into
 * one another. Everything else is a {@link ChoiceType}.
 *
 * <p>Legal widenings: {@code int -> long}, {@code float -> double}, {@code decimal(P,S) ->
 * decimal(P',S)} with {@code P' > P}. Required to optional is legal for every type and is tracked
 * on {@link Field}, not here.
 */
public final class Widening {

  private Widening() {}

  /**
   * True when a column of type {@code from} may become {@code to} in place: equal types, or one of
   * the legal primitive widenings. Nested types answer false (their children change one by one).
   */
  public static boolean isLegal(DataType from, DataType to) {
    if (from.equals(to)) {
      return true;
    }
    return switch (from.kind()) {
      case INT -> to.kind() == TypeKind.LONG;
      case FLOAT -> to.kind() == TypeKind.DOUBLE;
      case DECIMAL ->
          to instanceof DecimalType wide
              && wide.scale() == ((DecimalType) from).scale()
              && wide.precision() >= ((DecimalType) from).precision();
      default -> false;
    };
  }

  /**
   * The join class of a type: two types of one class merge into one type (by widening or by merging
   * children); two types of different classes merge into a choice. Classes: {@code int} and {@code
   * long} are {@code integer}, {@code float} and {@code double} are {@code floating}, decimals are
   * one class per scale, a struct is in the class of string-keyed maps (a struct is a map whose
   * keys are known), every other kind is its own class.
   */
  public static String joinClass(DataType type) {
    return switch (type.kind()) {
      case INT, LONG -> "integer";
      case FLOAT, DOUBLE -> "floating";
      case DECIMAL -> "decimal/" + String.format("%02d", ((DecimalType) type).scale());
      case STRUCT -> "map/string";
      case MAP -> "map/" + joinClass(((MapType) type).key());
      default -> type.kind().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
