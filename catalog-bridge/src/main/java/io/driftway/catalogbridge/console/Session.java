package io.driftway.catalogbridge.console;

import io.driftway.catalogbridge.auth.Principal;
import java.time.Instant;

/**
 * A signed-in browser: the random id its cookie carries, who it is, the CSRF token its forms carry,
 * and when it ends.
 */
record Session(String id, Principal principal, String csrfToken, Instant expiresAt) {

  /** Keeps the id and token out of logs. */
  @Override
  public String toString() {
    return "Session[principal=" + principal.name() + ", expiresAt=" + expiresAt + "]";
  }
}
