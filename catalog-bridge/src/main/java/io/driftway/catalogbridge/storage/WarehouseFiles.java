package io.driftway.catalogbridge.storage;

import java.util.Optional;

/**
 * Read access to the files behind catalog entries: local paths ({@code /data/x}, {@code
 * file:/data/x}) and S3 ({@code s3://}, {@code s3a://}, {@code s3n://}). Used to read Iceberg
 * metadata files and to check that locations still exist. Thread-safe.
 *
 * <pre>{@code
 * try (WarehouseFiles files = WarehouseFiles.create(s3Settings)) {
 *   Optional<byte[]> metadata = files.read("s3://lake/sales/orders/metadata/v3.metadata.json");
 *   Presence data = files.prefixExists("s3://lake/sales/orders/data/year=2024/");
 * }
 * }</pre>
 */
public interface WarehouseFiles extends AutoCloseable {

  /**
   * The whole file, or empty when it does not exist.
   *
   * @throws java.io.UncheckedIOException when it exists but cannot be read, or the scheme is not
   *     supported
   */
  Optional<byte[]> read(String location);

  /** Whether the file exists. */
  Presence exists(String location);

  /** Whether anything exists at or under the location (a folder or an object prefix). */
  Presence prefixExists(String location);

  @Override
  void close();

  /** Local files, plus S3 when {@code s3} is not null. */
  static WarehouseFiles create(S3Settings s3) {
    return new DefaultWarehouseFiles(s3);
  }
}
