package io.driftway.connectors.tracking;

import io.driftway.connectors.quarantine.Stage;
import io.driftway.schemaevolution.record.QuarantineReason;

/** The quarantine stage of a schema-layer reason: decoding, or tracking (limits and policies). */
final class Stages {

  private Stages() {}

  static Stage of(QuarantineReason reason) {
    return switch (reason.stage()) {
      case DECODE -> Stage.DECODE;
      case LIMIT, POLICY -> Stage.TRACK;
    };
  }
}
