package io.driftway.schemaevolution.merge;

/**
 * A table policy refuses drift ({@code new-fields=fail}, then as {@link NewFieldRefusedException})
 * or is impossible for the table (a {@code cast} to a type the column cannot become). The message
 * says what, where and what to change. The pipeline quarantines the record, except for a refused
 * new field, which stops it.
 */
public class SchemaEvolutionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a {@code Cannot <action>: <reason>: <value>} message. */
  public SchemaEvolutionException(String message) {
    super(message);
  }
}
