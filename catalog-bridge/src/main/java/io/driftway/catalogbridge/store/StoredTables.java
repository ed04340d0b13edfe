package io.driftway.catalogbridge.store;

import io.driftway.catalogbridge.model.Table;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Table} last read from each stored row, kept so that reading a row again that has not
 * changed hands out the same value without parsing its document again (GetTable, the hottest call,
 * spent a fifth of its CPU parsing). A value is reused only when the row read now holds the very
 * version id and document it was parsed from (a table is a function of those two and the store's
 * catalog id), so a change by any writer, another bridge on the same database included, is seen at
 * once. On H2 in this JVM the row is not even read again while {@link H2TableChanges} says the
 * table has not changed since the value was read (the row read was a third of GetTable's CPU).
 *
 * <p>Thread-safe. Bounded: past {@link #MAX_TABLES} tables or {@link #MAX_DOCUMENT_CHARS}
 * characters of documents it starts over, so a catalog of wide tables cannot fill the heap with
 * them.
 */
final class StoredTables {

  static final int MAX_TABLES = 4_096;
  static final long MAX_DOCUMENT_CHARS = 8L << 20;

  private record Key(String databaseName, String name) {}

  /** {@code changes}: when it was read (H2 in this JVM only, else null). */
  private record Parsed(long versionId, String document, Table table, H2TableChanges.Mark readAt) {}

  private final JdbcSupport jdbc;
  private final Map<Key, Parsed> parsed = new ConcurrentHashMap<>();
  private long documentChars; // guarded by this

  StoredTables(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The table last read from the row of {@code databaseName.name} when {@code changes} says the
   * table has not changed since that read, else null (read the row).
   */
  Table unchanged(String databaseName, String name, H2TableChanges changes) {
    Parsed last = parsed.get(new Key(databaseName, name));
    return last != null && changes.unchangedSince(last.readAt()) ? last.table() : null;
  }

  /**
   * The table the row of {@code databaseName.name} holds: the value handed out last time when the
   * row still holds {@code versionId} and {@code document}, else the document parsed.
   *
   * @param readAt the mark taken before the row was read (null: none)
   */
  Table table(
      String databaseName,
      String name,
      long versionId,
      String document,
      H2TableChanges.Mark readAt) {
    Key key = new Key(databaseName, name);
    Parsed last = parsed.get(key);
    if (last != null && last.versionId() == versionId && last.document().equals(document)) {
      if (readAt != null && readAt != last.readAt()) {
        keep(key, new Parsed(versionId, last.document(), last.table(), readAt));
      }
      return last.table();
    }
    Table table = jdbc.table(versionId, document);
    keep(key, new Parsed(versionId, document, table, readAt));
    return table;
  }

  // Only after a change or a first read: the lock stays off the path of a row read again.
  private synchronized void keep(Key key, Parsed entry) {
    if (parsed.size() >= MAX_TABLES
        || documentChars + entry.document().length() > MAX_DOCUMENT_CHARS) {
      parsed.clear();
      documentChars = 0;
    }
    Parsed replaced = parsed.put(key, entry);
    documentChars += entry.document().length();
    if (replaced != null) {
      documentChars -= replaced.document().length();
    }
  }

  /** Forgets a table (deleted or renamed); only frees memory, a stale entry is never served. */
  synchronized void forget(String databaseName, String name) {
    Parsed removed = parsed.remove(new Key(databaseName, name));
    if (removed != null) {
      documentChars -= removed.document().length();
    }
  }
}
