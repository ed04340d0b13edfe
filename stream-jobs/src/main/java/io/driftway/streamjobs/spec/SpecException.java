package io.driftway.streamjobs.spec;

/**
 * A pipeline file that cannot be used, with a message naming the file, the line, the key and what
 * is allowed: {@code Cannot load pipeline: unknown key 'topcis' (allowed: topics, topic-pattern):
 * orders.yaml:7 sources[0].kafka.topcis}.
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
