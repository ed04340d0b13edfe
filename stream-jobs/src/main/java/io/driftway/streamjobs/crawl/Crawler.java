package io.driftway.streamjobs.crawl;

import io.driftway.catalogbridge.storage.S3Settings;
import io.driftway.connectors.files.FileReadException;
import io.driftway.connectors.files.HivePartitions;
import io.driftway.schemaevolution.mapping.HiveTypes;
import io.driftway.schemaevolution.merge.SchemaEvolver;
import io.driftway.schemaevolution.merge.SchemaJoin;
import io.driftway.schemaevolution.policy.TablePolicy;
import io.driftway.schemaevolution.record.DynamicRecord;
import io.driftway.schemaevolution.record.RecordRejectedException;
import io.driftway.schemaevolution.types.Field;
import io.driftway.schemaevolution.types.FieldNames;
import io.driftway.schemaevolution.types.StructType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionError;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

/**
 * Infers a table from files and creates or updates it in a Glue catalog (AWS Glue or the catalog
 * bridge), as AWS Glue's crawler does for one S3 target.
 *
 * <p>What a crawl does:
 *
 * <ol>
 *   <li>Lists the location one folder level at a time. Folders named {@code key=value} are Hive
 *       partitions (a folder without {@code =} is a value of key {@code partition_<level>}); names
 *       starting with {@code _} or {@code .} are skipped, as Hive and Spark skip them.
 *   <li>On a table that exists, reads the partitions the catalog has and never lists, reads or
 *       rewrites one of them again: only the levels above the partition folders are listed, and
 *       only new partition folders are read.
 *   <li>Reads up to {@link CrawlRequest#sampleFiles()} files of the new partitions (one file of
 *       each first), decodes their records through the pipeline's decoders and joins their schemas
 *       with the pipeline's schema layer, so a column gets the type a pipeline would give it.
 *   <li>Creates the table, or moves its columns forward (new columns, legal widenings; never a
 *       dropped or narrowed column) when UpdateBehavior is {@code UPDATE_IN_DATABASE}; with {@code
 *       LOG} the differences are only reported. New partitions are always added.
 *   <li>Partitions (and the table) whose folders are gone are logged, deleted, or marked with
 *       Glue's {@code DEPRECATED_BY_CRAWLER} parameter (epoch milliseconds), by DeleteBehavior;
 *       with UPDATE_IN_DATABASE a deprecated one whose folder is back loses the marker.
 * </ol>
 *
 * <p>Partition key types: see {@link PartitionKeyTypes} ({@code int}/{@code bigint} when every
 * value is a plain integer, else {@code string}).
 *
 * <pre>{@code
 * try (Crawler crawler = Crawler.create(glue, files)) {
 *   CrawlResult result = crawler.crawl(CrawlRequest.builder()
 *       .location("s3://lake/events/").database("raw").table("events").build());
 *   System.out.println(result.summary());
 * }
 * }</pre>
 *
 * <p>Not thread-safe per crawl target: two crawls of one table at once may both add a partition
 * (the second gets {@code AlreadyExistsException} from Glue and fails).
 */
public final class Crawler implements AutoCloseable {

  /** Records read from one file at most: enough to type the columns, bounded for big files. */
  static final int MAX_RECORDS_PER_FILE = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(Crawler.class);
  private static final int CREATE_BATCH = 100;
  private static final int DELETE_BATCH = 25;

  private final GlueClient glue;
  private final CrawlFiles files;
  private final Clock clock;

