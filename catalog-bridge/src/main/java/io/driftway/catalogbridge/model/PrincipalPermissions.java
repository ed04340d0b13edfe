package io.driftway.catalogbridge.model;

import java.util.List;

/** A Glue {@code PrincipalPermissions}: default permissions for new tables, stored as given. */
public record PrincipalPermissions(DataLakePrincipal principal, List<String> permissions) {

  public PrincipalPermissions {
    permissions = Copies.list(permissions);
  }
}
