package io.driftway.loadtests.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftway.loadtests.data.OrderRecords;
import io.driftway.schemaevolution.conform.Conformed;
import io.driftway.schemaevolution.conform.Conformer;
import io.driftway.schemaevolution.fastpath.FastPath;
import io.driftway.schemaevolution.fastpath.JsonRowReader;
import io.driftway.schemaevolution.infer.InferenceOptions;
import io.driftway.schemaevolution.infer.Inferrers;
import io.driftway.schemaevolution.infer.RecordInferrer;
import io.driftway.schemaevolution.merge.Evolution;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.policy.SchemaHints;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.StructType;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The schema layer's per-record cost on 1 KB order events, against Jackson's {@code
 * ObjectMapper.readTree} of the same bytes:
 *
 * <ul>
 *   <li>{@code fastPath}: the reader compiled for the table schema parses straight into a row;
 *   <li>{@code generalPath}: infer a dynamic record, evolve the table schema with it (no drift:
 *       nothing changes), conform it to a row;
 *   <li>{@code readTree}: the baseline, a Jackson tree and nothing else;
 *   <li>{@code tokenWalk}: the floor, Jackson's streaming parser to the last token, no value kept.
 * </ul>
 *
 * Every invocation takes the next of 256 different records, so no branch learns one input.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SchemaPathBenchmark {

  private static final int RECORDS = 256;

  private byte[][] records;
  private int next;
  private ObjectMapper mapper;
  private JsonFactory factory;
  private JsonRowReader fast;
  private RecordInferrer<byte[]> inferrer;
  private SchemaEvolver evolver;
  private Conformer conformer;
  private StructType table;

  /** Builds the table schema from the records themselves, then compiles the fast path. */
  @Setup(Level.Trial)
  public void setUp() {
    List<byte[]> generated = OrderRecords.generate(42L, RECORDS);
    records = generated.toArray(new byte[0][]);
    mapper = new ObjectMapper();
    factory = mapper.getFactory();
    TablePolicy policy =
        TablePolicy.builder().hints(SchemaHints.parse("created_at: timestamptz")).build();
    InferenceOptions options = InferenceOptions.forTable(policy);
    inferrer = Inferrers.json(options);
    evolver = SchemaEvolver.of(policy);
    conformer = Conformer.of(policy);
    StructType schema = StructType.empty();
    for (byte[] record : records) {
      schema =
          evolver
              .evolve(schema, inferrer.infer(record, SourceCoordinates.unknown()).schema())
              .after();
    }
    table = schema;
    fast = FastPath.json(table, policy, options);
    for (byte[] record : records) {
      if (fast.read(record) == null) {
        throw new IllegalStateException(
            "Cannot set up benchmark: a generated record does not take the fast path: "
                + new String(record, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  private byte[] nextRecord() {
    byte[] record = records[next];
    next = (next + 1) & (RECORDS - 1);
    return record;
  }

  /** The baseline: a Jackson tree of the record. */
  @Benchmark
  public JsonNode readTree() throws IOException {
    return mapper.readTree(nextRecord());
  }

  /**
   * The decode floor: Jackson's streaming parser walks every token of the record and keeps no
   * value. No reader of JSON bytes can do less work, so the fast path is measured against it.
   */
  @Benchmark
  public int tokenWalk() throws IOException {
    int tokens = 0;
    try (JsonParser parser = factory.createParser(nextRecord())) {
      while (parser.nextToken() != null) {
        tokens++;
      }
    }
    return tokens;
  }

  /** Parse and conform into a row with the reader compiled for the table schema. */
  @Benchmark
  public Row fastPath() {
    return fast.read(nextRecord());
  }

  /** Infer, evolve (no drift) and conform. */
  @Benchmark
  public Conformed generalPath() {
    DynamicRecord record = inferrer.infer(nextRecord(), SourceCoordinates.unknown());
    Evolution evolution = evolver.evolve(table, record.schema());
    return conformer.conform(record, evolution.after());
  }
}
