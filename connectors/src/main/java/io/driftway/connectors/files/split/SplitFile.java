package io.driftway.connectors.files.split;

import io.driftway.connectors.files.InputFile;
import java.io.Serializable;
import java.util.Objects;

/**
 * One file of a split and how many of its first records to skip (done by an earlier run or before
 * the checkpoint this split was restored from).
 *
 * @param file the file as listed
 * @param skip records of the file already emitted
 */
public record SplitFile(InputFile file, long skip) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Validates the parts. */
  public SplitFile {
    Objects.requireNonNull(file, "file");
    if (skip < 0) {
      throw new IllegalArgumentException(
          "Cannot plan file: records to skip is negative (" + skip + "): " + file.location());
    }
  }
}
