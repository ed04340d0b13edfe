package io.driftway.schemaevolution.merge;

/**
 * A table policy refuses drift ({@code new-fields=fail}) or is impossible for the table (a {@code
 * cast} to a type the column cannot become). The pipeline stops: the message says what, where and
 * what to change.
 */
public final class SchemaEvolutionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a {@code Cannot <action>: <reason>: <value>} message. */
  public SchemaEvolutionException(String message) {
    super(message);
  }
}
