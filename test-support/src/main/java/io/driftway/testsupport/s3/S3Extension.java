package io.driftway.testsupport.s3;

import io.driftway.testsupport.SharedServerExtension;
import java.nio.file.Files;

/** Hands an {@link S3ProxyServer} to test methods, started once per test JVM. */
public final class S3Extension extends SharedServerExtension<S3ProxyServer> {

  public S3Extension() {
    super(S3ProxyServer.class);
  }

  @Override
  protected S3ProxyServer start() throws Exception {
    return S3ProxyServer.start(Files.createTempDirectory("driftway-s3-"));
  }
}
