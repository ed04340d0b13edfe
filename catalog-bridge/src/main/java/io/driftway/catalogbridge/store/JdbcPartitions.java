package io.driftway.catalogbridge.store;

import static io.driftway.catalogbridge.store.JdbcSupport.isMissingParent;
import static io.driftway.catalogbridge.store.JdbcSupport.isUniqueViolation;
import static io.driftway.catalogbridge.store.JdbcSupport.marks;

import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import io.driftway.catalogbridge.model.GlueJson;
import io.driftway.catalogbridge.model.Partition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The partitions of a {@link CatalogStore} on JDBC ({@code catalog_partitions}), keyed by a hash of
 * their values and scanned in creation order.
 */
final class JdbcPartitions {

  private static final String INSERT_PARTITION =
      "INSERT INTO catalog_partitions (database_name, table_name, values_hash, document,"
          + " create_time) VALUES (?, ?, ?, ?, ?)";

  private final JdbcSupport jdbc;

  JdbcPartitions(JdbcSupport jdbc) {
    this.jdbc = jdbc;
  }

  void createPartition(Partition partition) {
    jdbc.write(
        "create partition",
        c -> {
          insertPartition(c, partition);
          return null;
        });
  }

  List<ItemError> createPartitions(
      String databaseName, String tableName, List<Partition> partitions) {
    try {
      return jdbc.write(
          "create partitions",
          c -> {
            List<ItemError> errors = new ArrayList<>();
            Set<String> existing = existingHashes(c, databaseName, tableName, partitions);
            Set<String> seen = new HashSet<>();
            try (PreparedStatement insert = c.prepareStatement(INSERT_PARTITION)) {
              for (Partition partition : partitions) {
                String hash = valuesHash(partition.values());
                if (existing.contains(hash) || !seen.add(hash)) {
                  errors.add(
                      new ItemError(
                          partition.values(),
                          GlueException.alreadyExists(
                              "Cannot create partition: it already exists: "
                                  + describe(databaseName, tableName, partition.values()))));
                  continue;
                }
                bindPartition(insert, partition, hash);
                insert.addBatch();
              }
              insert.executeBatch();
            }
            return errors;
          });
    } catch (GlueException e) {
      if (e.type() != GlueErrorType.ALREADY_EXISTS) {
        throw e;
      }
      // Another writer added one of these between our check and insert: go one by one.
      List<ItemError> errors = new ArrayList<>();
      for (Partition partition : partitions) {
        try {
          createPartition(partition);
        } catch (GlueException item) {
          errors.add(new ItemError(partition.values(), item));
        }
      }
      return errors;
    }
  }

