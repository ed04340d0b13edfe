package io.driftway.loadtests.pipeline;

import io.driftway.streamjobs.graph.PipelineJob;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.streamjobs.spec.PipelineSpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.formats.avro.AvroRowDataDeserializationSchema;
import org.apache.flink.formats.avro.AvroToRowDataConverters;
import org.apache.flink.formats.avro.RegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroSchemaConverter;
import org.apache.flink.formats.common.TimestampFormat;
import org.apache.flink.formats.json.JsonRowDataDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.table.types.logical.RowType;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.IcebergSink;

/**
 * The two Flink jobs the benches compare, Kafka topic → Iceberg table on a Hadoop catalog:
 *
 * <ul>
 *   <li>Driftway's pipeline, from a pipeline spec through {@link PipelineJob#build}: decode, track
 *       and conform, {@code DynamicIcebergSink}; the sink creates and evolves the table;
 *   <li>the static-schema job: {@code KafkaSource} with Flink's {@link
 *       JsonRowDataDeserializationSchema} (or Flink's Avro format on Confluent-framed Avro) into a
 *       fixed schema (fields it does not know are dropped), Iceberg's plain {@link IcebergSink}
 *       into a table created beforehand.
 * </ul>
 *
 * <pre>{@code
 * PipelineSpec spec = BenchJobs.driftwaySpec(bootstrap, "orders", "t1", warehouse, interval, 2);
 * StreamExecutionEnvironment env = flink.environment(2, BenchJobs.configuration(spec));
 * BenchJobs.driftway(env, spec);
 * }</pre>
 */
public final class BenchJobs {

  /** The namespace of every bench table. */
  public static final String DATABASE = "bench";

  private BenchJobs() {}

  /**
   * A pipeline spec reading {@code topic} from the start into {@code bench.<table>}, on a Hadoop
   * catalog over {@code warehouse}.
   */
  public static PipelineSpec driftwaySpec(
      String bootstrapServers,
      String topic,
      String table,
      String warehouse,
      Duration checkpoint,
      int parallelism) {
    return driftwaySpec(
        bootstrapServers, topic, table, warehouse, "  type: hadoop\n", checkpoint, parallelism);
  }

  /**
   * A pipeline spec reading JSON records of {@code topic} from the start into {@code
   * bench.<table>}; {@code catalogYaml} is the body of the spec's {@code catalog:} block, indented
   * by two spaces.
   */
  public static PipelineSpec driftwaySpec(
      String bootstrapServers,
      String topic,
      String table,
      String warehouse,
      String catalogYaml,
      Duration checkpoint,
      int parallelism) {
    return driftwaySpec(
        bootstrapServers, topic, table, warehouse, catalogYaml, null, checkpoint, parallelism);
  }

  /**
   * As {@link #driftwaySpec(String, String, String, String, String, Duration, int)}, the records in
   * Avro, Confluent wire format, when {@code registryUrl} is not null: {@code format: {type:
   * avro-confluent, registry: {url: <registryUrl>}}}. Checkpoints go to {@code checkpoints/<table>}
   * next to {@code warehouse} (a local folder), as {@code driftway run} keeps them in a folder: in
   * the JobManager's memory, the default without one, a checkpoint taken while a settle holds a few
   * thousand 1 KB records passes Flink's 5 MB limit and fails.
   */
  public static PipelineSpec driftwaySpec(
      String bootstrapServers,
      String topic,
      String table,
      String warehouse,
      String catalogYaml,
      String registryUrl,
      Duration checkpoint,
      int parallelism) {
    String format =
        registryUrl == null
            ? "type: json"
            : "type: avro-confluent\n  registry:\n    url: " + registryUrl;
    String yaml =
        """
        name: bench-%s
        sources:
          - kafka:
              bootstrap-servers: %s
              topics: [%s]
              group-id: bench-%s
              starting-position: earliest
        format:
          %s
        routing:
          table: %s
        tables:
          - name: %s
            database: %s
        warehouse:
          location: %s
        catalog:
        %s
        checkpointing:
          interval: %ds
          storage: %s
        parallelism: %d
        alerts:
          log: true
        """
            .formatted(
                table,
                bootstrapServers,
                topic,
                table,
                format,
                table,
                table,
                DATABASE,
                warehouse,
                catalogYaml.stripTrailing(),
                checkpoint.toSeconds(),
                Path.of(warehouse).resolveSibling("checkpoints").resolve(table).toUri(),
                parallelism);
    return PipelineSpecLoader.parse("bench-" + table + ".yaml", yaml, name -> null);
  }

