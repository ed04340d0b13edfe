package io.driftway.connectors.tracking;

import io.driftway.schemaevolution.types.StructType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short, stable id of a table schema: the same schema gives the same id on every subtask and
 * after every restart, so alerts can be deduplicated by (table, schema id).
 */
final class SchemaFingerprint {

  private SchemaFingerprint() {}

  static String of(StructType schema) {
    return ofText(schema.toString());
  }

  static String ofText(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint schema: no SHA-256 in this JVM", e);
    }
  }
}
