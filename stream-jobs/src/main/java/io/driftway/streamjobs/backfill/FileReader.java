package io.driftway.streamjobs.backfill;

import io.driftway.connectors.files.DataFiles;
import io.driftway.connectors.files.FileRecords;
import io.driftway.connectors.files.InputFile;
import io.driftway.connectors.files.S3Access;
import io.driftway.connectors.source.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads each listed file whole, in one step, and emits its records: a checkpoint barrier never
 * falls inside a file, so at every checkpoint the files this subtask finished are exactly the files
 * whose rows that checkpoint commits. Those go to the {@link BookmarkLog} (as {@code
 * file:<location>@<version>} = {@link Progress#DONE}) before the checkpoint completes.
 *
 * <p>A file rewritten since an earlier run has another version, hence another key: it is read
 * again.
 */
final class FileReader extends ProcessFunction<Long, RawRecord> implements CheckpointedFunction {
  private static final long serialVersionUID = 1L;

  static final String FILES_READ = "driftwayFilesRead";

  private final S3Access access;
  private final BookmarkLog log;
  private final String runId;
  // The listing travels with the operator and a number sequence source hands out indexes into
  // it: Flink's collection source would serialize the files with Kryo, which cannot rebuild them.
  private final List<InputFile> listing;

  private transient DataFiles files;
  private transient Set<String> done;
  private transient ListState<String> state;
  private transient Counter filesRead;
  private transient Counter bytesRead;
  private transient Counter recordsRead;

  /**
   * @param access how to reach S3, or null for local files only
   * @param listing the files to read; the source emits indexes into it
   */
  FileReader(S3Access access, BookmarkLog log, String runId, List<InputFile> listing) {
    this.listing = new ArrayList<>(listing);
    this.access = access;
    this.log = log;
    this.runId = runId;
  }

  static String key(InputFile file) {
    return "file:" + file.location() + "@" + file.version();
  }

  @Override
  public void open(OpenContext context) {
    files = access == null ? DataFiles.local() : DataFiles.create(access);
    var group = getRuntimeContext().getMetricGroup();
    filesRead = group.counter(FILES_READ);
    bytesRead = group.counter(BookmarkTracker.BYTES_READ);
    recordsRead = group.counter(BookmarkTracker.RECORDS_READ);
  }

  @Override
  public void close() {
    if (files != null) {
      files.close();
    }
  }

  @Override
  public void processElement(Long index, Context context, Collector<RawRecord> out) {
    if (index >= listing.size()) {
      // The one index of a run with nothing left to read (a number sequence cannot be empty).
      return;
    }
    InputFile file = listing.get(index.intValue());
    try (FileRecords records = files.open(file, null, 0)) {
      for (RawRecord raw = records.next(); raw != null; raw = records.next()) {
        out.collect(raw);
        recordsRead.inc();
      }
    }
    done.add(key(file));
    filesRead.inc();
    bytesRead.inc(file.sizeBytes());
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    Map<String, String> positions = new HashMap<>();
    for (String key : done) {
      positions.put(key, Progress.DONE);
    }
    Progress progress = Progress.of(positions);
    log.writeCheckpoint(
        runId,
        getRuntimeContext().getJobInfo().getJobId().toHexString(),
        context.getCheckpointId(),
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
        progress);
    state.update(new ArrayList<>(done));
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    state =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("backfill-files-done", String.class));
    done = new HashSet<>();
    if (context.isRestored()) {
      for (String key : state.get()) {
        done.add(key);
      }
    }
  }

  /** The files of {@code listed} that {@code committed} does not cover. */
  static List<InputFile> remaining(List<InputFile> listed, Progress committed) {
    List<InputFile> left = new ArrayList<>();
    for (InputFile file : listed) {
      if (!Progress.DONE.equals(committed.position(key(file)))) {
        left.add(file);
      }
    }
    return left;
  }
}
