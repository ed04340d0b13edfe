package io.driftway.loadtests.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a drift event changes in the generated events; see {@link DriftSchedule}. */
public enum DriftKind {
  /** A new top-level string field {@code drift_k} from then on (the k-th occurrence). */
  ADD_FIELD("add-field"),
  /** A new long field {@code extra_k} inside the first object field from then on. */
  NESTED_FIELD("nested-field"),
  /** The first long field's values leave the int range (int → long in Avro, bigger in JSON). */
  WIDEN("widen"),
  /** The first long field is sent as a string from then on: a type conflict. */
  TYPE_CONFLICT("type-conflict");

  private final String label;

  DriftKind(String label) {
    this.label = label;
  }

  /** The name used in a schedule, e.g. {@code add-field}. */
  public String label() {
    return label;
  }

  /** The kind named {@code label} (as in a schedule), case-insensitive. */
  public static DriftKind of(String label) {
    for (DriftKind kind : values()) {
      if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "Cannot parse drift kind: expected one of "
            + Arrays.stream(values()).map(DriftKind::label).collect(Collectors.joining(", "))
            + ": "
            + label);
  }
}
