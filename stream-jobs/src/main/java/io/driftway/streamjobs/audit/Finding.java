package io.driftway.streamjobs.audit;

/**
 * One thing the audit found wrong.
 *
 * @param subject the source partition ({@code kafka:orders/3}) or data file it concerns
 * @param detail what is wrong, with the positions or snapshots involved
 */
public record Finding(Kind kind, String subject, String detail) {

  /** What kind of problem a finding is. */
  public enum Kind {
    /** Positions of a source partition that no committed checkpoint covers: records lost. */
    GAP,
    /** Positions two committed checkpoints both cover: records written twice. */
    OVERLAP,
    /** A data file that two snapshots added: its rows are in the table twice. */
    FILE_TWICE
  }

  /** As the audit prints it: {@code OVERLAP kafka:orders/3: ...}. */
  public String describe() {
    return kind + " " + subject + ": " + detail;
  }
}
