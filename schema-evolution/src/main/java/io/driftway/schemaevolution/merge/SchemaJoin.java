package io.driftway.schemaevolution.merge;

import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldNames;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.types.Widening;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The join of two schemas: the least schema that holds every value either holds. It is a lattice
 * join — commutative, associative, idempotent — so subtasks that see the same drift in any order
 * and any grouping reach the same schema.
 *
 * <p>The order, bottom up: {@code null} is below everything; {@code int < long}, {@code float <
 * double}, {@code decimal(P,S) < decimal(P',S)} for {@code P < P'}; required is below optional; a
 * struct is below a string-keyed map whose value type is above all its field types; nested types
 * join child by child; types of different {@linkplain Widening#joinClass join classes} join into a
 * {@link ChoiceType}. A field missing on one side is optional in the join. Field names match
 * case-insensitively and the join keeps the {@linkplain FieldNames#preferred preferred} spelling.
 * Fields of a joined struct are in one canonical order (by case-insensitive name), so the result
 * does not depend on which side came first; {@link SchemaEvolver} is what keeps a table's column
 * order.
 *
 * <p>With an explosion guard ({@link #withMapThreshold}), a struct below the root with more than
 * the threshold's fields is demoted to {@code map<string, T>} with optional values, {@code T} the
 * join of its field types. Demotion is monotone and idempotent (a closure), so the guarded join is
 * still a lattice join.
 *
 * <pre>{@code
 * SchemaJoin join = SchemaJoin.withMapThreshold(200);
 * StructType both = join.join(seenBySubtask1, seenBySubtask2);
 * }</pre>
 */
public final class SchemaJoin {

  private static final SchemaJoin UNGUARDED = new SchemaJoin(0);

  private static final Comparator<Field> CANONICAL =
      Comparator.comparing((Field f) -> FieldNames.key(f.name()));

  private final int mapThreshold;

  private SchemaJoin(int mapThreshold) {
    this.mapThreshold = mapThreshold;
  }

  /** The join without an explosion guard. */
  public static SchemaJoin standard() {
    return UNGUARDED;
  }

  /**
   * The join with an explosion guard: a nested struct with more than {@code maxStructFields} fields
   * becomes a string-keyed map.
   */
  public static SchemaJoin withMapThreshold(int maxStructFields) {
    if (maxStructFields < 1) {
      throw new IllegalArgumentException(
          "Cannot create schema join: map threshold must be positive: " + maxStructFields);
    }
    return new SchemaJoin(maxStructFields);
  }

  /** The explosion guard threshold, or 0 for none. */
  public int mapThreshold() {
    return mapThreshold;
  }

  /** Joins two record or table schemas (the roots are never demoted to maps). */
  public StructType join(StructType a, StructType b) {
    return (StructType) joinStruct(a, b, true);
  }

  /** Joins two types. */
  public DataType join(DataType a, DataType b) {
    if (a.equals(b)) {
      return guard(a);
    }
    if (a.kind() == TypeKind.NULL) {
      return guard(b);
    }
    if (b.kind() == TypeKind.NULL) {
      return guard(a);
    }
    if (a.kind() == TypeKind.CHOICE || b.kind() == TypeKind.CHOICE) {
      List<DataType> alternatives = new ArrayList<>();
      addAlternatives(alternatives, a);
      addAlternatives(alternatives, b);
      return alternatives.size() == 1 ? alternatives.get(0) : ChoiceType.of(alternatives);
    }
    if (Widening.joinClass(a).equals(Widening.joinClass(b))) {
      return joinSameClass(a, b);
    }
    List<DataType> alternatives = new ArrayList<>();
    addAlternatives(alternatives, a);
    addAlternatives(alternatives, b);
    return alternatives.size() == 1 ? alternatives.get(0) : ChoiceType.of(alternatives);
  }

  /** Applies the explosion guard below the root: used on types that were not joined. */
  public DataType guard(DataType type) {
    if (mapThreshold == 0) {
      return type;
    }
    return switch (type.kind()) {
      case STRUCT -> guardStruct((StructType) type, false);
      case LIST -> {
        ListType list = (ListType) type;
        yield new ListType(guard(list.element()), list.elementOptional());
      }
      case MAP -> {
        MapType map = (MapType) type;
        yield new MapType(map.key(), guard(map.value()), map.valueOptional());
      }
      case CHOICE -> {
        List<DataType> alternatives = new ArrayList<>();
        for (DataType alternative : ((ChoiceType) type).alternatives()) {
          addAlternatives(alternatives, guard(alternative));
        }
        yield alternatives.size() == 1 ? alternatives.get(0) : ChoiceType.of(alternatives);
      }
      default -> type;
    };
  }

  private DataType guardStruct(StructType struct, boolean root) {
    List<Field> fields = new ArrayList<>(struct.size());
    boolean changed = false;
    for (Field field : struct.fields()) {
      DataType guarded = guard(field.type());
      changed |= guarded != field.type();
      fields.add(guarded == field.type() ? field : field.withType(guarded));
    }
    if (changed) {
      // A struct the guard rebuilt takes the canonical order, as a joined struct does, so the
      // result does not depend on whether a subtree was guarded alone or joined.
      fields.sort(CANONICAL);
    }
    StructType result = changed ? StructType.of(fields) : struct;
    if (!root && result.size() > mapThreshold) {
      return demote(result);
    }
    return result;
  }

  private void addAlternatives(List<DataType> into, DataType type) {
    if (type.kind() == TypeKind.NULL) {
      return;
    }
    if (type instanceof ChoiceType choice) {
      for (DataType alternative : choice.alternatives()) {
        addAlternatives(into, alternative);
      }
      return;
    }
    String joinClass = Widening.joinClass(type);
    for (int i = 0; i < into.size(); i++) {
      if (Widening.joinClass(into.get(i)).equals(joinClass)) {
        into.set(i, joinSameClass(into.get(i), type));
        return;
      }
    }
    into.add(guard(type));
  }

  private DataType joinSameClass(DataType a, DataType b) {
    if (a.equals(b)) {
      return guard(a);
    }
    return switch (a.kind()) {
      case INT, LONG -> a.kind() == TypeKind.LONG ? a : b;
      case FLOAT, DOUBLE -> a.kind() == TypeKind.DOUBLE ? a : b;
      case DECIMAL -> ((DecimalType) a).precision() >= ((DecimalType) b).precision() ? a : b;
      case LIST -> {
        ListType la = (ListType) a;
        ListType lb = (ListType) b;
        yield new ListType(
            join(la.element(), lb.element()), la.elementOptional() || lb.elementOptional());
      }
      case STRUCT ->
          b instanceof StructType sb
              ? joinStruct((StructType) a, sb, false)
              : mergeIntoMap((MapType) b, (StructType) a);
      case MAP -> {
        if (b instanceof StructType sb) {
          yield mergeIntoMap((MapType) a, sb);
        }
        MapType ma = (MapType) a;
        MapType mb = (MapType) b;
        yield new MapType(
            joinSameClass(ma.key(), mb.key()),
            join(ma.value(), mb.value()),
            ma.valueOptional() || mb.valueOptional());
      }
      // Same class, same primitive kind: equal types.
      default -> a;
    };
  }

  private MapType mergeIntoMap(MapType map, StructType struct) {
    // Guarded even when the struct has no field to join it with.
    DataType value = guard(map.value());
    for (Field field : struct.fields()) {
      value = join(value, field.type());
    }
    // A struct's keys come and go, so its map's values are optional whatever the fields said;
    // deciding it from field flags would make the result depend on the grouping of joins.
    return new MapType(map.key(), value, true);
  }

  private MapType demote(StructType struct) {
    return mergeIntoMap(new MapType(PrimitiveType.STRING, PrimitiveType.NULL, false), struct);
  }

  private DataType joinStruct(StructType a, StructType b, boolean root) {
    if (a.equals(b)) {
      return root ? guardStruct(a, true) : guard(a);
    }
    Map<String, Field> byKey = new HashMap<>();
    List<Field> fields = new ArrayList<>(a.size() + b.size());
    for (Field field : a.fields()) {
      byKey.put(FieldNames.key(field.name()), field);
    }
    for (Field field : b.fields()) {
      String key = FieldNames.key(field.name());
      Field other = byKey.remove(key);
      if (other == null) {
        fields.add(new Field(field.name(), guard(field.type()), true));
      } else {
        fields.add(
            new Field(
                FieldNames.preferred(other.name(), field.name()),
                join(other.type(), field.type()),
                other.optional() || field.optional()));
      }
    }
    for (Field field : a.fields()) {
      if (byKey.containsKey(FieldNames.key(field.name()))) {
        fields.add(new Field(field.name(), guard(field.type()), true));
      }
    }
    fields.sort(CANONICAL);
    StructType joined = StructType.of(fields);
    if (!root && mapThreshold > 0 && joined.size() > mapThreshold) {
      return demote(joined);
    }
    return joined;
  }
}
