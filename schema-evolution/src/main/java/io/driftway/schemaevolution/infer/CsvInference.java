package io.driftway.schemaevolution.infer;

import io.driftway.schemaevolution.policy.Limits;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.record.SourceCoordinates;
import io.driftway.schemaevolution.record.StructValue;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.DecimalType;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.PrimitiveType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.values.Conversions;
import io.driftway.schemaevolution.values.Temporals;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@link CsvInferrer} implementation: a quote-aware splitter and per-cell typing. */
final class CsvInference implements CsvInferrer {

  private static final int MAX_DOUBLE_DIGITS = 15;

  private final CsvOptions csv;
  private final InferenceOptions options;

  CsvInference(CsvOptions csv, InferenceOptions options) {
    this.csv = csv;
    this.options = options;
  }

  @Override
  public List<DynamicRecord> inferFile(String text, String fileName) {
    List<DynamicRecord> records = new ArrayList<>();
    Splitter splitter = new Splitter(text);
    if (!splitter.hasNext()) {
      return records;
    }
    List<String> header = splitter.next();
    while (splitter.hasNext()) {
      long line = splitter.line();
      int start = splitter.position();
      List<String> cells = splitter.next();
      SourceCoordinates at = SourceCoordinates.file(fileName, line);
      if (splitter.unterminated()) {
        throw RecordRejectedException.malformed("CSV", "unterminated quoted cell", at, null);
      }
      if (cells.size() == 1 && cells.get(0).isEmpty()) {
        continue;
      }
      long size =
          text.substring(start, splitter.position()).getBytes(StandardCharsets.UTF_8).length;
      records.add(record(header, cells, at, size));
    }
    return records;
  }

  @Override
  public RecordInferrer<String> withHeader(List<String> header) {
    List<String> names = List.copyOf(header);
    return (line, coordinates) -> {
      // Sized before splitting: an oversized message is never split into cells.
      long size = line.getBytes(StandardCharsets.UTF_8).length;
      checkSize(size);
      if (line.isEmpty()) {
        // As in a file, where an empty line is no row.
        throw RecordRejectedException.malformed("CSV", "the message is empty", coordinates, null);
      }
      Splitter splitter = new Splitter(line);
      List<String> cells = splitter.hasNext() ? splitter.next() : List.of();
      if (splitter.unterminated()) {
        throw RecordRejectedException.malformed(
            "CSV", "unterminated quoted cell", coordinates, null);
      }
      if (splitter.hasNext()) {
        throw RecordRejectedException.malformed(
            "CSV", "more than one row in one message", coordinates, null);
      }
      return record(names, cells, coordinates, size);
    };
  }