  Optional<Partition> getPartition(String databaseName, String tableName, List<String> values) {
    return jdbc.read(
        "get partition",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT document FROM catalog_partitions"
                      + " WHERE database_name = ? AND table_name = ? AND values_hash = ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            select.setString(3, valuesHash(values));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(jdbc.partition(rs.getString(1))) : Optional.empty();
            }
          }
        });
  }

  List<Partition> getPartitions(
      String databaseName, String tableName, List<List<String>> valuesList) {
    return jdbc.read(
        "get partitions",
        c -> {
          Map<String, Partition> found = new HashMap<>();
          List<String> hashes = new ArrayList<>();
          for (List<String> values : valuesList) {
            hashes.add(valuesHash(values));
          }
          for (int from = 0; from < hashes.size(); from += 100) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + 100));
            String marks = marks(chunk.size());
            try (PreparedStatement select =
                c.prepareStatement(
                    "SELECT values_hash, document FROM catalog_partitions"
                        + " WHERE database_name = ? AND table_name = ? AND values_hash IN ("
                        + marks
                        + ")")) {
              select.setString(1, databaseName);
              select.setString(2, tableName);
              for (int i = 0; i < chunk.size(); i++) {
                select.setString(3 + i, chunk.get(i));
              }
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  found.put(rs.getString(1), jdbc.partition(rs.getString(2)));
                }
              }
            }
          }
          Map<String, Partition> ordered = new LinkedHashMap<>();
          for (String hash : hashes) {
            Partition partition = found.get(hash);
            if (partition != null) {
              ordered.putIfAbsent(hash, partition);
            }
          }
          return List.copyOf(ordered.values());
        });
  }

  List<StoredPartition> scanPartitions(
      String databaseName, String tableName, long afterSeq, int limit) {
    return jdbc.read(
        "scan partitions",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT seq, document FROM catalog_partitions"
                      + " WHERE database_name = ? AND table_name = ? AND seq > ?"
                      + " ORDER BY seq LIMIT ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            select.setLong(3, afterSeq);
            select.setInt(4, limit);
            List<StoredPartition> result = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                result.add(new StoredPartition(rs.getLong(1), jdbc.partition(rs.getString(2))));
              }
            }
            return result;
          }
        });
  }

  void updatePartition(
      String databaseName, String tableName, List<String> values, Partition partition) {
    jdbc.write(
        "update partition",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE catalog_partitions SET values_hash = ?, document = ?"
                      + " WHERE database_name = ? AND table_name = ? AND values_hash = ?")) {
            update.setString(1, valuesHash(partition.values()));
            update.setString(2, GlueJson.writeString(partition.withCatalogId(null)));
            update.setString(3, databaseName);
            update.setString(4, tableName);
            update.setString(5, valuesHash(values));
            if (update.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot update partition: partition not found: "
                      + describe(databaseName, tableName, values));
            }
          } catch (SQLException e) {
            if (isUniqueViolation(e)) {
              throw GlueException.alreadyExists(
                  "Cannot update partition: the new values are taken: "
                      + describe(databaseName, tableName, partition.values()));
            }
            throw e;
          }
          return null;
        });
  }

  void deletePartition(String databaseName, String tableName, List<String> values) {
    jdbc.write(
        "delete partition",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM catalog_partitions"
                      + " WHERE database_name = ? AND table_name = ? AND values_hash = ?")) {
            delete.setString(1, databaseName);
            delete.setString(2, tableName);
            delete.setString(3, valuesHash(values));
            if (delete.executeUpdate() == 0) {
              throw GlueException.notFound(
                  "Cannot delete partition: partition not found: "
                      + describe(databaseName, tableName, values));
            }
          }
          return null;
        });
  }

  private void insertPartition(Connection c, Partition partition) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT_PARTITION)) {
      bindPartition(insert, partition, valuesHash(partition.values()));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (isUniqueViolation(e)) {
        throw GlueException.alreadyExists(
            "Cannot create partition: it already exists: "
                + describe(partition.databaseName(), partition.tableName(), partition.values()));
      }
      if (isMissingParent(e)) {
        throw GlueException.notFound(
            "Cannot create partition: table not found: "
                + partition.databaseName()
                + "."
                + partition.tableName());
      }
      throw e;
    }
  }

  private static void bindPartition(PreparedStatement insert, Partition partition, String hash)
      throws SQLException {
    insert.setString(1, partition.databaseName());
    insert.setString(2, partition.tableName());
    insert.setString(3, hash);
    insert.setString(4, GlueJson.writeString(partition.withCatalogId(null)));
    insert.setLong(5, partition.creationTime().toEpochMilli());
  }

  private static Set<String> existingHashes(
      Connection c, String databaseName, String tableName, List<Partition> partitions)
      throws SQLException {
    Set<String> existing = new HashSet<>();
    if (partitions.isEmpty()) {
      return existing;
    }
    String marks = marks(partitions.size());
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT values_hash FROM catalog_partitions WHERE database_name = ? AND table_name = ?"
                + " AND values_hash IN ("
                + marks
                + ")")) {
      select.setString(1, databaseName);
      select.setString(2, tableName);
      for (int i = 0; i < partitions.size(); i++) {
        select.setString(3 + i, valuesHash(partitions.get(i).values()));
      }
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          existing.add(rs.getString(1));
        }
      }
    }
    return existing;
  }

  /** The key of a partition: SHA-256 of its values as a JSON array (values may be long). */
  private static String valuesHash(List<String> values) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(GlueJson.writeString(values).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot compute SHA-256: JDK lacks it", e);
    }
  }

  private static String describe(String databaseName, String tableName, List<String> values) {
    return databaseName + "." + tableName + " " + values;
  }
}
