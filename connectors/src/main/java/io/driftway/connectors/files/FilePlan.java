package io.driftway.connectors.files;

import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.FileSplitSerializer;
import io.driftway.connectors.files.split.SplitFile;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a file source will read, decided before the job starts: the listed files minus those its
 * bookmarks say are done, grouped into splits. Totals are known up front, so a caller can show
 * progress against them.
 *
 * <p>Grouping (Glue's {@code groupFiles}/{@code groupSize}): files are taken in location order and
 * packed into a split until the next would pass the group size (or the split holds {@value
 * #MAX_FILES_PER_GROUP} files, which keeps checkpoints small); a file at least as large as the
 * group size is a split of its own.
 *
 * <pre>{@code
 * FilePlan plan = source.plan();
 * System.out.printf("%d files, %d bytes, %d already done%n",
 *     plan.fileCount(), plan.totalBytes(), plan.skippedFiles());
 * }</pre>
 */
public final class FilePlan implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(FilePlan.class);

  /** The most files one split holds, however small they are. */
  public static final int MAX_FILES_PER_GROUP = 500;

  private final List<FileSplit> splits;
  private final List<InputFile> files;
  private final long totalBytes;
  private final long recordsToSkip;
  private final int skippedFiles;
  private final List<InputFile> changedFiles;

  private FilePlan(
      List<FileSplit> splits,
      List<InputFile> files,
      long totalBytes,
      long recordsToSkip,
      int skippedFiles,
      List<InputFile> changedFiles) {
    this.splits = List.copyOf(splits);
    this.files = List.copyOf(files);
    this.totalBytes = totalBytes;
    this.recordsToSkip = recordsToSkip;
    this.skippedFiles = skippedFiles;
    this.changedFiles = List.copyOf(changedFiles);
  }

  /**
   * Plans {@code listed} against {@code bookmarks} (by location): a finished file of the same
   * version is left out, a partly read one starts after its records, a file whose version changed
   * is read again in full (and logged).
   *
   * @param format the format of every file, or null to require each file's extension to name one
   * @throws IllegalArgumentException when {@code format} is null and a file has no known extension
   */
  public static FilePlan of(
      List<InputFile> listed,
      Map<String, FileProgress> bookmarks,
      FileFormat format,
      long groupSizeBytes) {
    List<SplitFile> toRead = new ArrayList<>();
    List<InputFile> changed = new ArrayList<>();
    int skipped = 0;
    long skipRecords = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (InputFile file : listed) {
      if (!seen.add(file.location())) {
        // Listed twice (an explicit list): read once.
        continue;
      }
      if (format == null) {
        FileFormat.detect(file.location());
      }
      FileProgress bookmark = bookmarks.get(file.location());
      long skip = 0;
      if (bookmark != null && bookmark.version().equals(file.version())) {
        if (bookmark.finished()) {
          skipped++;
          continue;
        }
        skip = bookmark.records();
      } else if (bookmark != null) {
        LOG.warn(
            "File changed since its bookmark (version {} now {}): reading it again in full: {}",
            bookmark.version(),
            file.version(),
            file.location());
        changed.add(file);
      }
      skipRecords += skip;
      toRead.add(new SplitFile(file, skip));
    }
    List<FileSplit> splits = group(toRead, groupSizeBytes);
    List<InputFile> files = new ArrayList<>(toRead.size());
    long bytes = 0;
    for (SplitFile file : toRead) {
      files.add(file.file());
      bytes += file.file().sizeBytes();
    }
    files.sort(java.util.Comparator.comparing(InputFile::location));
    return new FilePlan(splits, files, bytes, skipRecords, skipped, changed);
  }

  private static List<FileSplit> group(List<SplitFile> files, long groupSizeBytes) {
    List<FileSplit> splits = new ArrayList<>();
    List<SplitFile> group = new ArrayList<>();
    long groupBytes = 0;
    for (SplitFile file : files) {
      long size = file.file().sizeBytes();
      if (size >= groupSizeBytes) {
        splits.add(FileSplit.of("files-" + splits.size(), List.of(file)));
        continue;
      }
      if (!group.isEmpty()
          && (groupBytes + size > groupSizeBytes || group.size() >= MAX_FILES_PER_GROUP)) {
        splits.add(FileSplit.of("files-" + splits.size(), group));
        group = new ArrayList<>();
        groupBytes = 0;
      }
      group.add(file);
      groupBytes += size;
    }
    if (!group.isEmpty()) {
      splits.add(FileSplit.of("files-" + splits.size(), group));
    }
    return splits;
  }

  /** The splits, in the order they are handed out. */
  public List<FileSplit> splits() {
    return splits;
  }

  /** The files to read (fully, or after their bookmark), in location order (as listed). */
  public List<InputFile> files() {
    return files;
  }

  public int fileCount() {
    return files.size();
  }

  /** The sum of the sizes of the files to read; partly read files count in full. */
  public long totalBytes() {
    return totalBytes;
  }

  /** Records that bookmarks say are done in partly read files: skipped, not emitted. */
  public long recordsToSkip() {
    return recordsToSkip;
  }

  /** Files left out because their bookmark says they are finished (same version). */
  public int skippedFiles() {
    return skippedFiles;
  }

  /** Files with a bookmark of another version, read again in full. */
  public List<InputFile> changedFiles() {
    return changedFiles;
  }

  /**
   * Java serialization writes the compact checkpoint layout instead of the object graph: the plan
   * travels inside the source to the job manager and every task, and a plan of 10,000 files as
   * objects costs a second or more to serialize and read back on each hop.
   */
  private Object writeReplace() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64 * (1 + files.size()));
    out.writeInt(splits.size());
    for (FileSplit split : splits) {
      FileSplitSerializer.write(split, out);
    }
    out.writeInt(changedFiles.size());
    for (InputFile file : changedFiles) {
      out.writeUTF(file.location());
    }
    out.writeLong(recordsToSkip);
    out.writeInt(skippedFiles);
    return new Compact(out.getCopyOfBuffer());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("Cannot read file plan: it is written in its compact form");
  }

  /** The serialized form of a plan. */
  private static final class Compact implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    Compact(byte[] bytes) {
      this.bytes = bytes;
    }

    private Object readResolve() throws IOException {
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      int count = in.readInt();
      List<FileSplit> splits = new ArrayList<>(count);
      Map<String, InputFile> byLocation = new TreeMap<>();
      long bytes = 0;
      for (int i = 0; i < count; i++) {
        FileSplit split = FileSplitSerializer.read(in);
        splits.add(split);
        for (SplitFile file : split.files()) {
          byLocation.put(file.file().location(), file.file());
          bytes += file.file().sizeBytes();
        }
      }
      int changedCount = in.readInt();
      List<InputFile> changed = new ArrayList<>(changedCount);
      for (int i = 0; i < changedCount; i++) {
        changed.add(byLocation.get(in.readUTF()));
      }
      long recordsToSkip = in.readLong();
      int skippedFiles = in.readInt();
      return new FilePlan(
          splits,
          new ArrayList<>(byLocation.values()),
          bytes,
          recordsToSkip,
          skippedFiles,
          changed);
    }
  }

  @Override
  public String toString() {
    return "FilePlan{"
        + files.size()
        + " files, "
        + totalBytes
        + " bytes, "
        + splits.size()
        + " splits, "
        + skippedFiles
        + " already done, "
        + changedFiles.size()
        + " changed}";
  }
}
