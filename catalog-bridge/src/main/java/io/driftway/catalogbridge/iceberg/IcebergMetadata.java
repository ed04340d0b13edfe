package io.driftway.catalogbridge.iceberg;

import io.driftway.catalogbridge.storage.WarehouseFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;

/**
 * Reads Iceberg table metadata files (plain or gzip-compressed JSON) through {@link
 * WarehouseFiles}.
 */
public final class IcebergMetadata {

  private IcebergMetadata() {}

  /**
   * The metadata at {@code location}, or empty when the file does not exist.
   *
   * @throws UncheckedIOException when it cannot be read
   * @throws IllegalArgumentException when it is not Iceberg table metadata
   */
  public static Optional<TableMetadata> read(WarehouseFiles files, String location) {
    Optional<byte[]> bytes = files.read(location);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    String json = new String(gunzipIfNeeded(bytes.get(), location), StandardCharsets.UTF_8);
    return Optional.of(TableMetadataParser.fromJson(location, json));
  }

  private static byte[] gunzipIfNeeded(byte[] bytes, String location) {
    boolean gzip = bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    if (!gzip) {
      return bytes;
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Iceberg metadata: bad gzip: " + location, e);
    }
  }
}
