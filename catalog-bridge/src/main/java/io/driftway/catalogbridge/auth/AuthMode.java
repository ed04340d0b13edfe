package io.driftway.catalogbridge.auth;

/** How requests are authenticated. */
public enum AuthMode {
  /** AWS Signature Version 4 against the configured access keys (the default). */
  SIGV4,
  /** No authentication: every caller is an admin. Allowed only on a loopback address. */
  NONE
}
