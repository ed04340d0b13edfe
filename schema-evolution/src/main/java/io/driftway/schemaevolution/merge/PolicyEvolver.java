package io.driftway.schemaevolution.merge;

import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.Splits;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.types.ChoiceType;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldNames;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.types.Widening;
import io.driftway.schemaevolution.values.Conversions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The {@link SchemaEvolver} of a {@link TablePolicy}. Walks the table schema and the record schema
 * side by side and allocates only where something changes, because this runs for every record that
 * leaves the fast path.
 */
final class PolicyEvolver implements SchemaEvolver {

  /** A new column seen with a choice under widen gets the first alternative of this order. */
  private static final List<TypeKind> PREFERENCE =
      List.of(
          TypeKind.STRING,
          TypeKind.DOUBLE,
          TypeKind.FLOAT,
          TypeKind.LONG,
          TypeKind.INT,
          TypeKind.DECIMAL,
          TypeKind.BOOLEAN,
          TypeKind.TIMESTAMPTZ,
          TypeKind.TIMESTAMP,
          TypeKind.DATE,
          TypeKind.TIME,
          TypeKind.UUID,
          TypeKind.BINARY,
          TypeKind.STRUCT,
          TypeKind.MAP,
          TypeKind.LIST);

  /** The policy text of a held new field, as {@link TablePolicy#describeNewFields} writes it. */
  private static final String HELD = "new-fields=" + NewFieldAction.HOLD.configName();

  private static final Comparator<Field> BY_KEY =
      Comparator.comparing((Field f) -> FieldNames.key(f.name()));

  private final TablePolicy policy;
  private final SchemaJoin join;
  private final int mapThreshold;
  private final boolean splits;

  PolicyEvolver(TablePolicy policy) {
    this.policy = policy;
    this.mapThreshold = policy.limits().mapThreshold();
    this.join =
        mapThreshold > 0 ? SchemaJoin.withMapThreshold(mapThreshold) : SchemaJoin.standard();
    this.splits = policy.hasSplits();
  }

  @Override
  public TablePolicy policy() {
    return policy;
  }

  @Override
  public Evolution evolve(StructType table, Collection<StructType> records) {
    StructType joined = null;
    for (StructType record : records) {
      joined = joined == null ? record : join.join(joined, record);
    }
    return evolve(table, joined == null ? StructType.empty() : joined);
  }

  @Override
  public Evolution evolve(StructType table, StructType record) {
    List<SchemaChange> changes = new ArrayList<>(0);
    StructType after = (StructType) evolveStruct(FieldPath.root(), table, record, changes, true);
    after = withRescuedColumn(after, changes);
    List<NewFieldHeldException.Held> held = null;
    for (SchemaChange change : changes) {
      if (change.kind() == ChangeKind.ADD_COLUMN && HELD.equals(change.policy())) {
        if (held == null) {
          held = new ArrayList<>(1);
        }
        held.add(new NewFieldHeldException.Held(change.path(), change.to()));
      }
    }
    if (held != null && hasColumns(table)) {
      // The whole record waits: writing it without the held columns would lose their values. A
      // table not created yet is made from its first records: creating it is not a change.
      throw new NewFieldHeldException(held, HELD);
    }
    return new Evolution(table, after, changes);
  }

  private StructType withRescuedColumn(StructType table, List<SchemaChange> changes) {
    String name = policy.rescuedColumn();
    Field existing = table.field(name);
    if (existing == null) {
      changes.add(
          SchemaChange.of(
              ChangeKind.ADD_COLUMN,
              FieldPath.of(name),
              null,
              PrimitiveType.STRING,
              "rescued-column=" + name));
      return table.with(Field.optional(name, PrimitiveType.STRING));
    }
    if (existing.type().kind() != TypeKind.STRING || !existing.optional()) {
      throw new SchemaEvolutionException(
          "Cannot use rescued-data column: it must be an optional string, not "
              + existing
              + ": "
              + FieldPath.of(existing.name()));
    }
    return table;
  }

