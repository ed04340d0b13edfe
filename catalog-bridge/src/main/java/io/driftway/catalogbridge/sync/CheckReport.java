package io.driftway.catalogbridge.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The outcome of a check: divergences found, and what could not be checked (and why). */
public final class CheckReport {

  /** Exit code when everything checked agrees. */
  public static final int CONSISTENT = 0;

  /** Exit code when at least one divergence was found. */
  public static final int DIVERGED = 1;

  private final List<Divergence> divergences = new ArrayList<>();
  private final List<String> unchecked = new ArrayList<>();
  private int tables;
  private int partitions;

  CheckReport() {}

  void add(Divergence divergence) {
    divergences.add(divergence);
  }

  void unchecked(String what) {
    unchecked.add(what);
  }

  void countTable() {
    tables++;
  }

  void countPartition() {
    partitions++;
  }

  public List<Divergence> divergences() {
    return Collections.unmodifiableList(divergences);
  }

  /** Entries whose files could not be reached (no access, unsupported scheme), with the reason. */
  public List<String> unchecked() {
    return Collections.unmodifiableList(unchecked);
  }

  public int tablesChecked() {
    return tables;
  }

  public int partitionsChecked() {
    return partitions;
  }

  /** {@link #CONSISTENT} or {@link #DIVERGED}, for scripts. */
  public int exitCode() {
    return divergences.isEmpty() ? CONSISTENT : DIVERGED;
  }
}
