package io.driftway.streamjobs.crawl;

import io.driftway.connectors.files.FileReadException;
import io.driftway.schemaevolution.mapping.HiveTypes;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.merge.SchemaJoin;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldNames;
import io.driftway.schemaevolution.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * The schema sample of one crawl: reads up to {@link CrawlRequest#sampleFiles()} files of the new
 * partition folders (one file of each first), decodes their records through the pipeline's decoders
 * and joins their schemas with the pipeline's schema layer, so a column gets the type a pipeline
 * would give it; then moves the table's columns forward with it ({@link #evolve}).
 *
 * <p>{@link #read} is called once per crawl; the result is immutable once read.
 */
final class SchemaSample {

  /** Records read from one file at most: enough to type the columns, bounded for big files. */
  static final int MAX_RECORDS_PER_FILE = 1_000;

  private StructType schema;
  private CrawlFormat format;
  private String compression = "none";
  private boolean quoted;
  private int files;
  private long records;
  private final Map<String, Integer> firstSeen = new HashMap<>();

  private SchemaSample() {}

  /**
   * Reads the sample of {@code leaves}: the format is the request's, else the existing table's
   * classification, else the first readable file's; files of another format or unreadable are
   * skipped with a note.
   */
  static SchemaSample read(
      CrawlFiles source,
      CrawlRequest request,
      Table existing,
      List<FolderWalk.Leaf> leaves,
      Consumer<String> note) {
    SchemaSample sample = new SchemaSample();
    sample.format = request.format();
    if (sample.format == null && existing != null && existing.hasParameters()) {
      String classification = existing.parameters().get(TableInputs.CLASSIFICATION);
      sample.format = classification == null ? null : formatOrNull(classification);
    }
    if (existing != null && existing.hasParameters()) {
      sample.compression = existing.parameters().getOrDefault("compressionType", "none");
    }
    List<CrawlFiles.Entry> picked = pick(leaves, sample.format, request.sampleFiles());
    SchemaJoin join = SchemaJoin.standard();
    for (CrawlFiles.Entry file : picked) {
      CrawlFormat format =
          request.format() != null ? request.format() : CrawlFormat.fromFileName(file.name());
      if (sample.format == null) {
        sample.format = format;
        sample.compression = CrawlFormat.compressionOf(file.name());
      } else if (format != null && format != sample.format) {
        note.accept(
            "not a " + sample.format.classification() + " file, skipped: " + file.location());
        continue;
      }
      List<DynamicRecord> read;
      try {
        CrawlFiles.FileSample fileSample = source.read(file, sample.format, MAX_RECORDS_PER_FILE);
        read = fileSample.records();
        sample.quoted |= fileSample.quoted();
      } catch (FileReadException | RecordRejectedException e) {
        note.accept(
            "unreadable as " + sample.format.classification() + ", skipped: " + e.getMessage());
        continue;
      }
      sample.files++;
      if ("gzip".equals(CrawlFormat.compressionOf(file.name()))) {
        sample.compression = "gzip";
      }
      for (DynamicRecord record : read) {
        sample.records++;
        for (Field field : record.schema().fields()) {
          sample.firstSeen.putIfAbsent(FieldNames.key(field.name()), sample.firstSeen.size());
        }
        sample.schema =
            sample.schema == null ? record.schema() : join.join(sample.schema, record.schema());
      }
    }
    return sample;
  }

  /** The joined schema of the records read, or null when no file could be read. */
  StructType schema() {
    return schema;
  }

  /** The format of the table, or null when neither the request, table nor a file names one. */
  CrawlFormat format() {
    return format;
  }

  String compression() {
    return compression;
  }

  /** Whether a CSV file had quoted cells. */
  boolean quoted() {
    return quoted;
  }

  int files() {
    return files;
  }

  long records() {
    return records;
  }

  /**
   * The table's columns moved forward by the sample: new columns and legal widenings, never a
   * dropped or narrowed column; partition keys and an unseen rescued column left out; new columns
   * in the order the files have them (CSV columns are positional for the SerDe); all optional.
   */
  StructType evolve(StructType before, List<Column> keys, Consumer<String> note) {
    StructType evolved = SchemaEvolver.of(TablePolicy.defaults()).evolve(before, schema).after();
    Set<String> dropped = new HashSet<>();
    for (Column key : keys) {
      dropped.add(FieldNames.key(key.name()));
    }
    String rescued = FieldNames.key(TablePolicy.DEFAULT_RESCUED_COLUMN);
    if (before.indexOf(TablePolicy.DEFAULT_RESCUED_COLUMN) < 0
        && schema.indexOf(TablePolicy.DEFAULT_RESCUED_COLUMN) < 0) {
      dropped.add(rescued);
    }
    List<Field> kept = new ArrayList<>();
    List<Field> fresh = new ArrayList<>();
    for (Field field : evolved.fields()) {
      String key = FieldNames.key(field.name());
      if (dropped.contains(key)) {
        if (!key.equals(rescued)) {
          note.accept(
              "column " + field.name() + " is also a partition key; the partition key wins");
        }
        continue;
      }
      (before.indexOf(field.name()) >= 0 ? kept : fresh).add(field);
    }
    fresh.sort(
        Comparator.comparing(
            (Field f) -> firstSeen.getOrDefault(FieldNames.key(f.name()), Integer.MAX_VALUE)));
    kept.addAll(fresh);
    List<Field> optional = new ArrayList<>(kept.size());
    kept.forEach(f -> optional.add(f.asOptional()));
    return StructType.of(optional);
  }

  /** The columns of a catalog table (partition keys excluded), read from their Hive types. */
  static StructType columnsOf(Table table) {
    List<Field> fields = new ArrayList<>();
    if (table.storageDescriptor() != null && table.storageDescriptor().hasColumns()) {
      for (Column column : table.storageDescriptor().columns()) {
        fields.add(Field.optional(column.name(), HiveTypes.parse(column.type())));
      }
    }
    return StructType.of(fields);
  }

  /**
   * The differences from {@code before} to {@code after}: {@code added} gets {@code "name type"},
   * {@code changed} gets {@code "name old -> new"}, in Hive types.
   */
  static void diff(StructType before, StructType after, List<String> added, List<String> changed) {
    for (Field field : after.fields()) {
      int at = before.indexOf(field.name());
      String type = HiveTypes.toHive(field.type());
      if (at < 0) {
        added.add(field.name() + " " + type);
      } else {
        String old = HiveTypes.toHive(before.field(at).type());
        if (!old.equals(type)) {
          changed.add(field.name() + " " + old + " -> " + type);
        }
      }
    }
  }

  /** Up to {@code limit} files: the first file of every new partition, then the second, ... */
  private static List<CrawlFiles.Entry> pick(
      List<FolderWalk.Leaf> leaves, CrawlFormat format, int limit) {
    List<List<CrawlFiles.Entry>> candidates = new ArrayList<>();
    for (FolderWalk.Leaf leaf : leaves) {
      List<CrawlFiles.Entry> usable = new ArrayList<>();
      for (CrawlFiles.Entry file : leaf.files()) {
        if (file.size() > 0 && (format != null || CrawlFormat.fromFileName(file.name()) != null)) {
          usable.add(file);
        }
      }
      usable.sort(Comparator.comparing(CrawlFiles.Entry::name));
      candidates.add(usable);
    }
    List<CrawlFiles.Entry> picked = new ArrayList<>();
    for (int round = 0; picked.size() < limit; round++) {
      boolean any = false;
      for (List<CrawlFiles.Entry> usable : candidates) {
        if (round < usable.size() && picked.size() < limit) {
          picked.add(usable.get(round));
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return picked;
  }

  private static CrawlFormat formatOrNull(String classification) {
    try {
      return CrawlFormat.parse(classification);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
