package io.driftway.catalogbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.db.MVTable;
import org.h2.schema.Schema;
import org.h2.table.Table;

/**
 * Tells without a query whether {@code catalog_tables} of an H2 database that runs in this JVM may
 * have changed since a {@link Mark}, so that GetTable can hand out the table it read last instead
 * of reading its row again.
 *
 * <p>It reads H2's own modification counter of the table, the one H2 uses to reuse a query's
 * result: every row a statement inserts, updates or deletes moves it, and so does every commit of a
 * transaction that wrote the table, after the commit and before the commit returns to its caller.
 * Every writer moves it, whoever it is: the database runs in this JVM (the store's connections are
 * in-process sessions; the file is locked by this process), so another store in this JVM, SQL run
 * by hand on another connection and clients of H2's automatic server all write through this very
 * engine. A value read after a mark and kept with it is therefore never handed out once a later
 * change's commit has returned: a read that raced an uncommitted change kept a mark taken before
 * that commit, which the commit moves on. Over TCP (a session in another process) there is no
 * counter to read: {@link #open} gives null and the store reads every time.
 *
 * <p>A schema change (the table dropped and created again) makes a new table object, found again by
 * the schema's own counter; a closed database gives no marks, nor does a table that is not one of
 * H2's own. Thread-safe.
 */
final class H2TableChanges {

  private static final String TABLE = "catalog_tables";

  /** The table object in use since schema version {@code metaId}; null when none was found. */
  private static final class Resolved {
    final long metaId;
    final Table table;

    Resolved(long metaId, Table table) {
      this.metaId = metaId;
      this.table = table;
    }
  }

  /** A moment in the table's history: equal marks mean no change in between. */
  static final class Mark {
    private final Resolved at;
    private final long modification;

    private Mark(Resolved at, long modification) {
      this.at = at;
      this.modification = modification;
    }
  }

  private final Database database;
  private final String schemaName;
  private volatile Resolved resolved;

  private H2TableChanges(Database database, String schemaName) {
    this.database = database;
    this.schemaName = schemaName;
  }

  /** The changes of the database {@code connection} is a session of; null unless in this JVM. */
  static H2TableChanges open(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession()
            instanceof SessionLocal session)) {
      return null;
    }
    H2TableChanges changes =
        new H2TableChanges(session.getDatabase(), session.getCurrentSchemaName());
    return changes.mark() == null ? null : changes;
  }

  /** Now; null when no mark can be given (the database is closing, the table is gone). */
  Mark mark() {
    Resolved r = current();
    return r == null ? null : new Mark(r, r.table.getMaxDataModificationId());
  }

  /** Whether nothing changed in the table since {@code mark} (null: unknown, so no). */
  boolean unchangedSince(Mark mark) {
    if (mark == null) {
      return false;
    }
    Resolved r = current();
    return r == mark.at && r.table.getMaxDataModificationId() == mark.modification;
  }

  private Resolved current() {
    if (database.isClosing()) {
      return null;
    }
    long metaId = database.getModificationMetaId();
    Resolved r = resolved;
    if (r == null || r.metaId != metaId) {
      r = resolve(metaId);
    }
    return r.table == null ? null : r;
  }

  private synchronized Resolved resolve(long metaId) {
    Resolved r = resolved;
    if (r != null && r.metaId == metaId) {
      return r;
    }
    Table table = null;
    Schema schema = database.findSchema(schemaName);
    if (schema != null) {
      // Unquoted names are upper case in H2 unless the URL asks otherwise.
      table = schema.findTableOrView(null, TABLE.toUpperCase(Locale.ROOT));
      if (table == null) {
        table = schema.findTableOrView(null, TABLE);
      }
    }
    // Only H2's own tables keep the counter as described; a linked table or a view does not.
    r = new Resolved(metaId, table instanceof MVTable ? table : null);
    resolved = r;
    return r;
  }
}
