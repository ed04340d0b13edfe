package io.driftway.catalogbridge.store;

import static io.driftway.catalogbridge.store.JdbcSupport.isUniqueViolation;

import io.driftway.catalogbridge.model.Crawler;
import io.driftway.catalogbridge.model.CrawlerMetrics;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The crawlers of a {@link CatalogStore} on JDBC ({@code catalog_crawlers}), each with the metrics
 * of its latest finished crawl.
 */
final class JdbcCrawlers {

  private final JdbcSupport jdbc;

  JdbcCrawlers(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  void createCrawler(Crawler crawler) {
    jdbc.write(
        "create crawler",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO catalog_crawlers (name, state, document, create_time)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, crawler.name());
            insert.setString(2, crawler.state().name());
            insert.setString(3, GlueJson.writeString(crawler));
            insert.setLong(4, crawler.creationTime().toEpochMilli());
            insert.executeUpdate();
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot create crawler: it already exists: " + crawler.name());
            }
            throw e;
          }
          return null;
        });
  }

  Optional<Crawler> getCrawler(String name) {
    return jdbc.read(
        "get crawler",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT document FROM catalog_crawlers WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(GlueJson.read(rs.getString(1), Crawler.class))
                  : Optional.empty();
            }
          }
        });
  }

  List<Crawler> listCrawlers(String afterName, int limit) {
    return jdbc.read(
        "list crawlers",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_crawlers WHERE name > ? ORDER BY name LIMIT ?")) {
            select.setString(1, afterName == null ? "" : afterName);
            select.setInt(2, limit);
            List<Crawler> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(GlueJson.read(rs.getString(1), Crawler.class));
              }
            }
            return result;
          }
        });
  }

  void updateCrawler(Crawler crawler, CrawlerMetrics metrics) {
    jdbc.write(
        "update crawler",
        c -> {
          String sql =
              metrics == null
                  ? "UPDATE catalog_crawlers SET state = ?, document = ? WHERE name = ?"
                  : "UPDATE catalog_crawlers SET state = ?, document = ?, metrics = ?"
                      + " WHERE name = ?";
          try (PreparedStatement update = c.prepareStatement(sql)) {
            int i = 1;
            update.setString(i++, crawler.state().name());
            update.setString(i++, GlueJson.writeString(crawler));
            if (metrics != null) {
              update.setString(i++, GlueJson.writeString(metrics));
            }
            update.setString(i, crawler.name());
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot update crawler: crawler not found: " + crawler.name());
            }
          }
          return null;
        });
  }

  Optional<CrawlerMetrics> getCrawlerMetrics(String name) {
    return jdbc.read(
        "get crawler metrics",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT metrics FROM catalog_crawlers WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next() || rs.getString(1) == null) {
                return Optional.empty();
              }
              return Optional.of(GlueJson.read(rs.getString(1), CrawlerMetrics.class));
            }
          }
        });
  }

  void deleteCrawler(String name) {
    jdbc.write(
        "delete crawler",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM catalog_crawlers WHERE name = ?")) {
            delete.setString(1, name);
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound("Cannot delete crawler: crawler not found: " + name);
            }
          }
          return null;
        });
  }
}
