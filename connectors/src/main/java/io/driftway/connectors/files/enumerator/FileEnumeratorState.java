package io.driftway.connectors.files.enumerator;

import io.driftway.connectors.files.split.FileSplit;
import java.util.List;

/**
 * What the enumerator checkpoints: the splits not assigned to any reader yet. Assigned splits are
 * in their readers' checkpoints.
 *
 * @param unassigned the splits still to hand out, in order
 */
public record FileEnumeratorState(List<FileSplit> unassigned) {

  /** Copies the list. */
  public FileEnumeratorState {
    unassigned = List.copyOf(unassigned);
  }
}