  Crawler(GlueClient glue, CrawlFiles files, Clock clock) {
    this.glue = Objects.requireNonNull(glue, "glue");
    this.files = Objects.requireNonNull(files, "files");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A crawler writing through {@code glue} and reading {@code s3://} locations with {@code s3}
   * (local folders need nothing). The Glue client stays the caller's to close.
   */
  public static Crawler create(GlueClient glue, S3Settings s3) {
    return new Crawler(glue, new DataFilesCrawlFiles(s3), Clock.systemUTC());
  }

  /**
   * Crawls one location into one table.
   *
   * @throws CrawlException when the location holds nothing to infer a table from, its folders are
   *     not a consistent Hive layout, or the catalog refuses a write
   */
  public CrawlResult crawl(CrawlRequest request) {
    return new Run(request).run();
  }

  /** Closes the file access (the Glue client belongs to the caller). */
  @Override
  public void close() {
    files.close();
  }

  /** A partition folder: its values (one per key) and files, listed only when it is new. */
  private record Leaf(List<String> values, String location, List<CrawlFiles.Entry> files) {}

  /** What the sampled files gave: the joined schema, format, compression, counts. */
  private static final class Sample {
    StructType schema;
    CrawlFormat format;
    String compression = "none";
    boolean quoted;
    int files;
    long records;
    final Map<String, Integer> firstSeen = new HashMap<>();
  }

  /** The state of one crawl. */
  private final class Run {
    private final CrawlRequest request;
    private final Set<String> foldersListed = new LinkedHashSet<>();
    private final List<String> log = new ArrayList<>();
    private long objectsListed;
    private final List<Leaf> newLeaves = new ArrayList<>();
    private final Set<List<String>> seenLeaves = new HashSet<>();
    private final List<String> keyNames = new ArrayList<>();
    private final List<Set<String>> keyValues = new ArrayList<>();
    private int leafDepth = -1;

    Run(CrawlRequest request) {
      this.request = request;
    }

    CrawlResult run() {
      ensureDatabase();
      Table existing = table();
      refuseForeign(existing);
      List<Column> existingKeys =
          existing == null || !existing.hasPartitionKeys() ? List.of() : existing.partitionKeys();
      Map<List<String>, Partition> known =
          existingKeys.isEmpty() ? Map.of() : partitions(existingKeys.size());

      List<String> rootFolders = folders(request.location());
      List<CrawlFiles.Entry> rootFiles =
          rootFolders.isEmpty() ? filesOf(request.location()) : List.of();
      if (rootFolders.isEmpty() && rootFiles.isEmpty()) {
        if (existing == null) {
          throw new CrawlException(
              "Cannot crawl: the location holds no files: " + request.location());
        }
        return tableGone(existing, known);
      }
      if (existing == null) {
        discover(request.location(), rootFolders, rootFiles, new ArrayList<>(), 0);
      } else if (existingKeys.isEmpty()) {
        if (!rootFolders.isEmpty()) {
          note("sub-folders of the unpartitioned table are not crawled: " + request.location());
        }
        newLeaves.add(new Leaf(List.of(), request.location(), filesOf(request.location())));
      } else {
        for (Column key : existingKeys) {
          keyNames.add(key.name());
        }
        walkKnown(request.location(), rootFolders, new ArrayList<>(), 0, known);
      }

      Sample sample = sample(existing);
      List<Column> keys =
          existingKeys.isEmpty() && existing == null ? inferredKeys() : existingKeys;
      StructType before = existing == null ? StructType.empty() : columnsOf(existing);
      StructType after = sample.schema == null ? before : evolve(before, sample, keys);

      List<String> added = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      diff(before, after, added, changed);
      List<String> notApplied = new ArrayList<>();

      boolean created = false;
      boolean updated = false;
      StorageDescriptor tableStorage;
      CrawlFormat format = sample.format;
      if (existing == null) {
        if (sample.schema == null) {
          throw new CrawlException(
              "Cannot crawl: no file under the location could be read as "
                  + (request.format() == null
                      ? "parquet, json, csv or avro"
                      : request.format().classification())
                  + ": "
                  + request.location());
        }
        TableInput input = TableInputs.table(request.table(), shape(format, sample, after, keys));
        glue.createTable(b -> b.databaseName(request.database()).tableInput(input));
        note("created table " + qualified() + " (" + format.classification() + ")");
        created = true;
        tableStorage = input.storageDescriptor();
      } else {
        boolean deprecated =
            existing.hasParameters() && existing.parameters().containsKey(TableInputs.DEPRECATED);
        boolean schemaMoved = !added.isEmpty() || !changed.isEmpty();
        if ((schemaMoved || deprecated) && format != null) {
          if (request.updateBehavior() == UpdateBehavior.UPDATE_IN_DATABASE) {
            TableInput input = TableInputs.update(existing, shape(format, sample, after, keys));
            glue.updateTable(b -> b.databaseName(request.database()).tableInput(input));
            added.forEach(c -> note("added column " + c));
            changed.forEach(c -> note("changed column " + c));
            updated = true;
            tableStorage = input.storageDescriptor();
          } else {
            added.forEach(c -> notApplied.add("add column " + c));
            changed.forEach(c -> notApplied.add("change column " + c));
            if (deprecated) {
              notApplied.add("remove " + TableInputs.DEPRECATED);
            }
            notApplied.forEach(c -> note("UpdateBehavior LOG, not applied: " + c));
            added.clear();
            changed.clear();
            tableStorage = existing.storageDescriptor();
          }
        } else {
          tableStorage = existing.storageDescriptor();
        }
      }

      List<String> partitionsAdded = addPartitions(tableStorage);
      List<String> deleted = new ArrayList<>();
      List<String> deprecatedPartitions = new ArrayList<>();
      List<String> goneLogged = new ArrayList<>();
      int stillThere = 0;
      List<Partition> gone = new ArrayList<>();
      for (Map.Entry<List<String>, Partition> entry : known.entrySet()) {
        if (seenLeaves.contains(entry.getKey())) {
          stillThere++;
          revive(entry.getValue());
        } else {
          gone.add(entry.getValue());
        }
      }
      gone.sort(Comparator.comparing(p -> String.join("/", p.values())));
      handleGone(gone, deleted, deprecatedPartitions, goneLogged);

      CrawlResult result =
          new CrawlResult(
              request.database(),
              request.table(),
              format == null ? null : format.classification(),
              created,
              updated,
              false,
              added,
              changed,
              notApplied,
              partitionsAdded,
              stillThere,
              deleted,
              deprecatedPartitions,
              goneLogged,
              sample.files,
              sample.records,
              List.copyOf(foldersListed),
              objectsListed,
              log);
      LOG.debug("Crawled {}: {}", request.location(), result.summary());
      return result;
    }

    // ---- catalog reads

    private void ensureDatabase() {
      try {
        glue.getDatabase(b -> b.name(request.database()));
      } catch (EntityNotFoundException e) {
        glue.createDatabase(
            b -> b.databaseInput(DatabaseInput.builder().name(request.database()).build()));
        note("created database " + request.database());
      }
    }

    private Table table() {
      try {
        return glue.getTable(b -> b.databaseName(request.database()).name(request.table())).table();
      } catch (EntityNotFoundException e) {
        return null;
      }
    }

    /** A crawl never takes over an Iceberg table, nor a table of another location. */
    private void refuseForeign(Table existing) {
      if (existing == null) {
        return;
      }
      if (existing.hasParameters()) {
        for (Map.Entry<String, String> parameter : existing.parameters().entrySet()) {
          if (parameter.getKey().equalsIgnoreCase("table_type")
              && "ICEBERG".equalsIgnoreCase(parameter.getValue())) {
            throw new CrawlException(
                "Cannot crawl: the table is an Iceberg table, kept up to date by its writers: "
                    + qualified());
          }
        }
      }
      String location =
          existing.storageDescriptor() == null ? null : existing.storageDescriptor().location();
      if (location != null
          && !location.isBlank()
          && !Locations.folder(location).equals(request.location())) {
        throw new CrawlException(
            "Cannot crawl: the table "
                + qualified()
                + " has another location ("
                + location
                + "); crawl that one or name another table: "
                + request.location());
      }
    }

    private Map<List<String>, Partition> partitions(int keyCount) {
      Map<List<String>, Partition> known = new LinkedHashMap<>();
      String token = null;
      do {
        String next = token;
        GetPartitionsResponse page =
            glue.getPartitions(
                b ->
                    b.databaseName(request.database())
                        .tableName(request.table())
                        .excludeColumnSchema(true)
                        .nextToken(next));
        for (Partition partition : page.partitions()) {
          if (partition.values().size() == keyCount) {
            known.put(List.copyOf(partition.values()), partition);
          }
        }
        token = page.nextToken();
      } while (token != null && !token.isEmpty());
      return known;
    }

    // ---- listing

    private List<String> folders(String folder) {
      List<String> names = files.folders(folder);
      foldersListed.add(folder);
      objectsListed += names.size();
      return visible(names);
    }

    private List<CrawlFiles.Entry> filesOf(String folder) {
      List<CrawlFiles.Entry> entries = files.files(folder);
      foldersListed.add(folder);
      objectsListed += entries.size();
      return visibleFiles(entries);
    }

    /** A new table: every folder level down to the partition folders. */
    private void discover(
        String folder,
        List<String> subFolders,
        List<CrawlFiles.Entry> leafFiles,
        List<String> values,
        int depth) {
      if (subFolders.isEmpty()) {
        if (leafDepth >= 0 && leafDepth != depth) {
          throw new CrawlException(
              "Cannot crawl: partition folders are not all at one depth ("
                  + leafDepth
                  + " and "
                  + depth
                  + " levels): "
                  + folder);
        }
        leafDepth = depth;
        addLeaf(new Leaf(List.copyOf(values), folder, leafFiles));
        return;
      }
      for (String name : subFolders) {
        String[] keyValue = keyValue(name, depth);
        if (keyNames.size() == depth) {
          keyNames.add(keyValue[0]);
          keyValues.add(new LinkedHashSet<>());
        } else if (!keyNames.get(depth).equalsIgnoreCase(keyValue[0])) {
          throw new CrawlException(
              "Cannot crawl: partition folders at level "
                  + (depth + 1)
                  + " name different keys ("
                  + keyNames.get(depth)
                  + " and "
                  + keyValue[0]
                  + "): "
                  + Locations.child(folder, name));
        }
        keyValues.get(depth).add(keyValue[1]);
        String child = Locations.child(folder, name);
        values.add(keyValue[1]);
        List<String> grandChildren = folders(child);
        discover(
            child,
            grandChildren,
            grandChildren.isEmpty() ? filesOf(child) : List.of(),
            values,
            depth + 1);
        values.remove(values.size() - 1);
      }
    }

    /**
     * An existing partitioned table: lists the levels above the partition folders; a known
     * partition folder is only seen in its parent's listing, never listed itself.
     */
    private void walkKnown(
        String folder,
        List<String> subFolders,
        List<String> values,
        int depth,
        Map<List<String>, Partition> known) {
      for (String name : subFolders) {
        String[] keyValue = keyValue(name, depth);
        String child = Locations.child(folder, name);
        if (!keyNames.get(depth).equalsIgnoreCase(keyValue[0])) {
          note("not a partition of key " + keyNames.get(depth) + ", skipped: " + child);
          continue;
        }
        values.add(keyValue[1]);
        if (depth == keyNames.size() - 1) {
          List<String> leafValues = List.copyOf(values);
          if (known.containsKey(leafValues)) {
            seenLeaves.add(leafValues);
          } else {
            addLeaf(new Leaf(leafValues, child, filesOf(child)));
          }
        } else {
          walkKnown(child, folders(child), values, depth + 1, known);
        }
        values.remove(values.size() - 1);
      }
    }

    private void addLeaf(Leaf leaf) {
      seenLeaves.add(leaf.values());
      newLeaves.add(leaf);
    }

    private List<Column> inferredKeys() {
      List<Column> keys = new ArrayList<>();
      for (int i = 0; i < keyNames.size(); i++) {
        keys.add(
            Column.builder()
                .name(keyNames.get(i).toLowerCase(Locale.ROOT))
                .type(PartitionKeyTypes.typeOf(keyValues.get(i)))
                .build());
      }
      return keys;
    }

    // ---- sampling and schema

    private Sample sample(Table existing) {
      Sample sample = new Sample();
      sample.format = request.format();
      if (sample.format == null && existing != null && existing.hasParameters()) {
        String classification = existing.parameters().get(TableInputs.CLASSIFICATION);
        sample.format = classification == null ? null : formatOrNull(classification);
      }
      if (existing != null && existing.hasParameters()) {
        sample.compression = existing.parameters().getOrDefault("compressionType", "none");
      }
      List<CrawlFiles.Entry> picked = pick(sample.format);
      SchemaJoin join = SchemaJoin.standard();
      for (CrawlFiles.Entry file : picked) {
        CrawlFormat format =
            request.format() != null ? request.format() : CrawlFormat.fromFileName(file.name());
        if (sample.format == null) {
          sample.format = format;
          sample.compression = CrawlFormat.compressionOf(file.name());
        } else if (format != null && format != sample.format) {
          note("not a " + sample.format.classification() + " file, skipped: " + file.location());
          continue;
        }
        List<DynamicRecord> records;
        try {
          CrawlFiles.FileSample read = files.read(file, sample.format, MAX_RECORDS_PER_FILE);
          records = read.records();
          sample.quoted |= read.quoted();
        } catch (FileReadException | RecordRejectedException e) {
          note("unreadable as " + sample.format.classification() + ", skipped: " + e.getMessage());
          continue;
        }
        sample.files++;
        if ("gzip".equals(CrawlFormat.compressionOf(file.name()))) {
          sample.compression = "gzip";
        }
        for (DynamicRecord record : records) {
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

    /** Up to sampleFiles files: the first file of every new partition, then the second, ... */
    private List<CrawlFiles.Entry> pick(CrawlFormat format) {
      List<List<CrawlFiles.Entry>> candidates = new ArrayList<>();
      for (Leaf leaf : newLeaves) {
        List<CrawlFiles.Entry> usable = new ArrayList<>();
        for (CrawlFiles.Entry file : leaf.files()) {
          if (file.size() > 0
              && (format != null || CrawlFormat.fromFileName(file.name()) != null)) {
            usable.add(file);
          }
        }
        usable.sort(Comparator.comparing(CrawlFiles.Entry::name));
        candidates.add(usable);
      }
      List<CrawlFiles.Entry> picked = new ArrayList<>();
      for (int round = 0; picked.size() < request.sampleFiles(); round++) {
        boolean any = false;
        for (List<CrawlFiles.Entry> usable : candidates) {
          if (round < usable.size() && picked.size() < request.sampleFiles()) {
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

    private StructType evolve(StructType before, Sample sample, List<Column> keys) {
      StructType evolved =
          SchemaEvolver.of(TablePolicy.defaults()).evolve(before, sample.schema).after();
      Set<String> dropped = new HashSet<>();
      for (Column key : keys) {
        dropped.add(FieldNames.key(key.name()));
      }
      String rescued = FieldNames.key(TablePolicy.DEFAULT_RESCUED_COLUMN);
      if (before.indexOf(TablePolicy.DEFAULT_RESCUED_COLUMN) < 0
          && sample.schema.indexOf(TablePolicy.DEFAULT_RESCUED_COLUMN) < 0) {
        dropped.add(rescued);
      }
      List<Field> kept = new ArrayList<>();
      List<Field> fresh = new ArrayList<>();
      for (Field field : evolved.fields()) {
        String key = FieldNames.key(field.name());
        if (dropped.contains(key)) {
          if (!key.equals(rescued)) {
            note("column " + field.name() + " is also a partition key; the partition key wins");
          }
          continue;
        }
        (before.indexOf(field.name()) >= 0 ? kept : fresh).add(field);
      }
      // New columns in the order the files have them (CSV columns are positional for the SerDe).
      fresh.sort(
          Comparator.comparing(
              (Field f) ->
                  sample.firstSeen.getOrDefault(FieldNames.key(f.name()), Integer.MAX_VALUE)));
      kept.addAll(fresh);
      List<Field> optional = new ArrayList<>(kept.size());
      kept.forEach(f -> optional.add(f.asOptional()));
      return StructType.of(optional);
    }

    private TableInputs.Shape shape(
        CrawlFormat format, Sample sample, StructType columns, List<Column> keys) {
      return new TableInputs.Shape(
          request.location(),
          format,
          sample.compression,
          columns,
          keys,
          request.crawlerName(),
          sample.quoted);
    }

    // ---- partitions

    private List<String> addPartitions(StorageDescriptor tableStorage) {
      List<PartitionInput> inputs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Leaf leaf : newLeaves) {
        if (!leaf.values().isEmpty()) {
          inputs.add(TableInputs.partition(leaf.values(), tableStorage, leaf.location()));
          names.add(String.join("/", leaf.values()));
        }
      }
      for (int from = 0; from < inputs.size(); from += CREATE_BATCH) {
        List<PartitionInput> batch =
            inputs.subList(from, Math.min(inputs.size(), from + CREATE_BATCH));
        BatchCreatePartitionResponse response =
            glue.batchCreatePartition(
                b ->
                    b.databaseName(request.database())
                        .tableName(request.table())
                        .partitionInputList(batch));
        failOn(response.errors(), "create");
      }
      names.forEach(n -> note("added partition " + n));
      return names;
    }

    private void handleGone(
        List<Partition> gone, List<String> deleted, List<String> deprecated, List<String> logged) {
      if (gone.isEmpty()) {
        return;
      }
      DeleteBehavior behavior = request.deleteBehavior();
      if (behavior == DeleteBehavior.DELETE_FROM_DATABASE) {
        for (int from = 0; from < gone.size(); from += DELETE_BATCH) {
          List<PartitionValueList> batch = new ArrayList<>();
          for (Partition p : gone.subList(from, Math.min(gone.size(), from + DELETE_BATCH))) {
            batch.add(PartitionValueList.builder().values(p.values()).build());
          }
          BatchDeletePartitionResponse response =
              glue.batchDeletePartition(
                  b ->
                      b.databaseName(request.database())
                          .tableName(request.table())
                          .partitionsToDelete(batch));
          failOn(response.errors(), "delete");
        }
        gone.forEach(p -> deleted.add(String.join("/", p.values())));
        deleted.forEach(n -> note("deleted partition " + n + " (its folder is gone)"));
      } else if (behavior == DeleteBehavior.DEPRECATE_IN_DATABASE) {
        String now = Long.toString(clock.millis());
        for (Partition p : gone) {
          if (p.hasParameters() && p.parameters().containsKey(TableInputs.DEPRECATED)) {
            continue;
          }
          Map<String, String> parameters = new TreeMap<>();
          if (p.hasParameters()) {
            parameters.putAll(p.parameters());
          }
          parameters.put(TableInputs.DEPRECATED, now);
          updatePartition(p.values(), parameters);
          String name = String.join("/", p.values());
          deprecated.add(name);
          note("deprecated partition " + name + " (its folder is gone)");
        }
      } else {
        gone.forEach(p -> logged.add(String.join("/", p.values())));
        logged.forEach(n -> note("DeleteBehavior LOG: partition " + n + " is gone, kept"));
      }
    }

    /**
     * A deprecated partition whose folder is back loses its marker (UPDATE_IN_DATABASE only); its
     * folder was seen in its parent's listing, so nothing below it is listed for this.
     */
    private void revive(Partition partition) {
      if (!partition.hasParameters()
          || !partition.parameters().containsKey(TableInputs.DEPRECATED)) {
        return;
      }
      String name = String.join("/", partition.values());
      if (request.updateBehavior() != UpdateBehavior.UPDATE_IN_DATABASE) {
        note("UpdateBehavior LOG: partition " + name + " is back, still deprecated");
        return;
      }
      Map<String, String> parameters = new TreeMap<>(partition.parameters());
      parameters.remove(TableInputs.DEPRECATED);
      updatePartition(partition.values(), parameters);
      note("partition " + name + " is back, no longer deprecated");
    }

    /** Rewrites a partition's parameters, keeping its storage (read in full first). */
    private void updatePartition(List<String> values, Map<String, String> parameters) {
      // A full read: partitions are listed without their columns (ExcludeColumnSchema).
      Partition full =
          glue.getPartition(
                  b ->
                      b.databaseName(request.database())
                          .tableName(request.table())
                          .partitionValues(values))
              .partition();
      glue.updatePartition(
          b ->
              b.databaseName(request.database())
                  .tableName(request.table())
                  .partitionValueList(values)
                  .partitionInput(
                      PartitionInput.builder()
                          .values(full.values())
                          .storageDescriptor(full.storageDescriptor())
                          .parameters(parameters)
                          .lastAccessTime(full.lastAccessTime())
                          .build()));
    }

    private void failOn(List<PartitionError> errors, String action) {
      if (!errors.isEmpty()) {
        PartitionError first = errors.get(0);
        throw new CrawlException(
            "Cannot crawl: "
                + errors.size()
                + " partitions could not be "
                + (action.equals("create") ? "created" : "deleted")
                + ": "
                + qualified()
                + " "
                + String.join("/", first.partitionValues())
                + ": "
                + first.errorDetail().errorMessage());
      }
    }

    // ---- the table's files are gone

    private CrawlResult tableGone(Table existing, Map<List<String>, Partition> known) {
      List<String> gone = new ArrayList<>();
      known.keySet().forEach(v -> gone.add(String.join("/", v)));
      DeleteBehavior behavior = request.deleteBehavior();
      if (behavior == DeleteBehavior.DELETE_FROM_DATABASE) {
        glue.deleteTable(b -> b.databaseName(request.database()).name(request.table()));
        note("deleted table " + qualified() + " (its location holds nothing)");
      } else if (behavior == DeleteBehavior.DEPRECATE_IN_DATABASE) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (existing.hasParameters()) {
          parameters.putAll(existing.parameters());
        }
        if (!parameters.containsKey(TableInputs.DEPRECATED)) {
          parameters.put(TableInputs.DEPRECATED, Long.toString(clock.millis()));
          TableInput input = TableInputs.withParameters(existing, parameters);
          glue.updateTable(b -> b.databaseName(request.database()).tableInput(input));
        }
        note("deprecated table " + qualified() + " (its location holds nothing)");
      } else {
        note("DeleteBehavior LOG: table " + qualified() + " has no files, kept");
      }
      String classification =
          existing.hasParameters() ? existing.parameters().get(TableInputs.CLASSIFICATION) : null;
      return new CrawlResult(
          request.database(),
          request.table(),
          classification,
          false,
          false,
          true,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          0,
          behavior == DeleteBehavior.DELETE_FROM_DATABASE ? gone : List.of(),
          List.of(),
          behavior == DeleteBehavior.DELETE_FROM_DATABASE ? List.of() : gone,
          0,
          0,
          List.copyOf(foldersListed),
          objectsListed,
          log);
    }

    private void note(String line) {
      log.add(line);
      LOG.debug("{}: {}", qualified(), line);
    }

    private String qualified() {
      return request.database() + "." + request.table();
    }
  }

  // ---- helpers without crawl state

  private static List<String> visible(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (!hidden(name)) {
        out.add(name);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static List<CrawlFiles.Entry> visibleFiles(List<CrawlFiles.Entry> entries) {
    List<CrawlFiles.Entry> out = new ArrayList<>();
    for (CrawlFiles.Entry entry : entries) {
      if (!hidden(entry.name()) && !entry.name().endsWith("_$folder$")) {
        out.add(entry);
      }
    }
    return out;
  }

  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  /** {@code [key, value]} of a partition folder name, Hive's %XX escapes undone. */
  static String[] keyValue(String folderName, int depth) {
    int eq = folderName.indexOf('=');
    if (eq <= 0) {
      return new String[] {"partition_" + depth, HivePartitions.unescape(folderName)};
    }
    return new String[] {
      HivePartitions.unescape(folderName.substring(0, eq)),
      HivePartitions.unescape(folderName.substring(eq + 1))
    };
  }

  private static CrawlFormat formatOrNull(String classification) {
    try {
      return CrawlFormat.parse(classification);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static StructType columnsOf(Table table) {
    List<Field> fields = new ArrayList<>();
    if (table.storageDescriptor() != null && table.storageDescriptor().hasColumns()) {
      for (Column column : table.storageDescriptor().columns()) {
        fields.add(Field.optional(column.name(), HiveTypes.parse(column.type())));
      }
    }
    return StructType.of(fields);
  }

  private static void diff(
      StructType before, StructType after, List<String> added, List<String> changed) {
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
}
