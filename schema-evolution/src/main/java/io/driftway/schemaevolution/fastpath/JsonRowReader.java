package io.driftway.schemaevolution.fastpath;

import io.driftway.schemaevolution.row.Row;
import io.driftway.schemaevolution.types.StructType;

/**
 * The JSON fast path: a reader compiled for one table schema that parses a record straight into a
 * {@link Row} — streaming, no tree, no dynamic record. It answers {@code null} ("does not fit") as
 * soon as the record drifts: an unknown non-null field, a value that does not fit its column, a
 * null or missing required column, a duplicate key, a limit, malformed input. Such a record takes
 * the general path ({@link io.driftway.schemaevolution.SchemaTracker}), which evolves, rescues or
 * quarantines.
 *
 * <p>For every record it accepts, the general path gives the same row: both read scalars with the
 * same functions. Thread-safe; compile a new reader when the table schema changes.
 *
 * <pre>{@code
 * JsonRowReader fast = FastPath.json(tracker.tableSchema(), policy, options);
 * Row row = fast.read(bytes);
 * if (row == null) {
 *   row = tracker.track(Inferrers.json(options).infer(bytes, at)).conformed().row();
 * }
 * }</pre>
 */
public interface JsonRowReader {

  /**
   * The row of the JSON object in {@code bytes[offset, offset + length)}, or null. The row may hold
   * slices of {@code bytes} (string values as {@link io.driftway.schemaevolution.row.Utf8Text}):
   * the caller must not change them while the row is in use.
   */
  Row read(byte[] bytes, int offset, int length);

  /** The row of the JSON object in {@code bytes}, or null. */
  default Row read(byte[] bytes) {
    return read(bytes, 0, bytes.length);
  }

  /** The table schema this reader was compiled for. */
  StructType tableSchema();
}
