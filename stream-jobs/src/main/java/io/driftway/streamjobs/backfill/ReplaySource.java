package io.driftway.streamjobs.backfill;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The bounded, checkpointed source of a replay: Flink's data generator over the planned items (the
 * item at each index), optionally held to a rate, so a replay spares a busy cluster.
 */
final class ReplaySource {

  private ReplaySource() {}

  static DataGeneratorSource<ReplayItem> of(List<ReplayItem> items, double recordsPerSecond) {
    GeneratorFunction<Long, ReplayItem> at = new ItemAt(items);
    return new DataGeneratorSource<>(
        at,
        items.size(),
        recordsPerSecond > 0
            ? RateLimiterStrategy.perSecond(recordsPerSecond)
            : RateLimiterStrategy.noOp(),
        TypeInformation.of(ReplayItem.class));
  }

  /** The item at an index. */
  private static final class ItemAt implements GeneratorFunction<Long, ReplayItem> {
    private static final long serialVersionUID = 1L;

    // An ArrayList (serializable, indexable) travels with the job graph.
    private final List<ReplayItem> items;

    ItemAt(List<ReplayItem> items) {
      this.items = new ArrayList<>(items);
    }

    @Override
    public ReplayItem map(Long index) {
      return items.get(Math.toIntExact(index));
    }
  }
}
