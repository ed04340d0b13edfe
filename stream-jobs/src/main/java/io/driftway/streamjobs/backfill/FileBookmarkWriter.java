package io.driftway.streamjobs.backfill;

import io.driftway.connectors.files.FileProgress;
import io.driftway.connectors.files.ProgressListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hears the file source's readers at each checkpoint and writes what they report (files finished
 * since the last completed checkpoint, and how far the current files got) to the {@link
 * BookmarkLog}, inside the reader's snapshot, so before the checkpoint can complete. The log keeps
 * each file as {@code file:<location>@<version>}: {@link Progress#DONE}, or the records done.
 */
final class FileBookmarkWriter implements ProgressListener {
  private static final long serialVersionUID = 1L;

  private final BookmarkLog log;
  private final String runId;
  private final String jobId;

  FileBookmarkWriter(BookmarkLog log, String runId, String jobId) {
    this.log = log;
    this.runId = runId;
    this.jobId = jobId;
  }

  @Override
  public void onCheckpoint(long checkpointId, int subtask, List<FileProgress> progress) {
    if (progress.isEmpty()) {
      return;
    }
    Map<String, String> positions = new HashMap<>();
    for (FileProgress file : progress) {
      positions.put(
          key(file.location(), file.version()),
          file.finished() ? Progress.DONE : Long.toString(file.records()));
    }
    log.writeCheckpoint(runId, jobId, checkpointId, subtask, Progress.of(positions));
  }

  static String key(String location, String version) {
    return "file:" + location + "@" + version;
  }

  /** The file bookmarks in {@code committed}, as the file source takes them. */
  static List<FileProgress> bookmarks(Progress committed) {
    List<FileProgress> files = new ArrayList<>();
    for (Map.Entry<String, String> e : committed.positions().entrySet()) {
      String key = e.getKey();
      int at = key.lastIndexOf('@');
      if (!key.startsWith("file:") || at < 0) {
        continue;
      }
      String location = key.substring("file:".length(), at);
      String version = key.substring(at + 1);
      files.add(
          Progress.DONE.equals(e.getValue())
              ? FileProgress.finished(location, version, 0)
              : FileProgress.at(location, version, Long.parseLong(e.getValue())));
    }
    return files;
  }
}
