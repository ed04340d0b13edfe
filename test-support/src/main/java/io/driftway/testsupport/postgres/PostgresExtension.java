package io.driftway.testsupport.postgres;

import io.driftway.testsupport.SharedServerExtension;
import java.nio.file.Files;

/** Hands a {@link PostgresServer} to test methods, started once per test JVM. */
public final class PostgresExtension extends SharedServerExtension<PostgresServer> {

  public PostgresExtension() {
    super(PostgresServer.class);
  }

  @Override
  protected PostgresServer start() throws Exception {
    return PostgresServer.start(Files.createTempDirectory("driftway-postgres-"));
  }
}
