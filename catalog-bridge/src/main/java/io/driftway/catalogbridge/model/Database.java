package io.driftway.catalogbridge.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Glue {@code Database} as GetDatabase returns it. */
public record Database(
    String name,
    String description,
    String locationUri,
    Map<String, String> parameters,
    Instant createTime,
    List<PrincipalPermissions> createTableDefaultPermissions,
    DatabaseIdentifier targetDatabase,
    String catalogId,
    FederatedDatabase federatedDatabase) {

  public Database {
    parameters = Copies.map(parameters);
    createTableDefaultPermissions = Copies.list(createTableDefaultPermissions);
  }

  /** A database made from its input; {@code name} is the stored (lowercase) name. */
  public static Database from(
      DatabaseInput input, String name, Instant createTime, String catalogId) {
    return new Database(
        name,
        input.description(),
        input.locationUri(),
        input.parameters(),
        createTime,
        input.createTableDefaultPermissions(),
        input.targetDatabase(),
        catalogId,
        input.federatedDatabase());
  }

  /** The input that recreates this database elsewhere (used by mirror). */
  public DatabaseInput toInput() {
    return new DatabaseInput(
        name,
        description,
        locationUri,
        parameters,
        createTableDefaultPermissions,
        targetDatabase,
        federatedDatabase);
  }

  /** This database as served by a catalog with another id. */
  public Database withCatalogId(String newCatalogId) {
    return new Database(
        name,
        description,
        locationUri,
        parameters,
        createTime,
        createTableDefaultPermissions,
        targetDatabase,
        newCatalogId,
        federatedDatabase);
  }
}
