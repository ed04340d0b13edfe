package io.driftway.connectors.files;

import io.driftway.connectors.files.enumerator.FileEnumeratorState;
import io.driftway.connectors.files.enumerator.FileEnumeratorStateSerializer;
import io.driftway.connectors.files.enumerator.FileSplitEnumerator;
import io.driftway.connectors.files.reader.FileSourceReader;
import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.FileSplitSerializer;
import io.driftway.connectors.source.RawRecord;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded Flink source over data files on S3 or a local folder (JSON lines, CSV, Avro, Parquet;
 * see {@link FileFormat}): it emits each record as a {@link RawRecord} carrying its encoding and
 * partition values, for {@link io.driftway.connectors.format.FormatSettings#files()} to decode. The
 * job ends when every file is read.
 *
 * <p>Files are listed once, when the plan is made ({@link #plan()}, before the job starts, or by
 * the enumerator), grouped into splits (see {@link FilePlan}) and handed to readers on request.
 * Checkpoints hold the unassigned splits and, per split, the files left and the records emitted in
 * the current one, so a restored job neither repeats nor loses a record. Bookmarks from an earlier
 * run ({@link FileProgress}) skip what it already did; a {@link ProgressListener} hears the
 * progress at every checkpoint.
 *
 * <p>Built with {@link #builder()}; immutable and serializable, as Flink ships it to the cluster
 * (with its plan, so the cluster does not list again).
 *
 * <pre>{@code
 * FileSource source = FileSource.builder()
 *     .location("s3://bucket/events/")
 *     .s3(S3Access.of("eu-west-1"))
 *     .bookmarks(previousRun)
 *     .progressListener(bookmarkWriter)
 *     .build();
 * FilePlan plan = source.plan(); // lists now: files, bytes
 * DataStream<RawRecord> raw =
 *     env.fromSource(source, WatermarkStrategy.noWatermarks(), "files-events");
 * }</pre>
 */
public final class FileSource
    implements Source<RawRecord, FileSplit, FileEnumeratorState>, ResultTypeQueryable<RawRecord> {

  private static final long serialVersionUID = 1L;

  private final String location;
  private final List<InputFile> files;
  private final S3Access access;
  private final FileFormat format;
  private final long groupSizeBytes;
  private final Map<String, FileProgress> bookmarks;
  private final ProgressListener listener;
  private FilePlan plan;

  FileSource(
      String location,
      List<InputFile> files,
      S3Access access,
      FileFormat format,
      long groupSizeBytes,
      Map<String, FileProgress> bookmarks,
      ProgressListener listener) {
    this.location = location;
    this.files = files;
    this.access = access;
    this.format = format;
    this.groupSizeBytes = groupSizeBytes;
    this.bookmarks = bookmarks;
    this.listener = listener;
  }

  /** A builder; {@code location} or {@code files} is required. */
  public static FileSourceBuilder builder() {
    return new FileSourceBuilder();
  }

  /**
   * The plan: lists the location on the first call (on the caller's thread), then returns the same
   * plan, which the job then follows.
   *
   * @throws FileReadException when the listing fails
   * @throws IllegalArgumentException when the format is detected and a file has no known extension
   */
  public synchronized FilePlan plan() {
    if (plan == null) {
      List<InputFile> listed = files;
      if (listed == null) {
        try (DataFiles data = access == null ? DataFiles.local() : DataFiles.create(access)) {
          listed = data.list(location);
        }
      }
      plan = FilePlan.of(listed, bookmarks, format, groupSizeBytes);
    }
    return plan;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<RawRecord, FileSplit> createReader(SourceReaderContext context) {
    return new FileSourceReader(context, access, format, listener);
  }

  @Override
  public SplitEnumerator<FileSplit, FileEnumeratorState> createEnumerator(
      SplitEnumeratorContext<FileSplit> context) {
    return new FileSplitEnumerator(context, plan().splits());
  }

  @Override
  public SplitEnumerator<FileSplit, FileEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<FileSplit> context, FileEnumeratorState state) {
    return new FileSplitEnumerator(context, state.unassigned());
  }

  @Override
  public SimpleVersionedSerializer<FileSplit> getSplitSerializer() {
    return FileSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<FileEnumeratorState> getEnumeratorCheckpointSerializer() {
    return FileEnumeratorStateSerializer.INSTANCE;
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }

  @Override
  public String toString() {
    return "FileSource{"
        + (location != null ? location : files.size() + " files")
        + ", format "
        + (format == null ? "by extension" : format)
        + ", group size "
        + groupSizeBytes
        + " bytes, "
        + bookmarks.size()
        + " bookmarks"
        + (access == null ? "" : ", " + access)
        + '}';
  }
}