  private DataType evolveStruct(
      FieldPath path,
      StructType table,
      StructType record,
      List<SchemaChange> changes,
      boolean root) {
    Field[] fields = null;
    boolean[] matched = new boolean[table.size()];
    List<Field> added = null;
    int overflowAt = root ? -1 : overflowIndex(table);
    // Below the root, a struct is a column already in the table: its new fields may end in its
    // overflow map instead, so their changes wait until that is decided.
    List<SchemaChange> newChanges =
        root || (mapThreshold == 0 && overflowAt < 0) ? changes : new ArrayList<>(0);
    for (Field incoming : record.fields()) {
      if (root && incoming.name().equalsIgnoreCase(policy.rescuedColumn())) {
        // The record's own field of that name cannot take the column: conform rescues it.
        continue;
      }
      if (overflowAt >= 0 && incoming.name().equalsIgnoreCase(Limits.OVERFLOW_FIELD)) {
        // A key of that name is one more key for the overflow map: conform puts it there.
        continue;
      }
      ConflictAction split = splits ? policy.splitAction(path.child(incoming.name())) : null;
      List<Field> candidates =
          split == null ? List.of(incoming) : splitField(incoming, split.kind());
      for (Field candidate : candidates) {
        int position = table.indexOf(candidate.name());
        if (position < 0) {
          Field field = newField(path, candidate, newChanges);
          if (field != null) {
            if (added == null) {
              added = new ArrayList<>();
            }
            int same = indexOf(added, field.name());
            if (same >= 0) {
              added.set(same, field.withType(join.join(added.get(same).type(), field.type())));
            } else {
              added.add(field);
            }
          }
          continue;
        }
        matched[position] = true;
        Field current = fields == null ? table.field(position) : fields[position];
        FieldPath childPath = null;
        DataType type = current.type();
        if (!type.isPrimitive() || !type.equals(candidate.type())) {
          // Nested types walk themselves and allocate nothing when nothing changes.
          childPath = path.child(current.name());
          type = evolveType(childPath, type, candidate.type(), changes);
        }
        boolean optional = current.optional();
        if (!optional && (candidate.optional() || candidate.type().kind() == TypeKind.NULL)) {
          optional = true;
          changes.add(
              makeOptional(childPath != null ? childPath : path.child(current.name()), type));
        }
        if (type != current.type() || optional != current.optional()) {
          if (fields == null) {
            fields = table.fields().toArray(new Field[0]);
          }
          fields[position] = new Field(current.name(), type, optional);
        }
      }
    }
    for (int i = 0; i < matched.length; i++) {
      Field current = fields == null ? table.field(i) : fields[i];
      if (!matched[i] && !current.optional()) {
        // Missing from the record: the column stays, its values are null from now on.
        changes.add(makeOptional(path.child(current.name()), current.type()));
        if (fields == null) {
          fields = table.fields().toArray(new Field[0]);
        }
        fields[i] = current.asOptional();
      }
    }
    if (added != null && newChanges != changes) {
      int columns = table.size() - (overflowAt >= 0 ? 1 : 0);
      if (overflowAt >= 0 || (mapThreshold > 0 && columns + added.size() > mapThreshold)) {
        // The explosion guard on a struct the table has: Iceberg cannot turn it into a map, so it
        // keeps its columns and every new key goes to its overflow map (the changes of the new
        // fields are replaced by the overflow's own).
        DataType value = PrimitiveType.NULL;
        for (Field field : added) {
          value = join.join(value, field.type());
        }
        for (SchemaChange change : newChanges) {
          if (change.kind() == ChangeKind.RESCUE_FIELD) {
            changes.add(change);
          }
        }
        StructType kept = fields == null ? table : StructType.of(List.of(fields));
        return overflow(path, kept, overflowAt, value, changes);
      }
    }
    if (newChanges != changes) {
      changes.addAll(newChanges);
    }
    if (fields == null && added == null) {
      return table;
    }
    List<Field> result = new ArrayList<>(table.size() + (added == null ? 0 : added.size()));
    result.addAll(fields == null ? table.fields() : List.of(fields));
    if (added != null) {
      added.sort(BY_KEY);
      result.addAll(added);
    }
    return StructType.of(result);
  }

  /** Whether the table has a column besides the rescued-data column, i.e. it was made already. */
  private boolean hasColumns(StructType table) {
    for (Field field : table.fields()) {
      if (!field.name().equalsIgnoreCase(policy.rescuedColumn())) {
        return true;
      }
    }
    return false;
  }

  /** The position of the explosion guard's overflow map in a struct column, or -1. */
  private static int overflowIndex(StructType struct) {
    int position = struct.indexOf(Limits.OVERFLOW_FIELD);
    return position >= 0 && struct.field(position).type() instanceof MapType ? position : -1;
  }

