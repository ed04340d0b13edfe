package io.driftway.connectors.tracking;

import io.driftway.connectors.iceberg.RowDataAdapter;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.schemaevolution.conform.Conformer;
import io.driftway.schemaevolution.fastpath.FastPath;
import io.driftway.schemaevolution.fastpath.JsonRowReader;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.mapping.IcebergSchemas;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.SchemaEvolutionException;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.types.StructType;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What one subtask knows of one table: its current schema and everything compiled for it. Replaced
 * as a whole when the schema moves, so a row is always built, adapted and written with one
 * consistent set. Used only from the operator's task thread.
 */
final class TableState {

  final TableSettings settings;
  final TableIdentifier id;

  /** {@code id} as text, made once: metrics and activity are keyed by it for every row. */
  final String name;

  final TableIdentifier quarantineId;
  final TablePolicy policy;
  final InferenceOptions inference;
  final SchemaEvolver evolver;

  /**
   * Joins two views of the table (the catalog's and this subtask's proposals): the policy's limits,
   * but no per-field splits, since a view's columns are already split ({@code make_struct} would
   * nest {@code p.long} again as {@code p.struct.long}).
   */
  final SchemaEvolver viewJoin;

  final Conformer conformer;
  final StructType schema;
  final String schemaId;
  final Schema icebergSchema;
  final PartitionSpec spec;
  final RowDataAdapter adapter;

  /** The JSON fast path compiled for this schema, or null when the records are not JSON. */
  final JsonRowReader fastJson;

  /** The Avro fast path of this schema, or null when the records are not Confluent Avro. */
  final AvroReaders fastAvro;

  /** Which fast path a pipeline's records can take: its format decides. */
  enum FastFormat {
    JSON,
    AVRO,
    NONE
  }

  private final FastFormat fast;

  /**
   * What {@link #evolve} decided per record schema: an {@link Evolution} or the {@link
   * SchemaEvolutionException} it threw. The decision depends on the two schemas only, and a
   * drifting producer sends one new schema in every record until the table settles, so each is
   * decided once. Cleared when it reaches {@link #MEMO_LIMIT} entries (records whose schemas all
   * differ).
   */
  private final Map<StructType, Object> decided = new HashMap<>();

  private static final int MEMO_LIMIT = 256;

  private TableState(
      TableSettings settings,
      TableIdentifier id,
      TableIdentifier quarantineId,
      TablePolicy policy,
      StructType schema,
      Schema icebergSchema,
      FastFormat fast) {
    this.settings = settings;
    this.id = id;
    this.name = id.toString();
    this.quarantineId = quarantineId;
    this.policy = policy;
    this.inference =
        InferenceOptions.forTable(policy).withInferTimestamps(settings.inferTimestamps());
    this.evolver = SchemaEvolver.of(policy);
    this.viewJoin =
        SchemaEvolver.of(
            TablePolicy.builder()
                .limits(policy.limits())
                .rescuedColumn(policy.rescuedColumn())
                .build());
    this.conformer = Conformer.of(policy);
    this.schema = schema;
    this.schemaId = SchemaFingerprint.of(schema);
    this.icebergSchema = icebergSchema;
    this.spec = PartitionSpecs.build(icebergSchema, settings.partitionBy());
    this.adapter = RowDataAdapter.forSchema(schema);
    this.fast = fast;
    this.fastJson = fast == FastFormat.JSON ? FastPath.json(schema, policy, inference) : null;
    this.fastAvro = fast == FastFormat.AVRO ? new AvroReaders(schema, policy) : null;
  }

  /**
   * The state of a table whose current schema is {@code schema} ({@code existing}: in the catalog).
   */
  static TableState of(
      TableSettings settings,
      TablePolicy policy,
      StructType schema,
      Schema existing,
      FastFormat fast) {
    TableIdentifier id = TableIdentifier.of(settings.database(), settings.name());
    return new TableState(
        settings,
        id,
        QuarantineTable.idFor(id),
        policy,
        schema,
        existing == null
            ? IcebergSchemas.create(schema).schema()
            : IcebergSchemas.evolve(existing, existing.highestFieldId(), schema).schema(),
        fast);
  }

  /**
   * How this table's schema would move for {@code record}, as {@link
   * SchemaEvolver#evolve(StructType, DynamicRecord)} decides it; memoized per record schema. Task
   * thread only.
   *
   * @throws SchemaEvolutionException what the evolver throws for the record's schema
   */
  Evolution evolve(DynamicRecord record) {
    return decide(record.schema()).withFirstSeen(record.coordinates());
  }

  /**
   * How this table's schema would move for a record of schema {@code recordSchema}, without where
   * it was seen; memoized. Task thread only.
   *
   * @throws SchemaEvolutionException what the evolver throws for that schema
   */
  Evolution decide(StructType recordSchema) {
    Object known = decided.get(recordSchema);
    if (known == null) {
      try {
        known = evolver.evolve(schema, recordSchema);
      } catch (SchemaEvolutionException e) {
        known = e;
      }
      if (decided.size() >= MEMO_LIMIT) {
        decided.clear();
      }
      decided.put(recordSchema, known);
    }
    if (known instanceof SchemaEvolutionException e) {
      throw e;
    }
    return (Evolution) known;
  }

  /** The same table at a newer schema. */
  TableState withSchema(StructType newSchema) {
    return new TableState(
        settings,
        id,
        quarantineId,
        policy,
        newSchema,
        IcebergSchemas.evolve(icebergSchema, icebergSchema.highestFieldId(), newSchema).schema(),
        fast);
  }
}
