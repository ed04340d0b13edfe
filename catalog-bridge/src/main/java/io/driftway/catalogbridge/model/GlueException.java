package io.driftway.catalogbridge.model;

/**
 * A failed Glue operation, answered to the client as {@code {"__type": ..., "Message": ...}} with
 * the type's HTTP status. Messages follow {@code Cannot <action>: <reason>: <value>}.
 *
 * <pre>{@code
 * throw GlueException.of(GlueErrorType.ENTITY_NOT_FOUND,
 *     "Cannot get table: table not found: sales.orders");
 * }</pre>
 */
public final class GlueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final GlueErrorType type;

  private GlueException(GlueErrorType type, String message, Throwable cause) {
    super(message, cause);
    this.type = type;
  }

  public static GlueException of(GlueErrorType type, String message) {
    return new GlueException(type, message, null);
  }

  public static GlueException of(GlueErrorType type, String message, Throwable cause) {
    return new GlueException(type, message, cause);
  }

  public static GlueException invalidInput(String message) {
    return of(GlueErrorType.INVALID_INPUT, message);
  }

  public static GlueException notFound(String message) {
    return of(GlueErrorType.ENTITY_NOT_FOUND, message);
  }

  public static GlueException alreadyExists(String message) {
    return of(GlueErrorType.ALREADY_EXISTS, message);
  }

  public GlueErrorType type() {
    return type;
  }
}
