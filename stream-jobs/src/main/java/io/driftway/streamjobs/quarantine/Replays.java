package io.driftway.streamjobs.quarantine;

import io.driftway.connectors.format.FormatSettings;
import io.driftway.connectors.quarantine.QuarantineTable;
import io.driftway.connectors.tracking.TableSettings;
import io.driftway.streamjobs.backfill.BackfillJob;
import io.driftway.streamjobs.backfill.BookmarkLog;
import io.driftway.streamjobs.backfill.Bookmarks;
import io.driftway.streamjobs.backfill.Progress;
import io.driftway.streamjobs.graph.Catalogs;
import io.driftway.streamjobs.spec.PipelineSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Replays of a quarantine: naming its source ({@code quarantine://db.table}), reading which rows
 * are pending, rejecting held rows, and changing a table's new-field policy for one approval.
 *
 * <pre>{@code
 * Replays.Inventory inventory =
 *     Replays.inventory(pipeline, catalog, TableIdentifier.of("shop", "orders"), selection);
 * inventory.pending(); // what `driftway quarantine replay` would send
 * }</pre>
 */
public final class Replays {

  /** The scheme of a replay's source. */
  public static final String SCHEME = "quarantine://";

  private Replays() {}

  /** One selected row and its state. */
  public record Entry(QuarantineRow row, ReplayLedger.State state) {}

  /** The selected rows of a quarantine, oldest first, with their states. */
  public record Inventory(TableIdentifier target, List<Entry> entries) {
    public Inventory {
      entries = List.copyOf(entries);
    }

    /** The rows a replay sends: the pending ones. */
    public List<QuarantineRow> pending() {
      return entries.stream()
          .filter(e -> e.state() == ReplayLedger.State.PENDING)
          .map(Entry::row)
          .toList();
    }

    /** Selected rows that an earlier replay sent already (replayed, failed again, superseded). */
    public long alreadyReplayed() {
      return entries.stream()
          .filter(
              e ->
                  e.state() != ReplayLedger.State.PENDING
                      && e.state() != ReplayLedger.State.REJECTED)
          .count();
    }

    /** The number of selected rows in each state. */
    public Map<ReplayLedger.State, Long> byState() {
      Map<ReplayLedger.State, Long> counts = new EnumMap<>(ReplayLedger.State.class);
      for (Entry e : entries) {
        counts.merge(e.state(), 1L, Long::sum);
      }
      return counts;
    }
  }

  /** {@code quarantine://db.table} for {@code target}. */
  public static String source(TableIdentifier target) {
    return SCHEME + target;
  }

  /**
   * The target table of a replay source: {@code quarantine://shop.orders} (or {@code
   * quarantine://shop.orders_quarantine}) is {@code shop.orders}.
   */
  public static TableIdentifier target(String source) {
    String name =
        source.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
            ? source.substring(SCHEME.length())
            : source;
    return table(name);
  }

  /** {@code db.table} as an identifier; a quarantine table's name gives its target. */
  public static TableIdentifier table(String name) {
    String text = name.trim().toLowerCase(Locale.ROOT);
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
      throw new IllegalArgumentException(
          "Cannot find quarantine: the table is database.table, e.g. shop.orders: " + name);
    }
    TableIdentifier id = TableIdentifier.of(text.substring(0, dot), text.substring(dot + 1));
    return QuarantineTable.isQuarantine(id) ? QuarantineTable.targetOf(id) : id;
  }

  /**
   * The bookmark key of every replay of {@code target}'s quarantine under {@code pipeline}: the
   * selection, the rules and {@code --table} are not part of it, so no replay sends a row that
   * another one sent.
   */
  public static String bookmarkKey(PipelineSpec pipeline, TableIdentifier target) {
    String name = pipeline.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "_");
    return name + "-replay-" + hash(pipeline.name() + "|" + source(target));
  }

  /** The log where rejections of {@code target}'s held rows are kept. */
  static BookmarkLog rejectedLog(PipelineSpec pipeline, TableIdentifier target) {
    return BookmarkLog.of(
        Catalogs.properties(pipeline), bookmarkKey(pipeline, target) + "-rejected");
  }

  /**
   * A fingerprint of the rules a record meets: format, routing, and every table's policies. A
   * replay after a change of these retries the records that failed again before it.
   */
  public static String rulesFingerprint(PipelineSpec pipeline) {
    StringBuilder text = new StringBuilder();
    var format = pipeline.format();
    text.append(format.kind())
        .append('|')
        .append(format.csvHeader())
        .append('|')
        .append(format.csvNullTokens() == null ? "" : new TreeSet<>(format.csvNullTokens()))
        .append('|')
        .append(format.avroSchema())
        .append('|')
        .append(format.registryUrl());
    if (format.registrySubjects() != FormatSettings.SubjectStrategy.ANY) {
      // Only when set, so that the fingerprints of pipelines from before the key stay as they were.
      text.append('|').append(format.registrySubjects().configName());
    }
    text.append('\n');
    var routing = pipeline.routing();
    text.append(routing.mode())
        .append('|')
        .append(routing.table())
        .append('|')
        .append(routing.field())
        .append('|')
        .append(routing.tables() == null ? "" : new TreeMap<>(routing.tables()))
        .append('\n');
    for (TableSettings t : pipeline.tables()) {
      text.append(t.database())
          .append('.')
          .append(t.name())
          .append('|')
          .append(t.partitionBy())
          .append('|')
          .append(new TreeMap<>(t.hints()))
          .append('|')
          .append(t.newFields())
          .append('|')
          .append(t.typeConflicts())
          .append('|')
          .append(new TreeMap<>(t.overrides()))
          .append('|')
          .append(t.maxRecordBytes())
          .append('|')
          .append(t.maxDepth())
          .append('|')
          .append(t.maxFieldsPerStruct())
          .append('|')
          .append(t.mapAfterKeys())
          .append('\n');
    }
    return hash(text.toString());
  }

  /** The selected rows of {@code target}'s quarantine and their states under the current rules. */
  public static Inventory inventory(
      PipelineSpec pipeline,
      Catalog catalog,
      TableIdentifier target,
      QuarantineSelection selection) {
    List<TableIdentifier> tables = BackfillJob.candidateTables(pipeline, catalog);
    Progress replayed =
        Bookmarks.committed(
                BookmarkLog.of(Catalogs.properties(pipeline), bookmarkKey(pipeline, target)),
                catalog,
                tables)
            .progress();
    Progress rejected =
        Bookmarks.committed(rejectedLog(pipeline, target), catalog, tables).progress();
    return inventory(
        QuarantineRows.read(catalog, target),
        ReplayLedger.of(replayed, rejected),
        rulesFingerprint(pipeline),
        target,
        selection);
  }

  /** The states of {@code rows} (oldest first) by {@code ledger}, the selected ones. */
  public static Inventory inventory(
      List<QuarantineRow> rows,
      ReplayLedger ledger,
      String rules,
      TableIdentifier target,
      QuarantineSelection selection) {
    Map<String, QuarantineRow> newest = new HashMap<>();
    for (QuarantineRow row : rows) {
      newest.put(row.recordId(), row);
    }
    List<Entry> entries = new ArrayList<>();
    for (QuarantineRow row : rows) {
      if (selection.matches(row)) {
        entries.add(new Entry(row, ledger.state(row, newest.get(row.recordId()) == row, rules)));
      }
    }
    return new Inventory(target, entries);
  }

  /**
   * Marks {@code rows} rejected: no replay or approval sends them from now on; a record of them
   * quarantined again later is pending again.
   */
  public static void reject(
      PipelineSpec pipeline, TableIdentifier target, List<QuarantineRow> rows, String runId) {
    Map<String, String> positions = new HashMap<>();
    String now = Long.toString(System.currentTimeMillis());
    for (QuarantineRow row : rows) {
      positions.put(ReplayLedger.recordKey(row.recordId()), now);
    }
    rejectedLog(pipeline, target).writeCommitted(runId, Progress.of(positions));
  }

  /**
   * {@code pipeline} with {@code target}'s new-field policy at {@code path} (every held path when
   * null) set to {@code action}: how an approval ({@code evolve}) or a rescuing rejection ({@code
   * rescue}) replays held rows.
   *
   * @throws IllegalArgumentException when the pipeline does not declare {@code target}
   */
  public static PipelineSpec withNewFields(
      PipelineSpec pipeline, TableIdentifier target, String path, String action) {
    List<TableSettings> tables = new ArrayList<>();
    boolean found = false;
    for (TableSettings t : pipeline.tables()) {
      if (t.database().equalsIgnoreCase(target.namespace().toString())
          && t.name().equalsIgnoreCase(target.name())) {
        found = true;
        Map<String, String> overrides = new HashMap<>(t.overrides());
        String newFields = t.newFields();
        if (path == null) {
          overrides.replaceAll((p, a) -> a.equals("hold") ? action : a);
          if (newFields.equals("hold")) {
            newFields = action;
          }
        } else {
          overrides.put(path, action);
        }
        tables.add(
            new TableSettings(
                t.database(),
                t.name(),
                t.partitionBy(),
                t.hints(),
                newFields,
                t.typeConflicts(),
                overrides,
                t.maxRecordBytes(),
                t.maxDepth(),
                t.maxFieldsPerStruct(),
                t.mapAfterKeys(),
                t.properties(),
                t.freshnessSlo(),
                t.inferTimestamps()));
      } else {
        tables.add(t);
      }
    }
    if (!found) {
      throw new IllegalArgumentException(
          "Cannot change new-field policy: the pipeline declares no table "
              + target
              + ": "
              + pipeline.name());
    }
    return pipeline.withTables(tables);
  }

  static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
