package io.driftway.catalogbridge.auth;

/** What a principal may do in one database. */
public enum Access {
  /** Get and list databases, tables, versions and partitions. */
  READ_ONLY,
  /** Everything: create, update and delete the database and what it holds. */
  ADMIN
}
