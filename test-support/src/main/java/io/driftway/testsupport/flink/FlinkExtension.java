package io.driftway.testsupport.flink;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.testsupport.SharedServerExtension;

/** Hands a {@link FlinkCluster} to test methods, started once per test JVM. */
public final class FlinkExtension extends SharedServerExtension<FlinkCluster> {

  public FlinkExtension() {
    super(FlinkCluster.class);
  }

  @Override
  protected FlinkCluster start() throws Exception {
    return FlinkCluster.start();
  }
}
