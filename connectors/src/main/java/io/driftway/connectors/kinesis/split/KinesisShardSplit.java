package io.driftway.connectors.kinesis.split;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One shard of one stream, as Flink checkpoints it: the shard, its parents (for the
 * parents-before-children rule), and where reading resumes. Immutable; copies come from {@link
 * #withPosition} and {@link #finished}.
 *
 * <p>A split that carries a {@link #finishReason()} is a tombstone: the reader already emitted all
 * of it and keeps it in its checkpoints only until the enumerator is known to have seen the finish.
 *
 * <pre>{@code
 * KinesisShardSplit split =
 *     KinesisShardSplit.of("orders", "shardId-000000000002", List.of("shardId-000000000000"),
 *         ShardPosition.trimHorizon());
 * }</pre>
 */
public final class KinesisShardSplit implements SourceSplit {

  private final String stream;
  private final String shardId;
  private final List<String> parentShardIds;
  private final ShardPosition position;
  private final FinishReason finishReason;

  private KinesisShardSplit(
      String stream,
      String shardId,
      List<String> parentShardIds,
      ShardPosition position,
      FinishReason finishReason) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.shardId = Objects.requireNonNull(shardId, "shardId");
    this.parentShardIds = List.copyOf(parentShardIds);
    this.position = Objects.requireNonNull(position, "position");
    this.finishReason = finishReason;
  }

  /** An unfinished split of {@code shardId} in {@code stream}, read from {@code position}. */
  public static KinesisShardSplit of(
      String stream, String shardId, List<String> parentShardIds, ShardPosition position) {
    return new KinesisShardSplit(stream, shardId, parentShardIds, position, null);
  }

  /** The split id of a shard: unique across the streams of one source. */
  public static String splitId(String stream, String shardId) {
    // Stream names cannot contain ':', so the id splits back unambiguously.
    return stream + ':' + shardId;
  }

  @Override
  public String splitId() {
    return splitId(stream, shardId);
  }

  /** The stream name (never an ARN: ARNs are resolved when the source is built). */
  public String stream() {
    return stream;
  }

  public String shardId() {
    return shardId;
  }

  /** The shard's parent and adjacent parent (after a merge), oldest first; often empty. */
  public List<String> parentShardIds() {
    return parentShardIds;
  }

  /** Where reading resumes. */
  public ShardPosition position() {
    return position;
  }

  /** Why the split finished; empty while it is still being read. */
  public Optional<FinishReason> finishReason() {
    return Optional.ofNullable(finishReason);
  }

  public boolean isFinished() {
    return finishReason != null;
  }

  /** This split, resuming from {@code newPosition}. */
  public KinesisShardSplit withPosition(ShardPosition newPosition) {
    return new KinesisShardSplit(stream, shardId, parentShardIds, newPosition, finishReason);
  }

  /** This split as a tombstone that finished for {@code reason}. */
  public KinesisShardSplit finished(FinishReason reason) {
    return new KinesisShardSplit(
        stream, shardId, parentShardIds, position, Objects.requireNonNull(reason, "reason"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KinesisShardSplit other
        && stream.equals(other.stream)
        && shardId.equals(other.shardId)
        && parentShardIds.equals(other.parentShardIds)
        && position.equals(other.position)
        && finishReason == other.finishReason;
  }

  @Override
  public int hashCode() {
    return Objects.hash(stream, shardId, parentShardIds, position, finishReason);
  }

  @Override
  public String toString() {
    return "KinesisShardSplit{"
        + splitId()
        + ", parents="
        + parentShardIds
        + ", position="
        + position
        + (finishReason == null ? "" : ", finished=" + finishReason)
        + '}';
  }
}
