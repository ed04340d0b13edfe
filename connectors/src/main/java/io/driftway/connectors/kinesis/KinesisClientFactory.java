package io.driftway.connectors.kinesis;

import java.io.Serializable;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Creates the Kinesis clients a source uses: one for the enumerator on the JobManager, one per
 * reader on the TaskManagers. Shipped inside the job, hence serializable. Each call returns a new
 * client that the caller closes.
 *
 * <p>The builder's {@code region}/{@code endpoint}/{@code staticCredentials} cover the common
 * cases; implement this for anything else (assumed roles, a custom HTTP client).
 *
 * <pre>{@code
 * KinesisClientFactory factory =
 *     () -> KinesisClient.builder().region(Region.EU_WEST_1)
 *         .credentialsProvider(ProfileCredentialsProvider.create("etl")).build();
 * }</pre>
 */
@FunctionalInterface
public interface KinesisClientFactory extends Serializable {

  /** A new client; the caller closes it. */
  KinesisClient create();
}
