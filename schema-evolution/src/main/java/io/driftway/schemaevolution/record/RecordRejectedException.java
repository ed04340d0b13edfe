package io.driftway.schemaevolution.record;

import io.driftway.schemaevolution.policy.Limits;

/**
 * Thrown when a record cannot become a dynamic record — malformed input, or over a {@linkplain
 * Limits limit}. The caller quarantines it with {@link #reason()}; it never stops a pipeline.
 */
public final class RecordRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final QuarantineReason reason;

  /** A rejection for {@code reason}. */
  public RecordRejectedException(QuarantineReason reason) {
    super(reason.message());
    this.reason = reason;
  }

  /** A rejection for {@code reason}, caused by {@code cause}. */
  public RecordRejectedException(QuarantineReason reason, Throwable cause) {
    super(reason.message(), cause);
    this.reason = reason;
  }

  /** A rejection for malformed input. */
  public static RecordRejectedException malformed(
      String format, String detail, SourceCoordinates at, Throwable cause) {
    return new RecordRejectedException(
        new QuarantineReason(
            QuarantineReason.Stage.DECODE,
            null,
            "",
            "Cannot decode " + format + " record: " + detail + ": " + at.describe()),
        cause);
  }

  /** A rejection for a record over a limit. */
  public static RecordRejectedException overLimit(
      String limit, String what, long actual, long bound, String path) {
    return new RecordRejectedException(
        new QuarantineReason(
            QuarantineReason.Stage.LIMIT,
            limit,
            path,
            "Cannot accept record: "
                + what
                + " "
                + actual
                + " exceeds "
                + limit
                + "="
                + bound
                + ": "
                + (path.isEmpty() ? "/" : path)));
  }

  /** Why the record was rejected. */
  public QuarantineReason reason() {
    return reason;
  }
}
