package io.driftway.connectors.registry;

/**
 * The registry could not answer a request: unreachable, too slow, credentials refused, an
 * unexpected answer, or an error it reported (e.g. {@code 40403 Schema not found}). Unchecked: for
 * a pipeline it means "fail and retry from the last checkpoint", except where a caller turns a
 * not-found answer into a decode failure of one record, as {@link ConfluentAvroDecoder} does.
 *
 * <pre>{@code
 * try {
 *   registry.schemaById(42);
 * } catch (SchemaRegistryException e) {
 *   if (e.isNotFound()) { ... }
 * }
 * }</pre>
 */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Used for {@link #httpStatus()} and {@link #errorCode()} when there is none. */
  public static final int NONE = -1;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    this(message, NONE, NONE, cause);
  }

  /** The HTTP status of the registry's answer, or {@link #NONE} if there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The registry's {@code error_code} (e.g. 40403), or {@link #NONE}. */
  public int errorCode() {
    return errorCode;
  }

  /** Whether the registry answered that the schema, subject or version does not exist. */
  public boolean isNotFound() {
    return httpStatus == 404;
  }
}
