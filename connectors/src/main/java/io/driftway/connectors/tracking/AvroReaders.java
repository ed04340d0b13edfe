package io.driftway.connectors.tracking;

import io.driftway.connectors.registry.DecodedAvroRecord;
import io.driftway.schemaevolution.fastpath.AvroRowReader;
import io.driftway.schemaevolution.fastpath.FastPath;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.StructType;
import java.util.HashMap;
import java.util.Map;

/**
 * The Avro fast path of one table schema: a reader compiled per writer schema the records come with
 * (a producer sends one or two versions at a time), each deciding once whether records of that
 * writer schema can fit the table at all. Used only from the operator's task thread.
 */
final class AvroReaders {

  /** Writer schemas kept per table schema; a stream of ever new versions recompiles, not grows. */
  private static final int LIMIT = 64;

  private final StructType schema;
  private final TablePolicy policy;
  private final Map<Integer, AvroRowReader> bySchemaId = new HashMap<>();

  AvroReaders(StructType schema, TablePolicy policy) {
    this.schema = schema;
    this.policy = policy;
  }

  /** The row of {@code decoded} when it fits the table's schema as it is, else null. */
  @SuppressWarnings("ReferenceEquality") // a reader reads records of its own schema instance
  Row read(DecodedAvroRecord decoded) {
    AvroRowReader reader = bySchemaId.get(decoded.schemaId());
    // The decoder hands out one schema instance per id while it caches the id; a new instance
    // (evicted and fetched again) is compiled again.
    if (reader == null || reader.writerSchema() != decoded.writerSchema()) {
      if (bySchemaId.size() >= LIMIT) {
        bySchemaId.clear();
      }
      reader = FastPath.avro(schema, decoded.writerSchema(), policy);
      bySchemaId.put(decoded.schemaId(), reader);
    }
    return reader.canFit() ? reader.read(decoded.record()) : null;
  }
}
