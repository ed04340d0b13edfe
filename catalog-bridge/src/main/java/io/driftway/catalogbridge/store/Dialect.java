package io.driftway.catalogbridge.store;

import java.util.Locale;

/** The SQL databases the store runs on; each has its own migration scripts. */
enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  static Dialect of(String url) {
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "Cannot open catalog store: URL must start with jdbc:h2: or jdbc:postgresql: : " + url);
  }
}
