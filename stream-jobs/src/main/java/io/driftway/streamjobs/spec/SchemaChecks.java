package io.driftway.streamjobs.spec;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.tracking.RoutingSettings;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.schemaevolution.mapping.AvroSchemas;
import io.driftway.schemaevolution.mapping.IcebergSchemas;
import io.driftway.schemaevolution.types.DataType;
import io.driftway.schemaevolution.types.FieldPath;
import io.driftway.schemaevolution.types.ListType;
import io.driftway.schemaevolution.types.MapType;
import io.driftway.schemaevolution.types.StructType;
import io.driftway.schemaevolution.types.TypeKind;
import io.driftway.schemaevolution.types.TypeParser;
import io.driftway.schemaevolution.types.Widening;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Checks a loaded pipeline against the column types known before any record arrives: a plain Avro
 * format's fixed writer schema (when the file is loaded) and the tables that already exist in the
 * catalog (when a pipeline starts, or {@code driftway validate --catalog}). Partition transforms
 * must fit their column's type, hints and {@code cast}/{@code project} overrides must be types the
 * column can hold, and a routing field must exist. Each error names the file, the line and the key,
 * like the loader's own.
 *
 * <pre>{@code
 * PipelineSpec spec = PipelineSpecLoader.load(file); // checks a fixed Avro schema already
 * try (Catalog catalog = ...) {
 *   SchemaChecks.againstCatalog(spec, catalog);
 * }
 * }</pre>
 */
public final class SchemaChecks {

  private static final Pattern TRANSFORM =
      Pattern.compile(
          "(?:(identity|year|month|day|hour)\\(([\\w.]+)\\)|(bucket|truncate)\\((\\d+),([\\w.]+)\\)|([\\w.]+))");
  private static final Pattern TYPED_POLICY = Pattern.compile("(?:cast|project):(.+)");
  private static final Set<TypeKind> BUCKETS =
      EnumSet.of(
          TypeKind.INT,
          TypeKind.LONG,
          TypeKind.DECIMAL,
          TypeKind.DATE,
          TypeKind.TIME,
          TypeKind.TIMESTAMP,
          TypeKind.TIMESTAMPTZ,
          TypeKind.STRING,
          TypeKind.UUID,
          TypeKind.BINARY);
  private static final Set<TypeKind> TRUNCATES =
      EnumSet.of(TypeKind.INT, TypeKind.LONG, TypeKind.DECIMAL, TypeKind.STRING, TypeKind.BINARY);

  private SchemaChecks() {}

  /**
   * Checks a plain Avro pipeline's routing field, partition transforms and hints against its writer
   * schema: every record has that schema, so a mistake would fail each one.
   *
   * @throws SpecException naming the file, line and key to change
   */
  static void againstWriterSchema(PipelineSpec spec) {
    FormatSettings format = spec.format();
    if (format.kind() != FormatSettings.Kind.AVRO || format.avroSchema() == null) {
      return;
    }
    StructType schema;
    try {
      schema = AvroSchemas.fromAvro(new org.apache.avro.Schema.Parser().parse(format.avroSchema()));
    } catch (RuntimeException e) {
      // The format reader reports a schema that does not parse.
      return;
    }
    String known = "the Avro writer schema";
    RoutingSettings routing = spec.routing();
    if (routing.mode() == RoutingSettings.Mode.BY_FIELD
        && find(schema, FieldPath.parse(routing.field())).isEmpty()) {
      throw new SpecException(
          "Cannot load pipeline: routing field '"
              + routing.field()
              + "' is not in "
              + known
              + " (fields: "
              + String.join(", ", schema.fields().stream().map(f -> f.name()).toList())
              + "): "
              + spec.where("routing.by-field"));
    }
    for (int i = 0; i < spec.tables().size(); i++) {
      check(spec, i, schema, known, "Cannot load pipeline");
    }
  }

  /**
   * Checks every table of the pipeline that exists in {@code catalog} against its current schema.
   * Tables that do not exist yet are left to the loader's checks.
   *
   * @throws SpecException naming the file, line and key to change
   */
  public static void againstCatalog(PipelineSpec spec, Catalog catalog) {
    for (int i = 0; i < spec.tables().size(); i++) {
      TableSettings table = spec.tables().get(i);
      TableIdentifier id = TableIdentifier.of(table.database(), table.name());
      if (!catalog.tableExists(id)) {
        continue;
      }
      StructType schema = IcebergSchemas.fromIceberg(catalog.loadTable(id).schema());
      check(spec, i, schema, "the existing table", "Cannot start pipeline");
    }
  }

