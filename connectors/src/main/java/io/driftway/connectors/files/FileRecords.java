package io.driftway.connectors.files;

import io.driftway.connectors.source.RawRecord;
import java.io.Closeable;

/**
 * The records of one open file, in file order, streamed (a large file is never held in memory). Not
 * thread-safe: one reader thread.
 *
 * <pre>{@code
 * try (FileRecords records = files.open(file, null, 0)) {
 *   for (RawRecord raw = records.next(); raw != null; raw = records.next()) { ... }
 * }
 * }</pre>
 */
public interface FileRecords extends Closeable {

  /**
   * The next record, or null at the end of the file.
   *
   * @throws FileReadException when the file cannot be read further (truncated, corrupt)
   */
  RawRecord next();

  /**
   * Records of this file consumed so far, skipped ones included: after {@link #next()} returned a
   * record, its 1-based record number. This is what a bookmark stores.
   */
  long position();

  @Override
  void close();
}