  /** The job settings the pipeline needs on its environment. */
  public static Configuration configuration(PipelineSpec spec) {
    return PipelineJob.configuration(spec);
  }

  /** Adds Driftway's pipeline to {@code env}. */
  public static void driftway(StreamExecutionEnvironment env, PipelineSpec spec) {
    PipelineJob.build(env, spec);
  }

  /**
   * Adds the static-schema job on JSON records to {@code env}: {@code topic} from the start into
   * the existing table {@code id} of {@code schema}, checkpoints every {@code checkpoint}.
   */
  public static void staticSchema(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String topic,
      TableIdentifier id,
      Schema schema,
      CatalogLoader catalogLoader,
      Duration checkpoint,
      int parallelism) {
    staticSchema(
        env, bootstrapServers, topic, id, schema, null, catalogLoader, checkpoint, parallelism);
  }

  /**
   * As {@link #staticSchema(StreamExecutionEnvironment, String, String, TableIdentifier, Schema,
   * CatalogLoader, Duration, int)}, the records in Avro, Confluent wire format, when {@code
   * registryUrl} is not null (see {@link #staticDeserializer}).
   */
  public static void staticSchema(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String topic,
      TableIdentifier id,
      Schema schema,
      String registryUrl,
      CatalogLoader catalogLoader,
      Duration checkpoint,
      int parallelism) {
    DeserializationSchema<RowData> deserializer = staticDeserializer(schema, registryUrl);
    KafkaSource<RowData> source =
        KafkaSource.<RowData>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topic)
            .setGroupId("bench-" + id.name())
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setValueOnlyDeserializer(deserializer)
            .build();
    // The same execution settings as the pipeline: a fair baseline skips the per-record copies too.
    env.getConfig().enableObjectReuse();
    env.enableCheckpointing(checkpoint.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    DataStream<RowData> rows =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka").uid(id.name() + "-kafka");
    IcebergSink.forRowData(rows)
        .tableLoader(TableLoader.fromCatalog(catalogLoader, id))
        .writeParallelism(parallelism)
        .uidSuffix(id.name())
        .append();
  }

  /**
   * What a static-schema job decodes with, into rows of {@code schema}: Flink's JSON format when
   * {@code registryUrl} is null (fields it does not know are dropped); else Flink's Avro format as
   * its {@code avro-confluent} format composes it, with {@link RegistrySchemaCoder} in place of
   * Confluent's client: the writer schema fetched by the record's id once, resolved by Avro against
   * the job's fixed reader schema (derived from {@code schema} by Flink: longs stay long, so an int
   * widened to long resolves by Avro's promotion; writer fields the reader does not know are
   * skipped; reader fields a writer lacks are null), converted to {@link RowData} by Flink's
   * converters.
   */
  public static DeserializationSchema<RowData> staticDeserializer(
      Schema schema, String registryUrl) {
    RowType rowType = FlinkSchemaUtil.convert(schema);
    if (registryUrl == null) {
      return new JsonRowDataDeserializationSchema(
          rowType, InternalTypeInfo.of(rowType), false, false, TimestampFormat.ISO_8601);
    }
    org.apache.avro.Schema reader = AvroSchemaConverter.convertToSchema(rowType);
    return new AvroRowDataDeserializationSchema(
        new RegistryAvroDeserializationSchema<>(
            GenericRecord.class, reader, new RegistrySchemaCoder.Provider(registryUrl)),
        AvroToRowDataConverters.createRowConverter(rowType),
        InternalTypeInfo.of(rowType));
  }
}
