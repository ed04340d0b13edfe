package io.driftway.connectors.files.split;

import io.driftway.connectors.files.FileProgress;
import io.driftway.connectors.files.InputFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable reading state of one split: which file is current and how many of its records were
 * emitted (skipped ones included). Changed only from the task thread, by the record emitter.
 *
 * <pre>{@code
 * FileSplitState state = new FileSplitState(split);
 * List<FileProgress> finished = state.advance(fileIndex, position); // per emitted record
 * FileSplit checkpointed = state.toSplit();
 * }</pre>
 */
public final class FileSplitState {

  private final FileSplit split;
  private int index;
  private long position;

  public FileSplitState(FileSplit split) {
    this.split = split;
    this.position = split.files().isEmpty() ? 0 : split.files().get(0).skip();
  }

  /**
   * Records that the record number {@code position} (1-based) of file {@code fileIndex} was
   * emitted; returns the files this finished (those before {@code fileIndex} not yet reported).
   */
  public List<FileProgress> advance(int fileIndex, long newPosition) {
    List<FileProgress> finished = List.of();
    if (fileIndex > index) {
      finished = new ArrayList<>(fileIndex - index);
      while (index < fileIndex) {
        finished.add(finishedCurrent());
        index++;
        position = split.files().get(index).skip();
      }
    }
    position = newPosition;
    return finished;
  }

  /** Every file not reported yet, finished: the split was read to its end. */
  public List<FileProgress> finishAll() {
    List<FileProgress> finished = new ArrayList<>();
    while (index < split.files().size()) {
      finished.add(finishedCurrent());
      index++;
      if (index < split.files().size()) {
        position = split.files().get(index).skip();
      }
    }
    return finished;
  }

  private FileProgress finishedCurrent() {
    InputFile file = split.files().get(index).file();
    return FileProgress.finished(file.location(), file.version(), position);
  }

  /** The current file and its records emitted, or null when every file is done. */
  public FileProgress current() {
    if (index >= split.files().size()) {
      return null;
    }
    InputFile file = split.files().get(index).file();
    return FileProgress.at(file.location(), file.version(), position);
  }

  /** The split as a checkpoint keeps it: the files not finished, the first at its position. */
  public FileSplit toSplit() {
    List<SplitFile> rest = new ArrayList<>(split.files().size() - index);
    for (int i = index; i < split.files().size(); i++) {
      SplitFile file = split.files().get(i);
      rest.add(i == index ? new SplitFile(file.file(), position) : file);
    }
    return FileSplit.of(split.splitId(), rest);
  }

  /** The split as it was assigned or restored. */
  public FileSplit split() {
    return split;
  }
}
