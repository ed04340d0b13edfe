package io.driftway.connectors.kinesis.enumerator;

import io.driftway.connectors.kinesis.split.FinishReason;
import io.driftway.connectors.kinesis.split.KinesisShardSplit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the enumerator checkpoints: which streams had their first listing (so a restore does not
 * apply the starting position again), the splits not yet handed to a reader (new, or waiting for
 * their parents), the ids of splits being read, and the ids of finished splits with the reason.
 * Immutable.
 *
 * <pre>{@code
 * KinesisEnumeratorState state = enumerator.snapshotState(checkpointId);
 * byte[] bytes = KinesisEnumeratorStateSerializer.INSTANCE.serialize(state);
 * }</pre>
 */
public final class KinesisEnumeratorState {

  private static final KinesisEnumeratorState EMPTY =
      new KinesisEnumeratorState(Set.of(), List.of(), Set.of(), Map.of());

  private final Set<String> discoveredStreams;
  private final List<KinesisShardSplit> unassignedSplits;
  private final Set<String> assignedSplitIds;
  private final Map<String, FinishReason> finishedSplitIds;

  private KinesisEnumeratorState(
      Set<String> discoveredStreams,
      List<KinesisShardSplit> unassignedSplits,
      Set<String> assignedSplitIds,
      Map<String, FinishReason> finishedSplitIds) {
    this.discoveredStreams = Set.copyOf(discoveredStreams);
    this.unassignedSplits = List.copyOf(unassignedSplits);
    this.assignedSplitIds = Set.copyOf(assignedSplitIds);
    this.finishedSplitIds = Map.copyOf(finishedSplitIds);
  }

  /** The state of an enumerator that has not listed any stream yet. */
  public static KinesisEnumeratorState empty() {
    return EMPTY;
  }

  public static KinesisEnumeratorState of(
      Set<String> discoveredStreams,
      List<KinesisShardSplit> unassignedSplits,
      Set<String> assignedSplitIds,
      Map<String, FinishReason> finishedSplitIds) {
    return new KinesisEnumeratorState(
        discoveredStreams, unassignedSplits, assignedSplitIds, finishedSplitIds);
  }

  /** Streams whose shards were listed at least once. */
  public Set<String> discoveredStreams() {
    return discoveredStreams;
  }

  /** Splits known but not handed to a reader yet, in discovery order. */
  public List<KinesisShardSplit> unassignedSplits() {
    return unassignedSplits;
  }

  /** Ids of splits a reader owns and has not finished. */
  public Set<String> assignedSplitIds() {
    return assignedSplitIds;
  }

  /** Ids of finished splits, with why they finished. */
  public Map<String, FinishReason> finishedSplitIds() {
    return finishedSplitIds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KinesisEnumeratorState other
        && discoveredStreams.equals(other.discoveredStreams)
        && unassignedSplits.equals(other.unassignedSplits)
        && assignedSplitIds.equals(other.assignedSplitIds)
        && finishedSplitIds.equals(other.finishedSplitIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(discoveredStreams, unassignedSplits, assignedSplitIds, finishedSplitIds);
  }

  @Override
  public String toString() {
    return "KinesisEnumeratorState{streams="
        + discoveredStreams
        + ", unassigned="
        + unassignedSplits
        + ", assigned="
        + assignedSplitIds
        + ", finished="
        + finishedSplitIds
        + '}';
  }
}
