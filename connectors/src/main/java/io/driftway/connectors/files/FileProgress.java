package io.driftway.connectors.files;

import java.io.Serializable;
import java.util.Objects;

/**
 * How far a file was read: its location and version, and how many of its records are done (or that
 * all are). It is both what the source reports at each checkpoint and what a caller hands back as a
 * bookmark, so that a re-run reads nothing twice.
 *
 * <pre>{@code
 * FileProgress done = FileProgress.finished("s3://bucket/a.json", "9b2c", 1_000);
 * FileProgress half = FileProgress.at("s3://bucket/b.json", "77aa", 500);
 * }</pre>
 *
 * @param location the file's location, as listed
 * @param version the file's version when it was read; a different version is read again in full
 * @param records records of the file done (emitted before the checkpoint), skipped ones included
 * @param finished whether every record of the file is done
 */
public record FileProgress(String location, String version, long records, boolean finished)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Validates the parts. */
  public FileProgress {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(version, "version");
    if (records < 0) {
      throw new IllegalArgumentException(
          "Cannot record file progress: records is negative (" + records + "): " + location);
    }
  }

  /** A file read to its end, {@code records} records in all. */
  public static FileProgress finished(String location, String version, long records) {
    return new FileProgress(location, version, records, true);
  }

  /** A file whose first {@code records} records are done. */
  public static FileProgress at(String location, String version, long records) {
    return new FileProgress(location, version, records, false);
  }
}
