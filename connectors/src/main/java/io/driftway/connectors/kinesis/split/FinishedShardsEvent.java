package io.driftway.connectors.kinesis.split;

import java.util.Map;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Sent by a source reader to the enumerator when it has emitted everything it will read of some
 * splits. The enumerator treats it as idempotent: a reader restored from a checkpoint sends it
 * again for the tombstones in its state.
 *
 * <pre>{@code
 * context.sendSourceEventToCoordinator(
 *     new FinishedShardsEvent(Map.of(split.splitId(), FinishReason.SHARD_END)));
 * }</pre>
 *
 * @param finished split id to the reason it finished
 */
public record FinishedShardsEvent(Map<String, FinishReason> finished) implements SourceEvent {

  private static final long serialVersionUID = 1L;

  public FinishedShardsEvent {
    finished = Map.copyOf(finished);
  }
}
