package io.driftway.catalogbridge.api;

/**
 * An answer already written as JSON, which {@link DefaultGlueApi} sends as it is. The bytes are
 * shared between calls: nothing may change them, and {@link DefaultGlueApi} hands out copies.
 */
final class PreparedAnswer {

  private final byte[] json;

  PreparedAnswer(byte[] json) {
    this.json = json;
  }

  /** Its length in bytes. */
  int size() {
    return json.length;
  }

  /** A copy of the answer. */
  byte[] copy() {
    return json.clone();
  }
}
