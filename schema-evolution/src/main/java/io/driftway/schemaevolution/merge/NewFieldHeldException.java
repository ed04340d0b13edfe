package io.driftway.schemaevolution.merge;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A record brings fields that a table holds for approval ({@code new-fields: hold}): the record
 * must wait (quarantined with stage {@code held}) until someone approves the columns, while records
 * that fit keep flowing. Names every held field of the record, each with the column type an
 * approval adds.
 *
 * <pre>{@code
 * try {
 *   evolver.evolve(table, record);
 * } catch (NewFieldHeldException e) {
 *   hold(record, e.held()); // [/coupon (string)]
 * }
 * }</pre>
 */
public final class NewFieldHeldException extends SchemaEvolutionException {

  private static final long serialVersionUID = 1L;

  /** One held field: where, and the column type an approval adds. */
  public record Held(FieldPath path, DataType type) {
    @Override
    public String toString() {
      return path + " (" + type + ")";
    }
  }

  private final transient List<Held> held;
  private final String policy;

  NewFieldHeldException(List<Held> held, String policy) {
    super(
        "Cannot add column: new fields wait for approval under policy "
            + policy
            + ": "
            + held.stream().map(Held::toString).collect(Collectors.joining(", ")));
    this.held = List.copyOf(held);
    this.policy = policy;
  }

  /** The held fields, in the order the schema walk met them. */
  public List<Held> held() {
    return held;
  }

  /** The holding policy as configured, e.g. {@code new-fields=hold}. */
  public String policy() {
    return policy;
  }
}