  /**
   * {@code table}, a struct column, with its overflow map made able to hold values of {@code
   * value}: added when {@code overflowAt} is -1, else evolved like any map column.
   */
  private StructType overflow(
      FieldPath path,
      StructType table,
      int overflowAt,
      DataType value,
      List<SchemaChange> changes) {
    FieldPath overflowPath = path.child(Limits.OVERFLOW_FIELD);
    if (overflowAt >= 0) {
      Field current = table.field(overflowAt);
      DataType evolved =
          evolveType(overflowPath, current.type(), MapType.ofStringKeys(value), changes);
      if (evolved == current.type()) {
        return table;
      }
      List<Field> fields = new ArrayList<>(table.fields());
      fields.set(overflowAt, current.withType(evolved));
      return StructType.of(fields);
    }
    // Values of new keys that disagree meet as a string, the type every value can be written as.
    DataType resolved =
        value instanceof ChoiceType
            ? PrimitiveType.STRING
            : resolveNew(overflowPath.value(), value, new ArrayList<>(0));
    MapType map =
        MapType.ofStringKeys(resolved.kind() == TypeKind.NULL ? PrimitiveType.STRING : resolved);
    changes.add(
        SchemaChange.of(
            ChangeKind.OVERFLOW_TO_MAP,
            overflowPath,
            null,
            map,
            Limits.MAP_THRESHOLD + "=" + mapThreshold));
    List<Field> fields = new ArrayList<>(table.size() + 1);
    fields.addAll(table.fields());
    fields.add(Field.optional(Limits.OVERFLOW_FIELD, map));
    return StructType.of(fields);
  }

