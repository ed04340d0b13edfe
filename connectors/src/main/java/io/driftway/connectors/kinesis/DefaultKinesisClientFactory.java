package io.driftway.connectors.kinesis;

import io.driftway.platform.aws.AwsClients;
import io.driftway.platform.aws.AwsSettings;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The client factory behind the builder's region, endpoint, credentials and API call timeout: sync
 * clients from the platform's {@link AwsClients} (Apache's HTTP client, HTTP/1.1, which kinesalite
 * needs; CBOR stays off through the JVM-wide {@code aws.cborEnabled=false}).
 */
final class DefaultKinesisClientFactory implements KinesisClientFactory {

  private static final long serialVersionUID = 2L;

  private final AwsSettings settings;

  DefaultKinesisClientFactory(AwsSettings settings) {
    this.settings = settings;
  }

  @Override
  public KinesisClient create() {
    return AwsClients.build(KinesisClient.builder(), settings);
  }

  /** Never the secret: this ends up in logs and in the job graph description. */
  @Override
  public String toString() {
    return "KinesisClient{" + settings + '}';
  }
}
