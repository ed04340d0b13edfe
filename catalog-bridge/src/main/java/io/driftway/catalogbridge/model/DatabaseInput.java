package io.driftway.catalogbridge.model;

import java.util.List;
import java.util.Map;

/** A Glue {@code DatabaseInput}: what CreateDatabase and UpdateDatabase receive. */
public record DatabaseInput(
    String name,
    String description,
    String locationUri,
    Map<String, String> parameters,
    List<PrincipalPermissions> createTableDefaultPermissions,
    DatabaseIdentifier targetDatabase,
    FederatedDatabase federatedDatabase) {

  public DatabaseInput {
    parameters = Copies.map(parameters);
    createTableDefaultPermissions = Copies.list(createTableDefaultPermissions);
  }
}
