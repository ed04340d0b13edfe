package io.driftway.connectors.alerts;

import io.driftway.connectors.metrics.PipelineMetrics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first alert per (table, resulting schema) through, keyed by table. Every subtask that
 * sees the same drift reports it; the deterministic schema join gives them the same schema id, so
 * one alert leaves. The seen set is checkpointed: a restart does not repeat old alerts. Each alert
 * that leaves, except one that only says records wait ({@code HOLD}), counts one {@code
 * schema_changes} of its table.
 */
public final class AlertDeduplicator
    extends KeyedProcessFunction<String, SchemaChangeAlert, SchemaChangeAlert> {
  private static final long serialVersionUID = 1L;

  private transient MapState<String, Boolean> seen;
  private transient PipelineMetrics metrics;

  @Override
  public void open(OpenContext context) {
    metrics = PipelineMetrics.on(getRuntimeContext().getMetricGroup());
    seen =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("seen-schemas", Types.STRING, Types.BOOLEAN));
  }

  @Override
  public void processElement(
      SchemaChangeAlert alert, Context context, Collector<SchemaChangeAlert> out) throws Exception {
    if (!seen.contains(alert.schemaIdAfter())) {
      seen.put(alert.schemaIdAfter(), Boolean.TRUE);
      out.collect(alert);
      if (!alert.changes().stream().allMatch(c -> c.kind().equals("HOLD"))) {
        // A hold is a change waiting for approval, not one made: counted when approved.
        metrics.table(alert.qualifiedTable()).schemaChanges().inc();
      }
    }
  }
}
