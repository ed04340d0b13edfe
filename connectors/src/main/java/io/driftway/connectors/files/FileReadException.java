package io.driftway.connectors.files;

/**
 * A file could not be listed or read (missing, truncated, corrupt, changed since it was listed).
 * Not a record's fault: the file as a whole is unusable, so the job fails with the file named,
 * rather than quarantining what it cannot tell apart.
 */
public final class FileReadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code Cannot <action>: <reason>: <location>}. */
  public FileReadException(String action, String reason, String location, Throwable cause) {
    super("Cannot " + action + ": " + reason + ": " + location, cause);
  }

  /** {@code Cannot read file: <reason>: <location>}. */
  static FileReadException read(String reason, String location, Throwable cause) {
    return new FileReadException("read file", reason, location, cause);
  }

  /** The reason of an I/O failure: its message, or its type when it has none. */
  static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
