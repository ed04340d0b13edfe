package io.driftway.connectors.files.split;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A group of files read one after the other by one reader: many small files up to the group size,
 * or one large file. A split restored from a checkpoint holds only the files not finished yet, the
 * first with its records already emitted as {@link SplitFile#skip()}.
 *
 * <pre>{@code
 * FileSplit split = FileSplit.of("group-0", List.of(new SplitFile(file, 0)));
 * }</pre>
 */
public final class FileSplit implements SourceSplit, Serializable {

  private static final long serialVersionUID = 1L;

  private final String id;
  private final List<SplitFile> files;

  private FileSplit(String id, List<SplitFile> files) {
    this.id = Objects.requireNonNull(id, "id");
    this.files = List.copyOf(files);
  }

  public static FileSplit of(String id, List<SplitFile> files) {
    return new FileSplit(id, files);
  }

  @Override
  public String splitId() {
    return id;
  }

  /** The files, in reading order. */
  public List<SplitFile> files() {
    return files;
  }

  /** The sum of the files' sizes. */
  public long sizeBytes() {
    long total = 0;
    for (SplitFile file : files) {
      total += file.file().sizeBytes();
    }
    return total;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FileSplit that && id.equals(that.id) && files.equals(that.files);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, files);
  }

  @Override
  public String toString() {
    return "FileSplit{" + id + ", " + files.size() + " files, " + sizeBytes() + " bytes}";
  }
}
