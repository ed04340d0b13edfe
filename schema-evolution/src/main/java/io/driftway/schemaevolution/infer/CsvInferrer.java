package io.driftway.schemaevolution.infer;

import io.driftway.schemaevolution.record.DynamicRecord;
import java.util.List;

/**
 * CSV inference: a header row names the cells, each cell is typed on its own ({@code int}, {@code
 * long}, {@code double}, {@code decimal}, {@code boolean}, {@code date}, {@code timestamp}, {@code
 * timestamptz}, else {@code string}), hints win over typing, null tokens are null. Each cell keeps
 * its original text, which is what rescued data stores.
 *
 * <p>Typing rules that keep text intact: a number with leading zeros ({@code 007}) stays a string;
 * a decimal with more than 15 significant digits is a {@code decimal(P,S)} rather than a rounded
 * double; an integer too wide for {@code decimal(38,0)} stays a string. A row with more cells than
 * the header names the extra ones {@code _c<index>} (0-based), as does an empty header cell, so no
 * cell is dropped.
 *
 * <pre>{@code
 * CsvInferrer csv = Inferrers.csv(CsvOptions.defaults(), InferenceOptions.defaults());
 * List<DynamicRecord> records = csv.inferFile(text, "s3://bucket/orders/2026-01-01.csv");
 * RecordInferrer<String> lines = csv.withHeader(List.of("id", "amount"));
 * }</pre>
 */
public interface CsvInferrer {

  /**
   * Reads a whole file: the first row is the header, every further row a record whose coordinates
   * are the file and its line (1-based, of the row's first line).
   */
  List<DynamicRecord> inferFile(String text, String fileName);

  /** An inferrer for single-row messages (Kafka, Kinesis) with a known header. */
  RecordInferrer<String> withHeader(List<String> header);
}
