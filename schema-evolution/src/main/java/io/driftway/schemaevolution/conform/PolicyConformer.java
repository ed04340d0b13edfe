package io.driftway.schemaevolution.conform;

import io.driftway.schemaevolution.policy.ConflictAction;
import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.policy.NewFieldAction;
import io.driftway.schemaevolution.policy.Splits;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.record.StructValue;
import io.driftway.schemaevolution.row.GenericArray;
import io.driftway.schemaevolution.row.GenericMap;
import io.driftway.schemaevolution.row.GenericRow;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.values.Conversions;
import io.driftway.schemaevolution.values.RescuedData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link Conformer} of a {@link TablePolicy}. */
final class PolicyConformer implements Conformer {

  private final TablePolicy policy;
  private final boolean splits;

  PolicyConformer(TablePolicy policy) {
    this.policy = policy;
    this.splits = policy.hasSplits();
  }

  @Override
  public Conformed conform(DynamicRecord record, StructType table) {
    Call call = new Call();
    try {
      Object[] values = call.struct(record.values(), table, null, true);
      if (call.rescued == null) {
        return Conformed.row(GenericRow.wrap(values), null);
      }
      int position = table.indexOf(policy.rescuedColumn());
      if (position < 0) {
        return Conformed.quarantined(
            new QuarantineReason(
                QuarantineReason.Stage.POLICY,
                "rescued-column=" + policy.rescuedColumn(),
                call.rescued.paths().get(0),
                "Cannot rescue values: the table has no rescued-data column "
                    + policy.rescuedColumn()
                    + ": "
                    + call.rescued.paths().get(0)));
      }
      String json = call.rescued.toJson();
      values[position] = json;
      return Conformed.row(GenericRow.wrap(values), json);
    } catch (QuarantineSignal e) {
      return Conformed.quarantined(e.reason);
    }
  }

  /** A position in the record, built only as deep as the walk goes; printed only on demand. */
  private static final class Ptr {
    private final Ptr parent;
    private final String name;
    private final int index;
    private final boolean mapEntry;

    Ptr(Ptr parent, String name, int index, boolean mapEntry) {
      this.parent = parent;
      this.name = name;
      this.index = index;
      this.mapEntry = mapEntry;
    }

    static String pointer(Ptr parent, String name, int index) {
      StringBuilder out = new StringBuilder();
      appendPointer(out, parent);
      out.append('/').append(name != null ? FieldPath.escape(name) : Integer.toString(index));
      return out.toString();
    }

    private static void appendPointer(StringBuilder out, Ptr ptr) {
      if (ptr == null) {
        return;
      }
      appendPointer(out, ptr.parent);
      out.append('/')
          .append(ptr.name != null ? FieldPath.escape(ptr.name) : Integer.toString(ptr.index));
    }

    static FieldPath policyPath(Ptr parent, String name, boolean mapEntry) {
      List<String> segments = new ArrayList<>();
      addSegments(segments, parent);
      segments.add(mapEntry ? FieldPath.VALUE : name != null ? name : FieldPath.ELEMENT);
      return FieldPath.of(segments);
    }

    private static void addSegments(List<String> segments, Ptr ptr) {
      if (ptr == null) {
        return;
      }
      addSegments(segments, ptr.parent);
      segments.add(
          ptr.mapEntry ? FieldPath.VALUE : ptr.name != null ? ptr.name : FieldPath.ELEMENT);
    }
  }

  /** Unwinds a conform call when a policy quarantines the record; no stack trace. */
  private static final class QuarantineSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient QuarantineReason reason;

