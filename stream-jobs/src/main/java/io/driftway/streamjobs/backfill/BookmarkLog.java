package io.driftway.streamjobs.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * The bookmark log of one backfill key: small JSON files under the warehouse, written through
 * Iceberg's {@code FileIO} (S3 or a local folder), so it lives where the tables live.
 *
 * <ul>
 *   <li>{@code
 *       <warehouse>/_driftway_bookmarks/<key>/runs/<run-id>/<flink-job-id>/chk-<n>-<subtask>.json}:
 *       what one subtask had read when checkpoint {@code n} was taken. It counts only once a
 *       snapshot of a target table says that job committed checkpoint {@code n} (see {@link
 *       Bookmarks}).
 *   <li>{@code <warehouse>/_driftway_bookmarks/<key>/committed/<run-id>.json}: what a finished run
 *       is known to have committed, written when the run ends; its checkpoint files are then
 *       removed.
 * </ul>
 *
 * <p>Serializable: it travels into the job, where each subtask opens its own {@code FileIO}.
 */
public final class BookmarkLog implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Folder under the warehouse that holds every bookmark log. */
  public static final String FOLDER = "_driftway_bookmarks";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHECKPOINT_FILE =
      Pattern.compile(".*/runs/([^/]+)/([0-9a-f]{32})/chk-(\\d+)-(\\d+)\\.json$");
  private static final Pattern TABLES_FILE =
      Pattern.compile(".*/runs/([^/]+)/([0-9a-f]{32})/tables-(\\d+)-(\\d+)\\.json$");
  private static final Pattern COMMITTED_FILE = Pattern.compile(".*/committed/([^/]+)\\.json$");

  private final HashMap<String, String> ioProperties;
  private final String location;
  private final String key;

  private transient FileIO io;

  private BookmarkLog(Map<String, String> ioProperties, String location, String key) {
    this.ioProperties = new HashMap<>(ioProperties);
    this.location = location;
    this.key = key;
  }

  /**
   * The log of {@code key} under the warehouse named in {@code catalogProperties} ({@code
   * warehouse} and {@code io-impl} as Iceberg's catalogs take them).
   */
  public static BookmarkLog of(Map<String, String> catalogProperties, String key) {
    String warehouse = catalogProperties.get(CatalogProperties.WAREHOUSE_LOCATION);
    if (warehouse == null) {
      throw new IllegalArgumentException(
          "Cannot open bookmark log: no warehouse in the catalog properties: " + key);
    }
    String root = warehouse.endsWith("/") ? warehouse : warehouse + "/";
    return new BookmarkLog(catalogProperties, root + FOLDER + "/" + key, key);
  }

  public String key() {
    return key;
  }

  /** The folder of this log, e.g. {@code s3://lake/warehouse/_driftway_bookmarks/<key>}. */
  public String location() {
    return location;
  }

  /** What a file of the log holds. */
  public enum Kind {
    /** What a subtask had read at a checkpoint. */
    CHECKPOINT,
    /** Which tables a subtask's rows went to at a checkpoint ({@link Tables}). */
    TABLES,
    /** What a finished run committed. */
    COMMITTED
  }

  /** One file of the log: a checkpoint's progress or tables, or a finished run's progress. */
  public record Entry(
      String path, String runId, String jobId, long checkpoint, int subtask, Kind kind) {

    /** Whether this is a finished run's progress. */
    public boolean committed() {
      return kind == Kind.COMMITTED;
    }
  }

  /**
   * The tables a subtask handed rows for since its previous checkpoint, each with the oldest
   * checkpoint by which the records behind those rows were read, and the oldest checkpoint by which
   * the records it still held for a schema settle were read (their rows go with a later commit).
   */
  public record Tables(Map<String, Long> tables, OptionalLong heldSince) {
    public Tables {
      tables = Map.copyOf(tables);
    }
  }

  /** Records what {@code subtask} of {@code jobId} had read at checkpoint {@code checkpoint}. */
  public void writeCheckpoint(
      String runId, String jobId, long checkpoint, int subtask, Progress progress) {
    write(
        location + "/runs/" + runId + "/" + jobId + "/chk-" + checkpoint + "-" + subtask + ".json",
        runId,
        progress);
  }

  /**
   * Records which tables subtask {@code subtask} of {@code jobId} handed rows for at checkpoint
   * {@code checkpoint}: the bookmark at that checkpoint counts only once all of them hold it.
   */
  public void writeTables(String runId, String jobId, long checkpoint, int subtask, Tables tables) {
    ObjectNode node = JSON.createObjectNode();
    node.put("key", key);
    node.put("run-id", runId);
    ObjectNode went = node.putObject("tables");
    new TreeMap<>(tables.tables()).forEach(went::put);
    tables.heldSince().ifPresent(held -> node.put("held-since", held));
    write(
        location
            + "/runs/"
            + runId
            + "/"
            + jobId
            + "/tables-"
            + checkpoint
            + "-"
            + subtask
            + ".json",
        node);
  }

  /** The tables file {@code entry} names. */
  public Tables readTables(Entry entry) {
    JsonNode node = readJson(entry);
    Map<String, Long> tables = new HashMap<>();
    node.path("tables")
        .fields()
        .forEachRemaining(t -> tables.put(t.getKey(), t.getValue().asLong()));
    JsonNode held = node.get("held-since");
    return new Tables(tables, held == null ? OptionalLong.empty() : OptionalLong.of(held.asLong()));
  }

  /** Records what run {@code runId} committed, once it ended. */
  public void writeCommitted(String runId, Progress progress) {
    write(location + "/committed/" + runId + ".json", runId, progress);
  }

  /** Every progress file of this log; empty when there is none. */
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    FileIO fileIo = io();
    if (!(fileIo instanceof SupportsPrefixOperations prefixes)) {
      throw new IllegalStateException(
          "Cannot list bookmarks: the warehouse's FileIO cannot list files: "
              + fileIo.getClass().getName());
    }
    Iterator<FileInfo> files;
    try {
      files = prefixes.listPrefix(location + "/").iterator();
      while (files.hasNext()) {
        String path = files.next().location();
        Matcher chk = CHECKPOINT_FILE.matcher(path);
        Matcher tables = TABLES_FILE.matcher(path);
        Matcher done = COMMITTED_FILE.matcher(path);
        if (chk.matches()) {
          entries.add(checkpointEntry(path, chk, Kind.CHECKPOINT));
        } else if (tables.matches()) {
          entries.add(checkpointEntry(path, tables, Kind.TABLES));
        } else if (done.matches()) {
          entries.add(new Entry(path, done.group(1), null, -1, -1, Kind.COMMITTED));
        }
      }
    } catch (NotFoundException | UncheckedIOException e) {
      if (isMissing(e)) {
        return entries;
      }
      throw e;
    }
    return entries;
  }

  private static Entry checkpointEntry(String path, Matcher match, Kind kind) {
    return new Entry(
        path,
        match.group(1),
        match.group(2),
        Long.parseLong(match.group(3)),
        Integer.parseInt(match.group(4)),
        kind);
  }

  /** The progress stored in {@code entry}'s file. */
  public Progress read(Entry entry) {
    JsonNode node = readJson(entry);
    Map<String, String> positions = new HashMap<>();
    node.path("positions")
        .fields()
        .forEachRemaining(f -> positions.put(f.getKey(), f.getValue().asText()));
    return Progress.of(positions);
  }

  private JsonNode readJson(Entry entry) {
    try (InputStream in = io().newInputFile(entry.path()).newStream()) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read bookmark: " + e.getMessage() + ": " + entry.path(), e);
    }
  }

  public void delete(Entry entry) {
    io().deleteFile(entry.path());
  }

  private void write(String path, String runId, Progress progress) {
    ObjectNode node = JSON.createObjectNode();
    node.put("key", key);
    node.put("run-id", runId);
    ObjectNode positions = node.putObject("positions");
    progress.positions().forEach(positions::put);
    write(path, node);
  }

  private void write(String path, ObjectNode node) {
    OutputFile file = io().newOutputFile(path);
    try (OutputStream out = file.createOrOverwrite()) {
      JSON.writeValue(out, node);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write bookmark: " + e.getMessage() + ": " + path, e);
    }
  }

  private FileIO io() {
    if (io == null) {
      io =
          CatalogUtil.loadFileIO(
              ioProperties.get(CatalogProperties.FILE_IO_IMPL),
              ioProperties,
              new org.apache.hadoop.conf.Configuration());
    }
    return io;
  }

  private static boolean isMissing(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NotFoundException || t instanceof java.io.FileNotFoundException) {
        return true;
      }
    }
    return false;
  }
}
