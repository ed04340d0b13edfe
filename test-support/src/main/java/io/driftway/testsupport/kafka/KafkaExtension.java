package io.driftway.testsupport.kafka;

import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.testsupport.SharedServerExtension;
import java.nio.file.Files;

/**
 * Hands a {@link KafkaBroker} to test methods, started once per test JVM.
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class OrdersIT {
 *   @Test
 *   void readsOrders(KafkaBroker kafka) { ... }
 * }
 * }</pre>
 */
public final class KafkaExtension extends SharedServerExtension<KafkaBroker> {

  public KafkaExtension() {
    super(KafkaBroker.class);
  }

  @Override
  protected KafkaBroker start() throws Exception {
    return KafkaBroker.start(Files.createTempDirectory("driftway-kafka-"));
  }
}
