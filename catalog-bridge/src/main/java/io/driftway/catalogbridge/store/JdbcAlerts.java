package io.driftway.catalogbridge.store;

import static io.driftway.catalogbridge.store.JdbcSupport.isUniqueViolation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The alerts pipelines sent ({@code catalog_alerts}) in a JDBC store. */
final class JdbcAlerts {

  private final JdbcSupport jdbc;

  JdbcAlerts(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  boolean putAlert(StoredAlert alert) {
    // One statement in auto-commit: a duplicate fails alone, leaving no transaction to abort.
    return jdbc.read(
        "put alert",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_alerts (alert_id, alert_type, database_name, table_name,"
                      + " received_at, document) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, alert.alertId());
            insert.setString(2, alert.type());
            insert.setString(3, alert.database());
            insert.setString(4, alert.table());
            insert.setLong(5, alert.receivedAt().toEpochMilli());
            insert.setString(6, alert.document());
            insert.executeUpdate();
            return true;
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              return false;
            }
            throw e;
          }
        });
  }

  List<StoredAlert> listAlerts(String database, String table, long beforeSeq, int limit) {
    return jdbc.read(
        "list alerts",
        c -> {
          StringBuilder sql =
              new StringBuilder(
                  "SELECT seq, alert_id, alert_type, database_name, table_name, received_at,"
                      + " document FROM catalog_alerts WHERE seq < ?");
          if (database != null) {
            sql.append(" AND database_name = ?");
          }
          if (table != null) {
            sql.append(" AND table_name = ?");
          }
          sql.append(" ORDER BY seq DESC LIMIT ?");
          try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            int i = 1;
            select.setLong(i++, beforeSeq);
            if (database != null) {
              select.setString(i++, database);
            }
            if (table != null) {
              select.setString(i++, table);
            }
            select.setInt(i, limit);
            List<StoredAlert> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(
                    new StoredAlert(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6)),
                        rs.getString(7)));
              }
            }
            return result;
          }
        });
  }
}
