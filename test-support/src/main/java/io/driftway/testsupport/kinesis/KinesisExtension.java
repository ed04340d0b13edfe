package io.driftway.testsupport.kinesis;

import io.driftway.testsupport.SharedServerExtension;
import java.nio.file.Files;

/** Hands a {@link KinesaliteServer} to test methods, started once per test JVM. */
public final class KinesisExtension extends SharedServerExtension<KinesaliteServer> {

  public KinesisExtension() {
    super(KinesaliteServer.class);
  }

  @Override
  protected KinesaliteServer start() throws Exception {
    return KinesaliteServer.start(Files.createTempDirectory("driftway-kinesis-"));
  }
}
