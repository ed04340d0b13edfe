package io.driftway.connectors.tracking;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;

/**
 * Builds a table's partition spec from its declared transforms ({@code day(event_time)}, {@code
 * bucket(16, user_id)}, ...) against the table's current schema. A transform whose column has not
 * appeared yet is left out until it does; the sink then evolves the spec.
 */
final class PartitionSpecs {

  private static final Pattern TRANSFORM =
      Pattern.compile(
          "(?:(identity|year|month|day|hour)\\(([\\w.]+)\\)|(bucket|truncate)\\((\\d+),([\\w.]+)\\)|([\\w.]+))");

  private PartitionSpecs() {}

  static PartitionSpec build(Schema schema, List<String> transforms) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String text : transforms) {
      Matcher m = TRANSFORM.matcher(text.replaceAll("\\s+", ""));
      if (!m.matches()) {
        throw new IllegalArgumentException("Cannot partition table: unknown transform: " + text);
      }
      String column =
          m.group(2) != null ? m.group(2) : m.group(5) != null ? m.group(5) : m.group(6);
      Type type = schema.findType(column);
      if (type == null) {
        continue;
      }
      String transform =
          m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : "identity";
      switch (transform) {
        case "identity" -> builder.identity(column);
        case "year" -> builder.year(column);
        case "month" -> builder.month(column);
        case "day" -> builder.day(column);
        case "hour" -> builder.hour(column);
        case "bucket" -> builder.bucket(column, Integer.parseInt(m.group(4)));
        default -> builder.truncate(column, Integer.parseInt(m.group(4)));
      }
    }
    return builder.build();
  }
}
