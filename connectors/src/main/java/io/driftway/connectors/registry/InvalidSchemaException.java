package io.driftway.connectors.registry;

/**
 * The registry answered with a schema this client cannot use: not Avro, not parseable, or with
 * references that cannot be resolved. A property of the schema, not of the connection.
 *
 * <pre>{@code
 * catch (InvalidSchemaException e) { quarantine(bytes, e.getMessage()); }
 * }</pre>
 */
public final class InvalidSchemaException extends SchemaRegistryException {

  private static final long serialVersionUID = 1L;

  public InvalidSchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
