package io.driftway.schemaevolution.merge;

import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;

/**
 * A table's policy refuses a field it has no column for ({@code new-fields: fail}). Unlike other
 * {@link SchemaEvolutionException}s, which concern one record, this one means the pipeline must
 * stop until someone changes the policy: the record that brought the field is kept in the source,
 * not quarantined.
 *
 * <pre>{@code
 * try {
 *   evolver.evolve(table, record);
 * } catch (NewFieldRefusedException e) {
 *   stop("new field " + e.path() + " (" + e.type() + ") refused by policy " + e.policy());
 * }
 * }</pre>
 */
public final class NewFieldRefusedException extends SchemaEvolutionException {

  private static final long serialVersionUID = 1L;

  private final transient FieldPath path;
  private final transient DataType type;
  private final String policy;

  NewFieldRefusedException(FieldPath path, DataType type, String policy) {
    super("Cannot add column: new fields are refused by policy " + policy + ": " + path);
    this.path = path;
    this.type = type;
    this.policy = policy;
  }

  /** Where the refused field is, e.g. {@code /payload/x}. */
  public FieldPath path() {
    return path;
  }

  /** The type the record brought for it. */
  public DataType type() {
    return type;
  }

  /** The refusing policy as configured, e.g. {@code new-fields=fail}. */
  public String policy() {
    return policy;
  }
}
