package io.driftway.schemaevolution.record;

import java.util.Objects;

/**
 * Why a record goes to the quarantine table instead of its table: the stage that refused it, the
 * limit or policy that decided (when one did), the path in the record, and a message in the form
 * {@code Cannot <action>: <reason>: <value>}.
 *
 * @param stage {@code decode}, {@code limit} or {@code policy}
 * @param rule the limit name ({@code max-nesting-depth}) or policy ({@code on-conflict=quarantine})
 *     that decided, or null for malformed input
 * @param path the JSON pointer in the record where it was refused; {@code ""} for the whole record
 * @param message the full message
 */
public record QuarantineReason(Stage stage, String rule, String path, String message) {

  /** The stage that refused a record. */
  public enum Stage {
    /** The bytes are not a record of the format. */
    DECODE,
    /** The record is over a limit. */
    LIMIT,
    /** A table policy refused the record. */
    POLICY
  }

  /** Validates the parts. */
  public QuarantineReason {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return message;
  }
}
