package io.driftway.connectors.files.reader;

import io.driftway.connectors.files.DataFiles;
import io.driftway.connectors.files.FileFormat;
import io.driftway.connectors.files.FileProgress;
import io.driftway.connectors.files.ProgressListener;
import io.driftway.connectors.files.S3Access;
import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.FileSplitState;
import io.driftway.connectors.source.RawRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/**
 * The source reader of one parallel subtask: a fetcher thread reads files, the task thread emits
 * their records. It asks the enumerator for a split at start and after each finished split, so fast
 * readers take more groups.
 *
 * <p>Metrics (on the reader's metric group): {@value #FILES_READ}, {@value #BYTES_READ} (file
 * sizes, counted when a file is finished) and {@value #RECORDS_READ}.
 *
 * <p>Progress: at each {@link #snapshotState}, the {@link ProgressListener} (if any) hears the
 * files finished since the last completed checkpoint and the current file of each split.
 *
 * <p>Threading: Flink calls every method from the task thread. Created by {@code FileSource};
 * public only because the source lives in another package.
 *
 * <pre>{@code
 * SourceReader<RawRecord, FileSplit> reader =
 *     new FileSourceReader(context, access, FileFormat.JSON_LINES, listener);
 * }</pre>
 */
@Internal
public final class FileSourceReader
    extends SingleThreadMultiplexSourceReaderBase<
        ReadRecord, RawRecord, FileSplit, FileSplitState> {

  /** Counter: files read to their end. */
  public static final String FILES_READ = "driftwayFilesRead";

  /** Counter: bytes of the files read to their end. */
  public static final String BYTES_READ = "driftwayBytesRead";

  /** Counter: records emitted. */
  public static final String RECORDS_READ = "driftwayRecordsRead";

  private final ProgressListener listener;
  private final int subtask;
  private final FileRecordEmitter emitter;

  /** Finished files by the first checkpoint that reported them, until one completes. */
  private final TreeMap<Long, List<FileProgress>> snapshotted = new TreeMap<>();

  /**
   * @param access how to reach S3, or null for local files only
   * @param format the format of every file, or null to detect each file's from its extension
   * @param listener hears progress at each checkpoint, or null
   */
  public FileSourceReader(
      SourceReaderContext context, S3Access access, FileFormat format, ProgressListener listener) {
    this(context, access, format, listener, new FileRecordEmitter(context.metricGroup()));
  }

  private FileSourceReader(
      SourceReaderContext context,
      S3Access access,
      FileFormat format,
      ProgressListener listener,
      FileRecordEmitter emitter) {
    super(
        () ->
            new FileSplitReader(
                access == null ? DataFiles.local() : DataFiles.create(access), format),
        emitter,
        context.getConfiguration(),
        context);
    this.emitter = emitter;
    this.listener = listener;
    this.subtask = context.getIndexOfSubtask();
  }

  @Override
  public void start() {
    super.start();
    // Splits restored from a checkpoint are read first; a reader without any asks for one.
    if (getNumberOfCurrentlyAssignedSplits() == 0) {
      context.sendSplitRequest();
    }
  }

  @Override
  public void addSplits(List<FileSplit> splits) {
    splits.forEach(emitter::track);
    super.addSplits(splits);
  }

  @Override
  protected void onSplitFinished(Map<String, FileSplitState> finishedSplits) {
    for (FileSplitState state : finishedSplits.values()) {
      emitter.finished(state.finishAll());
    }
    context.sendSplitRequest();
  }

  @Override
  public List<FileSplit> snapshotState(long checkpointId) {
    List<FileSplit> splits = super.snapshotState(checkpointId);
    List<FileProgress> finished = emitter.takeFinished();
    if (!finished.isEmpty()) {
      snapshotted.computeIfAbsent(checkpointId, id -> new ArrayList<>()).addAll(finished);
    }
    if (listener != null) {
      List<FileProgress> progress = new ArrayList<>();
      snapshotted.values().forEach(progress::addAll);
      for (FileSplit split : splits) {
        if (!split.files().isEmpty()) {
          var current = split.files().get(0);
          progress.add(
              FileProgress.at(current.file().location(), current.file().version(), current.skip()));
        }
      }
      listener.onCheckpoint(checkpointId, subtask, List.copyOf(progress));
    }
    return splits;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    snapshotted.headMap(checkpointId, true).clear();
    if (listener != null) {
      listener.onCheckpointComplete(checkpointId, subtask);
    }
    super.notifyCheckpointComplete(checkpointId);
  }

  @Override
  protected FileSplitState initializedState(FileSplit split) {
    return new FileSplitState(split);
  }

  @Override
  protected FileSplit toSplitType(String splitId, FileSplitState state) {
    return state.toSplit();
  }
}
