package io.driftway.connectors.files.reader;

import io.driftway.connectors.files.FileProgress;
import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.FileSplitState;
import io.driftway.connectors.files.split.SplitFile;
import io.driftway.connectors.source.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Emits each record and moves its split's state past it, on the task thread, so that a checkpoint
 * always sees state and output agree. It also keeps the reader's counters and the files finished
 * since the reader last took them.
 */
final class FileRecordEmitter implements RecordEmitter<ReadRecord, RawRecord, FileSplitState> {

  private final Counter records;
  private final Counter files;
  private final Counter bytes;
  private final Map<String, Long> sizes = new HashMap<>();
  private final List<FileProgress> finished = new ArrayList<>();

  FileRecordEmitter(MetricGroup metrics) {
    this.records = metrics.counter(FileSourceReader.RECORDS_READ);
    this.files = metrics.counter(FileSourceReader.FILES_READ);
    this.bytes = metrics.counter(FileSourceReader.BYTES_READ);
  }

  @Override
  public void emitRecord(ReadRecord record, SourceOutput<RawRecord> output, FileSplitState state) {
    output.collect(record.raw());
    records.inc();
    List<FileProgress> done = state.advance(record.fileIndex(), record.position());
    if (!done.isEmpty()) {
      finished(done);
    }
  }

  /** Remembers the sizes of a new split's files, for the bytes counter. */
  void track(FileSplit split) {
    for (SplitFile file : split.files()) {
      sizes.put(file.file().location(), file.file().sizeBytes());
    }
  }

  /** Counts and remembers files read to their end. */
  void finished(List<FileProgress> done) {
    for (FileProgress file : done) {
      files.inc();
      Long size = sizes.remove(file.location());
      if (size != null) {
        bytes.inc(size);
      }
    }
    finished.addAll(done);
  }

  /** The files finished since the last call. */
  List<FileProgress> takeFinished() {
    List<FileProgress> taken = List.copyOf(finished);
    finished.clear();
    return taken;
  }
}
