package io.driftway.connectors.files.reader;

import io.driftway.connectors.files.DataFiles;
import io.driftway.connectors.files.FileFormat;
import io.driftway.connectors.files.FileRecords;
import io.driftway.connectors.files.split.FileSplit;
import io.driftway.connectors.files.split.SplitFile;
import io.driftway.connectors.source.RawRecord;
import java.util.ArrayDeque;
import java.util.Queue;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Reads the splits of one reader, one split and one file at a time, in batches. Runs on the fetcher
 * thread; a file that cannot be read fails the fetch, and with it the job, naming the file.
 */
final class FileSplitReader implements SplitReader<ReadRecord, FileSplit> {

  /** Records per fetch: large enough to amortize the hand-over, small enough to stay responsive. */
  static final int BATCH = 1_024;

  private final DataFiles files;
  private final FileFormat format;
  private final Queue<FileSplit> splits = new ArrayDeque<>();
  private FileSplit current;
  private int fileIndex;
  private FileRecords open;

  FileSplitReader(DataFiles files, FileFormat format) {
    this.files = files;
    this.format = format;
  }

  @Override
  public RecordsWithSplitIds<ReadRecord> fetch() {
    RecordsBySplits.Builder<ReadRecord> batch = new RecordsBySplits.Builder<>();
    if (current == null) {
      current = splits.poll();
      fileIndex = 0;
      if (current == null) {
        return batch.build();
      }
    }
    int count = 0;
    while (count < BATCH) {
      if (open == null) {
        if (fileIndex >= current.files().size()) {
          batch.addFinishedSplit(current.splitId());
          current = null;
          return batch.build();
        }
        SplitFile file = current.files().get(fileIndex);
        open = files.open(file.file(), format, file.skip());
      }
      RawRecord raw = open.next();
      if (raw == null) {
        open.close();
        open = null;
        fileIndex++;
        continue;
      }
      batch.add(current.splitId(), new ReadRecord(raw, fileIndex, open.position()));
      count++;
    }
    return batch.build();
  }

  @Override
  public void handleSplitsChanges(SplitsChange<FileSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException(
          "Cannot change file splits: only additions are supported: " + change);
    }
    splits.addAll(change.splits());
  }

  @Override
  public void wakeUp() {
    // A fetch never blocks for long (one batch of records), so there is nothing to interrupt.
  }

  @Override
  public void close() {
    if (open != null) {
      open.close();
      open = null;
    }
    files.close();
  }
}
