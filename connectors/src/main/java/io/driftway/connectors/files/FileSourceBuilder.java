package io.driftway.connectors.files;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;

/**
 * Builds a {@link FileSource}; validates in {@link #build()}. Not thread-safe; the built source
 * shares nothing with the builder.
 *
 * <pre>{@code
 * FileSource source = FileSource.builder()
 *     .location("s3://bucket/events/")
 *     .s3(S3Access.of("eu-west-1"))
 *     .format(FileFormat.JSON_LINES)          // default: by each file's extension
 *     .groupSize(MemorySize.parse("128mb"))   // default 64 MB
 *     .bookmarks(done)
 *     .build();
 * }</pre>
 */
public final class FileSourceBuilder {

  /** Small files are grouped into splits of about this size by default. */
  public static final MemorySize DEFAULT_GROUP_SIZE = MemorySize.ofMebiBytes(64);

  private String location;
  private List<InputFile> files;
  private S3Access access;
  private FileFormat format;
  private MemorySize groupSize = DEFAULT_GROUP_SIZE;
  private final Map<String, FileProgress> bookmarks = new HashMap<>();
  private ProgressListener listener;

  FileSourceBuilder() {}

  /** Reads every data file under {@code location} ({@code s3://bucket/prefix} or a folder). */
  public FileSourceBuilder location(String newLocation) {
    this.location = newLocation;
    return this;
  }

  /** Reads exactly these files (already listed, e.g. by a crawler), in this order. */
  public FileSourceBuilder files(List<InputFile> newFiles) {
    this.files = new ArrayList<>(newFiles);
    return this;
  }

  /** How to reach S3; required when any location is on S3. */
  public FileSourceBuilder s3(S3Access newAccess) {
    this.access = newAccess;
    return this;
  }

  /** The format of every file; by default each file's extension names its format. */
  public FileSourceBuilder format(FileFormat newFormat) {
    this.format = newFormat;
    return this;
  }

  /** The target size of a split of small files; a larger file is a split of its own. */
  public FileSourceBuilder groupSize(MemorySize newGroupSize) {
    this.groupSize = newGroupSize;
    return this;
  }

  /**
   * What an earlier run did (as its {@link ProgressListener} heard it): a finished file of the same
   * version is left out, a partly read one resumes after its records, and a file whose version
   * changed is read again in full. The last entry for a location wins.
   */
  public FileSourceBuilder bookmarks(Collection<FileProgress> done) {
    for (FileProgress progress : done) {
      bookmarks.put(progress.location(), progress);
    }
    return this;
  }

  /** Hears the readers' progress at every checkpoint (bookmarks). */
  public FileSourceBuilder progressListener(ProgressListener newListener) {
    this.listener = newListener;
    return this;
  }

  /**
   * The source.
   *
   * @throws IllegalArgumentException when neither or both of location and files are set, when an S3
   *     location has no S3 access, or when the group size is not positive
   */
  public FileSource build() {
    if ((location == null) == (files == null)) {
      throw new IllegalArgumentException(
          "Cannot build file source: set exactly one of location and files: "
              + (location == null ? "neither is set" : "both are set (" + location + ")"));
    }
    if (groupSize == null || groupSize.getBytes() <= 0) {
      throw new IllegalArgumentException(
          "Cannot build file source: the group size must be positive: " + groupSize);
    }
    String s3Location = null;
    if (location != null) {
      DataFiles.Location.parse(location);
      s3Location = isS3(location) ? location : null;
    } else {
      for (InputFile file : files) {
        if (isS3(file.location())) {
          s3Location = file.location();
          break;
        }
      }
    }
    if (s3Location != null && access == null) {
      throw new IllegalArgumentException(
          "Cannot build file source: an S3 location needs S3 access (.s3(S3Access)): "
              + s3Location);
    }
    return new FileSource(
        location,
        files == null ? null : List.copyOf(files),
        access,
        format,
        groupSize.getBytes(),
        Map.copyOf(bookmarks),
        listener);
  }

  private static boolean isS3(String location) {
    return location.startsWith("s3://") || location.startsWith("s3a://");
  }
}
