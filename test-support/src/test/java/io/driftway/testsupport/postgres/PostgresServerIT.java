package io.driftway.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresServerIT {

  @Test
  void roundTripsRowsThroughSqlInItsOwnDatabase(PostgresServer postgres) throws Exception {
    String url = postgres.createDatabase("smoke");
    assertThat(url).startsWith("jdbc:postgresql://127.0.0.1:");
    try (Connection connection =
        DriverManager.getConnection(url, postgres.user(), postgres.password())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE tables (name text PRIMARY KEY, version bigint NOT NULL)");
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO tables (name, version) VALUES (?, ?)")) {
        insert.setString(1, "orders");
        insert.setLong(2, 7);
        insert.executeUpdate();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT name, version, current_setting('server_version_num')::int FROM tables")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("orders");
        assertThat(rows.getLong(2)).isEqualTo(7);
        assertThat(rows.getInt(3)).isGreaterThanOrEqualTo(170000);
        assertThat(rows.next()).isFalse();
      }
    }
  }
}