  private DynamicRecord record(
      List<String> header, List<String> cells, SourceCoordinates at, long size) {
    Limits limits = options.limits();
    checkSize(size);
    if (cells.size() > limits.maxFieldsPerStruct()) {
      throw RecordRejectedException.overLimit(
          Limits.MAX_FIELDS_PER_STRUCT,
          "field count",
          cells.size(),
          limits.maxFieldsPerStruct(),
          "");
    }
    StructValue.Builder values = StructValue.builder(cells.size());
    List<Field> fields = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      String name = i < header.size() && !header.get(i).isEmpty() ? header.get(i) : "_c" + i;
      String text = cells.get(i);
      DataType hint = options.hints().isEmpty() ? null : options.hints().hint(FieldPath.of(name));
      Object[] typed = cell(text, hint);
      DataType type = (DataType) typed[1];
      if (typed[0] instanceof String) {
        values.add(name, typed[0], type);
      } else {
        values.add(name, typed[0], type, text);
      }
      boolean seen = false;
      for (Field field : fields) {
        seen |= field.name().equalsIgnoreCase(name);
      }
      if (!seen) {
        fields.add(new Field(name, type, type == PrimitiveType.NULL));
      }
    }
    return new DynamicRecord(values.build(), StructType.of(fields), at, size);
  }

  private void checkSize(long size) {
    Limits limits = options.limits();
    if (size > limits.maxRecordBytes()) {
      throw RecordRejectedException.overLimit(
          Limits.MAX_RECORD_BYTES, "record size", size, limits.maxRecordBytes(), "");
    }
  }

  /** The value and type of one cell. */
  Object[] cell(String text, DataType hint) {
    if (csv.nullTokens().contains(text)) {
      return new Object[] {null, PrimitiveType.NULL};
    }
    if (hint != null && hint.isPrimitive()) {
      Object converted = Conversions.fromText(text, hint);
      if (converted != Conversions.NO_FIT) {
        return new Object[] {Conversions.recordValue(converted, hint), hint};
      }
    }
    if (!csv.inferTypes()) {
      return new Object[] {text, PrimitiveType.STRING};
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return new Object[] {Boolean.valueOf(text), PrimitiveType.BOOLEAN};
    }
    Object[] number = number(text);
    if (number != null) {
      return number;
    }
    PrimitiveType temporal = Temporals.detect(text);
    if (temporal != null) {
      return new Object[] {
        Conversions.recordValue(Conversions.fit(text, temporal), temporal), temporal
      };
    }
    return new Object[] {text, PrimitiveType.STRING};
  }

  private static Object[] number(String text) {
    int length = text.length();
    int start = length > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    int digits = 0;
    int point = -1;
    boolean exponent = false;
    for (int i = start; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.' && point < 0 && !exponent) {
        point = i;
      } else if ((c == 'e' || c == 'E') && digits > 0 && !exponent) {
        exponent = true;
        if (i + 1 < length && (text.charAt(i + 1) == '-' || text.charAt(i + 1) == '+')) {
          i++;
        }
      } else {
        return null;
      }
    }
    if (digits == 0 || text.charAt(length - 1) == '.' || point == start) {
      return null;
    }
    char first = text.charAt(start);
    boolean leadingZero = first == '0' && length > start + 1 && text.charAt(start + 1) != '.';
    if (leadingZero) {
      // 007 or 0123: an identifier, whose zeros a number would lose.
      return null;
    }
    try {
      if (exponent) {
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? new Object[] {d, PrimitiveType.DOUBLE} : null;
      }
      if (point < 0) {
        if (digits <= 9) {
          return new Object[] {Integer.parseInt(text), PrimitiveType.INT};
        }
        if (digits <= 18) {
          return new Object[] {Long.parseLong(text), PrimitiveType.LONG};
        }
        BigDecimal big = new BigDecimal(text);
        if (digits == 19) {
          try {
            return new Object[] {big.longValueExact(), PrimitiveType.LONG};
          } catch (ArithmeticException e) {
            // Beyond a long: fall through to decimal.
          }
        }
        return digits <= DecimalType.MAX_PRECISION
            ? new Object[] {big, DecimalType.of(digits, 0)}
            : null;
      }
      BigDecimal decimal = new BigDecimal(text);
      if (decimal.precision() <= MAX_DOUBLE_DIGITS) {
        return new Object[] {Double.parseDouble(text), PrimitiveType.DOUBLE};
      }
      int precision = Math.max(decimal.precision(), decimal.scale() + 1);
      return precision <= DecimalType.MAX_PRECISION
          ? new Object[] {decimal, DecimalType.of(precision, decimal.scale())}
          : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Splits text into rows of cells, honouring quotes; tracks line numbers. */
  private final class Splitter {
    private final String text;
    private int pos;
    private long line = 1;
    private boolean unterminated;

    Splitter(String text) {
      this.text = text;
    }

    boolean hasNext() {
      return pos < text.length();
    }

    long line() {
      return line;
    }

    int position() {
      return pos;
    }

    boolean unterminated() {
      return unterminated;
    }

    List<String> next() {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      boolean wasQuoted = false;
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (quoted) {
          if (c == csv.quote()) {
            if (pos < text.length() && text.charAt(pos) == csv.quote()) {
              cell.append(c);
              pos++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append(c);
          }
        } else if (c == csv.quote() && cell.length() == 0 && !wasQuoted) {
          quoted = true;
          wasQuoted = true;
        } else if (c == csv.delimiter()) {
          cells.add(cell.toString());
          cell.setLength(0);
          wasQuoted = false;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
            pos++;
          }
          line++;
          cells.add(cell.toString());
          return cells;
        } else {
          cell.append(c);
        }
      }
      unterminated = quoted;
      cells.add(cell.toString());
      return cells;
    }
  }
}