  private static void check(
      PipelineSpec spec, int index, StructType schema, String known, String action) {
    TableSettings table = spec.tables().get(index);
    String prefix = action + ": table " + table.database() + "." + table.name() + ": ";
    String at = "tables[" + index + "]";
    List<String> partitions = table.partitionBy();
    for (int j = 0; j < partitions.size(); j++) {
      String text = partitions.get(j);
      Matcher m = TRANSFORM.matcher(text);
      if (!m.matches()) {
        continue;
      }
      String transform = m.group(1) != null ? m.group(1) : m.group(3);
      String column =
          m.group(2) != null ? m.group(2) : m.group(5) != null ? m.group(5) : m.group(6);
      Optional<DataType> type = find(schema, FieldPath.parse(column));
      String problem = type.map(t -> partitionProblem(transform, t)).orElse(null);
      if (problem != null) {
        String where = spec.where(at + ".partition-by[" + j + "]");
        throw new SpecException(
            prefix
                + "partition transform '"
                + text
                + "' needs "
                + problem
                + ", but "
                + known
                + " has "
                + column
                + " as "
                + type.get()
                + ": partition by identity("
                + column
                + ") or a transform that fits "
                + type.get()
                + ": "
                + where);
      }
    }
    for (Map.Entry<String, String> hint : table.hints().entrySet()) {
      Optional<DataType> column = find(schema, FieldPath.parse(hint.getKey()));
      DataType hinted = TypeParser.parse(hint.getValue());
      if (column.isPresent() && !fits(hinted, column.get())) {
        throw new SpecException(
            prefix
                + "the hint makes "
                + hint.getKey()
                + " "
                + hinted
                + ", but "
                + known
                + " has it as "
                + column.get()
                + " and Iceberg cannot change one into the other: hint it as "
                + column.get()
                + " or drop the hint: "
                + spec.where(at + ".hints"));
      }
    }
    for (Map.Entry<String, String> override : table.overrides().entrySet()) {
      Matcher m = TYPED_POLICY.matcher(override.getValue());
      if (!m.matches()) {
        continue;
      }
      Optional<DataType> column = find(schema, FieldPath.parse(override.getKey()));
      DataType target = TypeParser.parse(m.group(1));
      if (column.isPresent() && !fits(target, column.get())) {
        throw new SpecException(
            prefix
                + "override "
                + override.getKey()
                + ": "
                + override.getValue()
                + " makes values "
                + target
                + ", but "
                + known
                + " has the column as "
                + column.get()
                + ", which cannot hold them: use "
                + override.getValue().substring(0, override.getValue().indexOf(':') + 1)
                + column.get()
                + " or match_catalog: "
                + spec.where(at + ".policies.overrides"));
      }
    }
  }

  /** What the transform needs when {@code type} does not fit it, else null. */
  private static String partitionProblem(String transform, DataType type) {
    TypeKind kind = type.kind();
    if (transform == null || transform.equals("identity")) {
      return kind.isPrimitive() ? null : "a primitive column";
    }
    return switch (transform) {
      case "hour" ->
          kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ ? null : "a timestamp column";
      case "year", "month", "day" ->
          kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ || kind == TypeKind.DATE
              ? null
              : "a date or timestamp column";
      case "bucket" -> BUCKETS.contains(kind) ? null : "a column bucket() can hash";
      default -> TRUNCATES.contains(kind) ? null : "an integer, decimal, string or binary column";
    };
  }

  /** Values of type {@code values} fit a column of type {@code column} as it is or widened. */
  private static boolean fits(DataType values, DataType column) {
    return Widening.isLegal(values, column) || Widening.isLegal(column, values);
  }

  /** The type at {@code path} in {@code schema}, following lists and maps; empty when absent. */
  static Optional<DataType> find(StructType schema, FieldPath path) {
    DataType current = schema;
    for (String segment : path.segments()) {
      if (current instanceof ListType list && segment.equals(FieldPath.ELEMENT)) {
        current = list.element();
      } else if (current instanceof MapType map && segment.equals(FieldPath.VALUE)) {
        current = map.value();
      } else if (current instanceof MapType map && segment.equals(FieldPath.KEY)) {
        current = map.key();
      } else if (current instanceof StructType struct && struct.indexOf(segment) >= 0) {
        current = struct.field(struct.indexOf(segment)).type();
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }
}
