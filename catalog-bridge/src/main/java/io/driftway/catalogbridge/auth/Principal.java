package io.driftway.catalogbridge.auth;

import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A caller known by an access key, with its rights per database ({@code "*"} stands for every
 * database not named).
 *
 * <pre>{@code
 * Principal analyst = Principal.of("analyst", "AKIDANALYST", secret,
 *     Map.of("sales", Access.READ_ONLY));
 * analyst.require(Access.ADMIN, "sales", "update table"); // throws AccessDeniedException
 * }</pre>
 */
public record Principal(
    String name, String accessKeyId, String secretAccessKey, Map<String, Access> databases) {

  /** The database key granting rights on every database. */
  public static final String ALL_DATABASES = "*";

  private static final Principal ANONYMOUS =
      new Principal("anonymous", "", "", Map.of(ALL_DATABASES, Access.ADMIN));

  public Principal {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Cannot define principal: a name is required: " + name);
    }
    Map<String, Access> normalized = new LinkedHashMap<>();
    databases.forEach((db, access) -> normalized.put(db.toLowerCase(Locale.ROOT), access));
    databases = Collections.unmodifiableMap(normalized);
  }

  public static Principal of(
      String name, String accessKeyId, String secretAccessKey, Map<String, Access> databases) {
    if (accessKeyId == null || accessKeyId.isBlank()) {
      throw new IllegalArgumentException(
          "Cannot define principal: access-key-id is required: " + name);
    }
    if (secretAccessKey == null || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot define principal: secret-access-key is required: " + name);
    }
    if (databases.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot define principal: grant at least one database (or \"*\"): " + name);
    }
    return new Principal(name, accessKeyId, secretAccessKey, databases);
  }

  /** The caller when authentication is off ({@code auth.mode: none}): admin everywhere. */
  public static Principal anonymous() {
    return ANONYMOUS;
  }

  /** This principal's rights in {@code database}, or null for none. */
  public Access access(String database) {
    Access exact = databases.get(database.toLowerCase(Locale.ROOT));
    return exact != null ? exact : databases.get(ALL_DATABASES);
  }

  public boolean canRead(String database) {
    return access(database) != null;
  }

  public boolean canAdmin(String database) {
    return access(database) == Access.ADMIN;
  }

  /**
   * Fails with AccessDeniedException unless this principal has {@code needed} in {@code database}.
   *
   * @param action what was attempted, e.g. {@code update table}
   */
  public void require(Access needed, String database, String action) {
    boolean allowed = needed == Access.ADMIN ? canAdmin(database) : canRead(database);
    if (!allowed) {
      throw GlueException.of(
          GlueErrorType.ACCESS_DENIED,
          "Cannot "
              + action
              + ": principal "
              + name
              + " has no "
              + (needed == Access.ADMIN ? "admin" : "read")
              + " rights on database: "
              + database);
    }
  }

  /** Reads the YAML list under {@code auth.principals}. */
  @SuppressWarnings("unchecked") // YAML maps and lists as YamlEntries builds them
  public static List<Principal> parseList(Object raw) {
    if (!(raw instanceof List<?> items)) {
      throw new IllegalArgumentException("expected a list of principals");
    }
    List<Principal> principals = new java.util.ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> fields)) {
        throw new IllegalArgumentException(
            "expected each principal to be a map with name, access-key-id, secret-access-key,"
                + " databases");
      }
      Object grants = fields.get("databases");
      Map<String, Access> databases = new LinkedHashMap<>();
      if (grants instanceof Map<?, ?> grantMap) {
        for (Map.Entry<String, Object> grant : ((Map<String, Object>) grantMap).entrySet()) {
          databases.put(
              grant.getKey(),
              io.driftway.platform.config.ConfigOption.parseEnum(
                  Access.class, String.valueOf(grant.getValue())));
        }
      } else if (grants != null) {
        throw new IllegalArgumentException(
            "expected databases to map database names (or \"*\") to read-only or admin");
      }
      for (Object key : fields.keySet()) {
        if (!List.of("name", "access-key-id", "secret-access-key", "databases").contains(key)) {
          throw new IllegalArgumentException(
              "unknown principal field "
                  + key
                  + " (allowed: name, access-key-id, secret-access-key, databases)");
        }
      }
      principals.add(
          Principal.of(
              (String) fields.get("name"),
              (String) fields.get("access-key-id"),
              (String) fields.get("secret-access-key"),
              databases));
    }
    return List.copyOf(principals);
  }

  /** Keeps the secret out of logs and error messages. */
  @Override
  public String toString() {
    return "Principal[name="
        + name
        + ", accessKeyId="
        + accessKeyId
        + ", databases="
        + databases
        + "]";
  }
}