    QuarantineSignal(QuarantineReason reason) {
      super(reason.message(), null, false, false);
      this.reason = reason;
    }
  }

  /** The entries of one struct's overflow map, gathered while its keys are walked. */
  private static final class Overflow {
    private final Ptr ptr;
    private final List<Object> keys = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private final Set<Object> seen = new HashSet<>();

    Overflow(Ptr ptr) {
      this.ptr = ptr;
    }
  }

  /** The position of the explosion guard's overflow map in a struct column, or -1. */
  private static int overflowIndex(StructType struct) {
    int position = struct.indexOf(Limits.OVERFLOW_FIELD);
    return position >= 0 && struct.field(position).type() instanceof MapType ? position : -1;
  }

  /** The state of one conform call. */
  private final class Call {
    private RescuedData rescued;

    Object[] struct(StructValue value, StructType table, Ptr ptr, boolean root) {
      int size = table.size();
      Object[] out = new Object[size];
      boolean[] filled = new boolean[size];
      Object[][] splitRows = null;
      int overflowAt = root ? -1 : overflowIndex(table);
      Overflow overflow = null;
      for (int i = 0; i < value.size(); i++) {
        String name = value.name(i);
        Object v = value.value(i);
        if (root && name.equalsIgnoreCase(policy.rescuedColumn())) {
          rescue(ptr, name, -1, v, value.text(i));
          continue;
        }
        if (v == null) {
          continue;
        }
        DataType type = value.type(i);
        ConflictAction split = splits ? policy.splitAction(Ptr.policyPath(ptr, name, false)) : null;
        if (split != null && split.kind() == ConflictAction.Kind.MAKE_STRUCT) {
          int position = table.indexOf(name);
          DataType column = position < 0 ? null : table.field(position).type();
          int sub = column instanceof StructType s ? s.indexOf(Splits.suffix(type)) : -1;
          if (sub < 0) {
            rescue(ptr, name, -1, v, value.text(i));
            continue;
          }
          if (splitRows == null) {
            splitRows = new Object[size][];
          }
          StructType struct = (StructType) column;
          if (splitRows[position] == null) {
            splitRows[position] = new Object[struct.size()];
          }
          if (splitRows[position][sub] != null) {
            rescue(ptr, name, -1, v, value.text(i));
            continue;
          }
          splitRows[position][sub] =
              convert(v, struct.field(sub).type(), ptr, name, -1, value.text(i));
          continue;
        }
        int position = table.indexOf(split != null ? Splits.columnName(name, type) : name);
        if (overflowAt >= 0
            && (position < 0 || position == overflowAt)
            && policy.newFieldAction(Ptr.policyPath(ptr, name, false)) == NewFieldAction.EVOLVE) {
          // A key the struct has no column for, past the explosion guard: its overflow map.
          if (overflow == null) {
            overflow = new Overflow(new Ptr(ptr, Limits.OVERFLOW_FIELD, -1, false));
          }
          entry(
              name,
              v,
              value.text(i),
              (MapType) table.field(overflowAt).type(),
              overflow.ptr,
              overflow.keys,
              overflow.values,
              overflow.seen);
          continue;
        }
        if (position < 0 || filled[position]) {
          rescue(ptr, name, -1, v, value.text(i));
          continue;
        }
        filled[position] = true;
        out[position] = convert(v, table.field(position).type(), ptr, name, -1, value.text(i));
      }
      if (overflow != null && !overflow.keys.isEmpty()) {
        out[overflowAt] = GenericMap.wrap(overflow.keys.toArray(), overflow.values.toArray());
      }
      if (splitRows != null) {
        for (int i = 0; i < size; i++) {
          if (splitRows[i] != null) {
            out[i] = GenericRow.wrap(splitRows[i]);
          }
        }
      }
      return out;
    }

    private Object convert(
        Object value, DataType column, Ptr parent, String name, int index, String text) {
      return convert(value, column, parent, name, index, text, false);
    }

    /**
     * {@code mapEntry}: the value is a map's value under key {@code name}, so paths below it name
     * the map value ({@code /m/{}/...}) for policies, and the key for rescued data.
     */
    private Object convert(
        Object value,
        DataType column,
        Ptr parent,
        String name,
        int index,
        String text,
        boolean mapEntry) {
      if (value == null) {
        return null;
      }
      switch (column.kind()) {
        case STRUCT -> {
          if (value instanceof StructValue struct) {
            return GenericRow.wrap(
                struct(struct, (StructType) column, new Ptr(parent, name, index, mapEntry), false));
          }
        }
        case LIST -> {
          if (value instanceof List<?> list) {
            return list(list, (ListType) column, new Ptr(parent, name, index, mapEntry));
          }
        }
        case MAP -> {
          if (value instanceof StructValue || value instanceof Map<?, ?>) {
            return map(value, (MapType) column, new Ptr(parent, name, index, mapEntry));
          }
        }
        default -> {
          Object fitted = Conversions.fit(value, column);
          if (fitted != Conversions.NO_FIT) {
            return fitted;
          }
        }
      }
      return mismatch(value, column, parent, name, index, text, mapEntry);
    }

    private Object mismatch(
        Object value,
        DataType column,
        Ptr parent,
        String name,
        int index,
        String text,
        boolean mapEntry) {
      FieldPath path = Ptr.policyPath(parent, name, mapEntry);
      ConflictAction action = policy.conflictAction(path);
      switch (action.kind()) {
        case CAST, MATCH_CATALOG -> {
          if (column.isPrimitive()) {
            Object cast = Conversions.cast(value, column);
            if (cast != Conversions.NO_FIT) {
              return cast;
            }
          }
        }
        case QUARANTINE -> {
          String pointer = Ptr.pointer(parent, name, index);
          throw new QuarantineSignal(
              new QuarantineReason(
                  QuarantineReason.Stage.POLICY,
                  policy.describeConflict(path),
                  pointer,
                  "Cannot conform record: a "
                      + typeName(value)
                      + " value does not fit column type "
                      + column
                      + " under policy "
                      + policy.describeConflict(path)
                      + ": "
                      + pointer));
        }
        default -> {
          // widen and project never convert: the value is rescued below.
        }
      }
      rescue(parent, name, index, value, text);
      return null;
    }

    private GenericArray list(List<?> list, ListType column, Ptr ptr) {
      Object[] out = new Object[list.size()];
      DataType element = column.element();
      for (int j = 0; j < out.length; j++) {
        out[j] = convert(list.get(j), element, ptr, null, j, null);
      }
      return GenericArray.wrap(out);
    }

    private GenericMap map(Object value, MapType column, Ptr ptr) {
      List<Object> keys = new ArrayList<>();
      List<Object> values = new ArrayList<>();
      Set<Object> seen = new HashSet<>();
      if (value instanceof StructValue struct) {
        for (int i = 0; i < struct.size(); i++) {
          entry(struct.name(i), struct.value(i), struct.text(i), column, ptr, keys, values, seen);
        }
      } else {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          entry(String.valueOf(e.getKey()), e.getValue(), null, column, ptr, keys, values, seen);
        }
      }
      return GenericMap.wrap(keys.toArray(), values.toArray());
    }

    private void entry(
        String key,
        Object value,
        String text,
        MapType column,
        Ptr ptr,
        List<Object> keys,
        List<Object> values,
        Set<Object> seen) {
      Object k = Conversions.fromText(key, column.key());
      if (k == Conversions.NO_FIT || !seen.add(k)) {
        rescue(ptr, key, -1, value, text);
        return;
      }
      Object converted;
      if (value == null) {
        converted = null;
      } else {
        converted = convertEntry(value, column.value(), ptr, key, text);
        if (converted == null) {
          // Rescued: the entry itself is not kept, so the map holds no made-up null.
          seen.remove(k);
          return;
        }
      }
      keys.add(k);
      values.add(converted);
    }

    private Object convertEntry(Object value, DataType column, Ptr ptr, String key, String text) {
      if (column.isPrimitive()) {
        Object fitted = Conversions.fit(value, column);
        return fitted != Conversions.NO_FIT
            ? fitted
            : mismatch(value, column, ptr, key, -1, text, true);
      }
      return convert(value, column, ptr, key, -1, text, true);
    }

    private void rescue(Ptr parent, String name, int index, Object value, String text) {
      if (value == null) {
        return;
      }
      if (rescued == null) {
        rescued = new RescuedData();
      }
      rescued.add(Ptr.pointer(parent, name, index), value, text);
    }
  }

  private static String typeName(Object value) {
    if (value instanceof StructValue) {
      return "struct";
    }
    if (value instanceof List<?>) {
      return "array";
    }
    if (value instanceof Map<?, ?>) {
      return "map";
    }
    return Conversions.typeOf(value).toString();
  }
}