  private static int indexOf(List<Field> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private List<Field> splitField(Field incoming, ConflictAction.Kind kind) {
    if (kind == ConflictAction.Kind.MAKE_STRUCT) {
      return List.of(
          new Field(incoming.name(), Splits.struct(incoming.type(), false), incoming.optional()));
    }
    List<Field> columns = new ArrayList<>();
    for (DataType alternative : Splits.alternatives(incoming.type())) {
      columns.add(new Field(Splits.columnName(incoming.name(), alternative), alternative, true));
    }
    return columns;
  }

  private Field newField(FieldPath parent, Field incoming, List<SchemaChange> changes) {
    if (!hasLeaf(incoming.type())) {
      // Only nulls or empty containers: no value to keep, and no type to give a column yet.
      return null;
    }
    FieldPath path = parent.child(incoming.name());
    NewFieldAction action = policy.newFieldAction(path);
    switch (action) {
      case EVOLVE, HOLD -> {
        // A held field is evolved like any other, so the hold names the very column an approval
        // adds; evolve(..) then refuses the whole record.
        DataType type = resolveNew(path, incoming.type(), changes);
        if (!hasLeaf(type)) {
          return null;
        }
        changes.add(
            SchemaChange.of(
                ChangeKind.ADD_COLUMN, path, null, type, policy.describeNewFields(path)));
        return Field.optional(incoming.name(), type);
      }
      case RESCUE -> {
        changes.add(
            SchemaChange.of(
                ChangeKind.RESCUE_FIELD,
                path,
                null,
                incoming.type(),
                policy.describeNewFields(path)));
        return null;
      }
      case FAIL ->
          throw new NewFieldRefusedException(path, incoming.type(), policy.describeNewFields(path));
      default -> {
        return null;
      }
    }
  }

  /** The column type for values of {@code type} at a path the table does not have yet. */
  private DataType resolveNew(FieldPath path, DataType type, List<SchemaChange> changes) {
    ConflictAction action = policy.conflictAction(path);
    if (action.target() != null && type.kind() != TypeKind.NULL) {
      return action.target();
    }
    switch (type.kind()) {
      case STRUCT -> {
        StructType struct = (StructType) type;
        List<Field> fields = new ArrayList<>(struct.size());
        for (Field field : struct.fields()) {
          ConflictAction split = splits ? policy.splitAction(path.child(field.name())) : null;
          List<Field> candidates = split == null ? List.of(field) : splitField(field, split.kind());
          for (Field candidate : candidates) {
            DataType resolved = resolveNew(path.child(candidate.name()), candidate.type(), changes);
            if (hasLeaf(resolved) && indexOf(fields, candidate.name()) < 0) {
              fields.add(Field.optional(candidate.name(), resolved));
            }
          }
        }
        if (mapThreshold > 0 && fields.size() > mapThreshold) {
          DataType value = PrimitiveType.NULL;
          for (Field field : fields) {
            value = join.join(value, field.type());
          }
          return MapType.ofStringKeys(resolveNew(path.value(), value, changes));
        }
        return StructType.of(fields);
      }
      case LIST -> {
        return ListType.of(resolveNew(path.element(), ((ListType) type).element(), changes));
      }
      case MAP -> {
        MapType map = (MapType) type;
        DataType key = map.key().kind() == TypeKind.CHOICE ? PrimitiveType.STRING : map.key();
        return MapType.of(key, resolveNew(path.value(), map.value(), changes));
      }
      case CHOICE -> {
        DataType picked = preferred((ChoiceType) type);
        changes.add(
            SchemaChange.of(
                ChangeKind.RESOLVE_CHOICE, path, type, picked, policy.describeConflict(path)));
        return resolveNew(path, picked, changes);
      }
      default -> {
        return type;
      }
    }
  }

  private static DataType preferred(ChoiceType choice) {
    for (TypeKind kind : PREFERENCE) {
      for (DataType alternative : choice.alternatives()) {
        if (alternative.kind() == kind) {
          return alternative;
        }
      }
    }
    return choice.alternatives().get(0);
  }

  /** The evolved type of an existing column of type {@code table} for values of {@code record}. */
  private DataType evolveType(
      FieldPath path, DataType table, DataType record, List<SchemaChange> changes) {
    if (record.kind() == TypeKind.NULL || (table.isPrimitive() && table.equals(record))) {
      return table;
    }
    if (record instanceof ChoiceType choice) {
      DataType type = table;
      for (DataType alternative : choice.alternatives()) {
        type = evolveType(path, type, alternative, changes);
      }
      return type;
    }
    if (table instanceof StructType t && record instanceof StructType r) {
      return evolveStruct(path, t, r, changes, false);
    }
    if (table instanceof ListType t && record instanceof ListType r) {
      DataType element = evolveType(path.element(), t.element(), r.element(), changes);
      boolean optional = t.elementOptional();
      if (!optional && r.elementOptional()) {
        optional = true;
        changes.add(makeOptional(path.element(), element));
      }
      return element == t.element() && optional == t.elementOptional()
          ? t
          : new ListType(element, optional);
    }
    if (table instanceof StructType t
        && record instanceof MapType r
        && (mapThreshold > 0 || overflowIndex(t) >= 0)) {
      // A batch join demoted the record's struct: its keys are unknown, so they go to the
      // overflow map, and conform puts the keys the struct has into its columns.
      return overflow(path, t, overflowIndex(t), r.value(), changes);
    }
    if (table instanceof MapType t && (record instanceof MapType || record instanceof StructType)) {
      DataType value = t.value();
      boolean valueOptional = false;
      if (record instanceof MapType r) {
        if (!Conversions.fits(r.key(), t.key())) {
          conflict(path.child(FieldPath.KEY), t.key(), r.key(), changes);
        }
        value = evolveType(path.value(), value, r.value(), changes);
        valueOptional = r.valueOptional();
      } else {
        for (Field field : ((StructType) record).fields()) {
          value = evolveType(path.value(), value, field.type(), changes);
          valueOptional |= field.optional() || field.type().kind() == TypeKind.NULL;
        }
      }
      boolean optional = t.valueOptional();
      if (!optional && valueOptional) {
        optional = true;
        changes.add(makeOptional(path.value(), value));
      }
      return value == t.value() && optional == t.valueOptional()
          ? t
          : new MapType(t.key(), value, optional);
    }
    return conflict(path, table, record, changes);
  }

  /** A primitive or kind difference: decided by the conflict action at {@code path}. */
  private DataType conflict(
      FieldPath path, DataType table, DataType record, List<SchemaChange> changes) {
    if (Conversions.fits(record, table)) {
      return table;
    }
    ConflictAction action = policy.conflictAction(path);
    if (action.target() != null && !action.target().equals(table)) {
      // cast/project fix the type of the path; the table has another one it cannot leave.
      if (!Widening.isLegal(table, action.target())) {
        throw new SchemaEvolutionException(
            "Cannot widen column: "
                + table
                + " cannot become "
                + action.target()
                + " as "
                + policy.describeConflict(path)
                + " asks: "
                + path);
      }
      changes.add(
          SchemaChange.of(
              ChangeKind.WIDEN, path, table, action.target(), policy.describeConflict(path)));
      return action.target();
    }
    if (action.kind() == ConflictAction.Kind.WIDEN && Widening.isLegal(table, record)) {
      changes.add(
          SchemaChange.of(ChangeKind.WIDEN, path, table, record, policy.describeConflict(path)));
      return record;
    }
    changes.add(
        SchemaChange.of(
            ChangeKind.RESOLVE_CHOICE,
            path,
            SchemaJoin.standard().join(table, record),
            table,
            policy.describeConflict(path)));
    return table;
  }

  private static SchemaChange makeOptional(FieldPath path, DataType type) {
    return SchemaChange.of(ChangeKind.MAKE_OPTIONAL, path, type, type, "missing-fields=null");
  }

  /** True when a value of this type can hold a non-null leaf. */
  static boolean hasLeaf(DataType type) {
    return switch (type.kind()) {
      case NULL -> false;
      case STRUCT -> {
        for (Field field : ((StructType) type).fields()) {
          if (hasLeaf(field.type())) {
            yield true;
          }
        }
        yield false;
      }
      case LIST -> hasLeaf(((ListType) type).element());
      case MAP -> hasLeaf(((MapType) type).value());
      default -> true;
    };
  }
}
