package io.driftway.connectors.registry;

import java.util.Objects;

/**
 * A record that cannot be decoded, for a reason in the record itself: quarantine it and go on.
 * Checked, so that every caller decides. The message reads {@code Cannot decode record: <reason>:
 * <value>} and is meant to be shown as the quarantine reason.
 *
 * <pre>{@code
 * try {
 *   DecodedAvroRecord decoded = decoder.decode(bytes);
 * } catch (RecordDecodeException e) {
 *   quarantine(bytes, e.failure().code(), e.getMessage());
 * }
 * }</pre>
 */
public final class RecordDecodeException extends Exception {

  private static final long serialVersionUID = 1L;

  private final DecodeFailure failure;

  public RecordDecodeException(DecodeFailure failure, String message) {
    this(failure, message, null);
  }

  public RecordDecodeException(DecodeFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** What kind of problem the record has. */
  public DecodeFailure failure() {
    return failure;
  }
}
