package io.driftway.schemaevolution.conform;

import io.driftway.schemaevolution.record.QuarantineReason;
import io.driftway.schemaevolution.row.Row;

/**
 * A record conformed to its table: the row (rescued data included at the rescued-data column's
 * position), or the reason it goes to quarantine instead.
 *
 * @param row the row in table column order, or null when quarantined
 * @param rescuedData the rescued-data JSON also held by the row, or null when every value fit
 * @param quarantine why the record is quarantined, or null
 */
public record Conformed(Row row, String rescuedData, QuarantineReason quarantine) {

  /** Checks that exactly one of row and quarantine is set. */
  public Conformed {
    if ((row == null) == (quarantine == null)) {
      throw new IllegalArgumentException(
          "Cannot create conform result: exactly one of row and quarantine must be set: "
              + quarantine);
    }
  }

  /** A conformed row. */
  public static Conformed row(Row row, String rescuedData) {
    return new Conformed(row, rescuedData, null);
  }

  /** A quarantined record. */
  public static Conformed quarantined(QuarantineReason reason) {
    return new Conformed(null, null, reason);
  }

  /** True when the record goes to quarantine. */
  public boolean isQuarantined() {
    return quarantine != null;
  }
}
