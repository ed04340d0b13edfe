package io.driftway.loadtests.pipeline;

import io.driftway.loadtests.data.OrderRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The pipeline bench's input: 1 KB order events from {@link OrderRecords} (about 20 top-level
 * fields, nested objects, arrays), each prefixed with its sequence number and produce time, with a
 * drift event every {@link #DRIFT_EVERY} records: from record {@code 50,000 + (k - 1) * 100,000}
 * on, every record carries a new field {@code drift_k}. Deterministic for a seed, apart from the
 * produce time.
 *
 * <pre>{@code
 * PipelineRecords records = new PipelineRecords(42L);
 * byte[] value = records.record(7, System.currentTimeMillis());
 * }</pre>
 */
final class PipelineRecords {

  static final int DRIFT_EVERY = 100_000;
  static final int FIRST_DRIFT = 50_000;
  static final String PRODUCED_AT = "produced_at_ms";

  /** Distinct bodies cycled through, so that generating a record costs a copy, not a format. */
  private static final int POOL = 20_000;

  private final List<byte[]> pool;

  PipelineRecords(long seed) {
    this.pool = OrderRecords.generate(seed, POOL);
  }

  /** Record {@code seq}, stamped with {@code producedAtMillis}. */
  byte[] record(long seq, long producedAtMillis) {
    StringBuilder prefix = new StringBuilder(96);
    prefix.append("{\"seq\":").append(seq);
    prefix.append(",\"").append(PRODUCED_AT).append("\":").append(producedAtMillis);
    for (long k = 1; FIRST_DRIFT + (k - 1) * DRIFT_EVERY <= seq; k++) {
      prefix.append(",\"drift_").append(k).append("\":\"d").append(seq % 97).append('"');
    }
    prefix.append(',');
    byte[] head = prefix.toString().getBytes(StandardCharsets.UTF_8);
    byte[] body = pool.get((int) (seq % POOL));
    // The body is a JSON object: keep all of it but its opening brace.
    byte[] out = new byte[head.length + body.length - 1];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 1, out, head.length, body.length - 1);
    return out;
  }

  /** How many drift events (new fields) the first {@code records} records hold. */
  static int driftEvents(long records) {
    return records <= FIRST_DRIFT ? 0 : (int) ((records - FIRST_DRIFT - 1) / DRIFT_EVERY + 1);
  }

  /**
   * The fixed schema of the baseline job: the fields of the records, typed as JSON gives them
   * (integers as long, decimals as double, the ISO-8601 text as string). The drift fields are not
   * in it: a static-schema job drops what it does not know.
   */
  static Schema baselineSchema() {
    AtomicInteger ids = new AtomicInteger();
    return new Schema(
        field(ids, "seq", Types.LongType.get()),
        field(ids, PRODUCED_AT, Types.LongType.get()),
        field(ids, "order_id", Types.LongType.get()),
        field(ids, "order_uuid", Types.StringType.get()),
        field(ids, "created_at", Types.StringType.get()),
        field(ids, "status", Types.StringType.get()),
        field(ids, "channel", Types.StringType.get()),
        field(ids, "currency", Types.StringType.get()),
        field(
            ids,
            "customer",
            Types.StructType.of(
                field(ids, "id", Types.LongType.get()),
                field(ids, "name", Types.StringType.get()),
                field(ids, "email", Types.StringType.get()),
                field(ids, "vip", Types.BooleanType.get()),
                field(
                    ids,
                    "address",
                    Types.StructType.of(
                        field(ids, "street", Types.StringType.get()),
                        field(ids, "city", Types.StringType.get()),
                        field(ids, "zip", Types.StringType.get()),
                        field(ids, "country", Types.StringType.get()))))),
        field(
            ids,
            "items",
            Types.ListType.ofOptional(
                ids.incrementAndGet(),
                Types.StructType.of(
                    field(ids, "sku", Types.StringType.get()),
                    field(ids, "qty", Types.LongType.get()),
                    field(ids, "price", Types.DoubleType.get()),
                    field(ids, "discounted", Types.BooleanType.get())))),
        field(ids, "total", Types.DoubleType.get()),
        field(ids, "tax_rate", Types.DoubleType.get()),
        field(
            ids, "tags", Types.ListType.ofOptional(ids.incrementAndGet(), Types.StringType.get())),
        field(ids, "is_gift", Types.BooleanType.get()),
        field(ids, "coupon", Types.StringType.get()),
        field(
            ids,
            "device",
            Types.StructType.of(
                field(ids, "os", Types.StringType.get()),
                field(ids, "version", Types.StringType.get()),
                field(ids, "screen_width", Types.LongType.get()))),
        field(ids, "session_id", Types.StringType.get()),
        field(ids, "referrer", Types.StringType.get()),
        field(ids, "score", Types.DoubleType.get()),
        field(ids, "attempt", Types.LongType.get()),
        field(ids, "notes", Types.StringType.get()));
  }

  private static Types.NestedField field(AtomicInteger ids, String name, Type type) {
    return Types.NestedField.optional(ids.incrementAndGet(), name, type);
  }
}
