package io.driftway.streamjobs.graph;

import io.driftway.connectors.alerts.Alerts;
import io.driftway.connectors.iceberg.PipelineTableCreator;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.source.RawRecord;
import io.driftway.connectors.tracking.SinkRecord;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.connectors.tracking.TrackAndConform;
import io.driftway.connectors.tracking.TrackingSettings;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.sink.dynamic.DynamicIcebergSink;
import org.apache.iceberg.flink.sink.dynamic.DynamicRecordGenerator;

/**
 * The streaming job of a pipeline: sources, then route/track/conform, then Iceberg's dynamic sink
 * (tables and schema updates done by the sink, one commit per checkpoint), with schema-change
 * alerts on the side.
 *
 * <pre>{@code
 * Configuration config = PipelineJob.configuration(spec);
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
 * PipelineJob.build(env, spec);
 * env.execute(spec.name());
 * }</pre>
 */
public final class PipelineJob {

  private PipelineJob() {}

  /** Flink settings the pipeline needs before an environment exists: checkpoint storage. */
  public static Configuration configuration(PipelineSpec spec) {
    Configuration config = new Configuration();
    spec.checkpointing()
        .storage()
        .ifPresent(dir -> config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
    config.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    return config;
  }

  /**
   * Checks what the file loader cannot: every table's policies and schema hints parse in the schema
   * layer, and the catalog settings fit together.
   *
   * @throws IllegalArgumentException naming the table and the value to change
   */
  public static void validate(PipelineSpec spec) {
    TrackingSettings tracking = TrackingSettingsFactory.settings(spec);
    for (TableSettings table : tracking.tables().values()) {
      try {
        table.policy();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "Cannot load pipeline: table "
                + table.database()
                + "."
                + table.name()
                + ": "
                + e.getMessage()
                + ": "
                + spec.file(),
            e);
      }
    }
    Catalogs.loader(spec);
  }

  /** Adds the pipeline's operators to {@code env}. */
  public static void build(StreamExecutionEnvironment env, PipelineSpec spec) {
    validate(spec);
    env.setParallelism(spec.parallelism());
    // Without reuse, Flink deep-copies each record between chained operators: every SinkRecord
    // reached the Iceberg sink with a fresh copy of its table's Schema, so the sink's schema cache
    // (keyed by instance) missed on every record, compared schemas per record and logged a warning
    // each time. Every operator here emits new objects and keeps none, so reuse is safe.
    env.getConfig().enableObjectReuse();
    env.enableCheckpointing(
        spec.checkpointing().interval().toMillis(), CheckpointingMode.EXACTLY_ONCE);

    CatalogLoader catalog = Catalogs.loader(spec);
    TrackingSettings tracking = TrackingSettingsFactory.settings(spec);
    DataStream<RawRecord> raw = Sources.raw(env, spec);
    SingleOutputStreamOperator<SinkRecord> rows =
        raw.process(new TrackAndConform(tracking, catalog))
            .returns(TypeInformation.of(SinkRecord.class))
            .name("route, track and conform")
            .uid(spec.name() + "-track");

    DynamicIcebergSink.forInput(rows)
        .generator(new PassThrough())
        .catalogLoader(catalog)
        .tableCreator(new PipelineTableCreator(tableProperties(tracking)))
        // Schema and table updates with the commit, not from each writer at once: concurrent
        // writers otherwise race on the table's metadata and fail the job on the conflict.
        .immediateTableUpdate(false)
        .uidPrefix(spec.name() + "-iceberg")
        .append();

    Alerts.attach(
        rows.getSideOutput(TrackAndConform.ALERTS), AlertSinks.settings(spec), spec.name());
  }

  private static Map<String, Map<String, String>> tableProperties(TrackingSettings tracking) {
    Map<String, Map<String, String>> properties = new HashMap<>();
    for (TableSettings table : tracking.tables().values()) {
      properties.put(table.database() + "." + table.name(), table.properties());
      properties.put(table.database() + "." + QuarantineTable.nameFor(table.name()), Map.of());
    }
    return properties;
  }

  /** The tracking operator already builds the sink's records; hand them on as they are. */
  private static final class PassThrough implements DynamicRecordGenerator<SinkRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void generate(
        SinkRecord record,
        org.apache.flink.util.Collector<org.apache.iceberg.flink.sink.dynamic.DynamicRecord> out) {
      out.collect(record);
    }
  }
}
