package io.driftway.connectors.files;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One data file as a listing found it: where it is, how big, which version, and the Hive-style
 * partition values of its path.
 *
 * <p>The version is the S3 ETag (without quotes) or, for a local file, its modification time
 * (ISO-8601). A file whose version differs from a bookmark's was rewritten and is read again.
 *
 * <pre>{@code
 * InputFile file = InputFile.of("s3://bucket/events/dt=2026-01-01/part-0.json", 1_024, "9b2c",
 *     Map.of("dt", "2026-01-01"));
 * file.partitions(); // {dt=2026-01-01}
 * }</pre>
 */
public final class InputFile implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String location;
  private final long sizeBytes;
  private final String version;
  private final LinkedHashMap<String, String> partitions;

  private InputFile(
      String location, long sizeBytes, String version, Map<String, String> partitions) {
    this.location = location;
    this.sizeBytes = sizeBytes;
    this.version = version;
    this.partitions = new LinkedHashMap<>(partitions);
  }

  /**
   * A file at {@code location} ({@code s3://bucket/key} or {@code file:/path}); the partition map
   * is copied in its iteration order, and a value may be null (Hive's default partition).
   */
  public static InputFile of(
      String location, long sizeBytes, String version, Map<String, String> partitions) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(version, "version");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException(
          "Cannot describe file: size is negative: " + location + " (" + sizeBytes + ")");
    }
    if (!location.startsWith("s3://") && !location.startsWith("file:/")) {
      throw new IllegalArgumentException(
          "Cannot describe file: location must start with s3:// or file:/: " + location);
    }
    return new InputFile(location, sizeBytes, version, partitions);
  }

  /** {@code s3://bucket/key} or {@code file:/absolute/path}, not percent-encoded. */
  public String location() {
    return location;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  /** The S3 ETag, or the local file's modification time. */
  public String version() {
    return version;
  }

  /** Partition names to values (null for Hive's default partition), in path order. */
  public Map<String, String> partitions() {
    return Collections.unmodifiableMap(partitions);
  }

  /** The last path segment. */
  public String name() {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InputFile that
        && sizeBytes == that.sizeBytes
        && location.equals(that.location)
        && version.equals(that.version)
        && partitions.equals(that.partitions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(location, sizeBytes, version, partitions);
  }

  @Override
  public String toString() {
    return location + " (" + sizeBytes + " bytes, version " + version + ")";
  }
}
