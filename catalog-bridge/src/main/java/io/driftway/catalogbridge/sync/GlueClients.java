package io.driftway.catalogbridge.sync;

import io.driftway.platform.aws.AwsClients;
import io.driftway.platform.aws.AwsSettings;
import java.net.URI;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Glue clients for mirror and check: the same AWS SDK client for a bridge and for AWS Glue itself,
 * only the endpoint differs. Built by the platform's {@link AwsClients}.
 *
 * <pre>{@code
 * GlueClient bridge = GlueClients.create(URI.create("http://127.0.0.1:9047"), "us-east-1", key, secret);
 * GlueClient aws = GlueClients.create(null, "eu-west-1", null, null); // AWS Glue, default credentials
 * }</pre>
 */
public final class GlueClients {

  private GlueClients() {}

  /**
   * A Glue client.
   *
   * @param endpoint null for AWS Glue in {@code region}
   * @param accessKeyId null or empty to use the AWS default credentials chain (environment,
   *     profile, role)
   */
  public static GlueClient create(
      URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    return create(settings(endpoint, region, accessKeyId, secretAccessKey));
  }

  /** A Glue client reached with {@code settings}. */
  public static GlueClient create(AwsSettings settings) {
    return AwsClients.build(GlueClient.builder(), settings);
  }

  /** The settings {@link #create(URI, String, String, String)} builds its client from. */
  public static AwsSettings settings(
      URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    AwsSettings.Builder settings = AwsSettings.builder().region(region).endpoint(endpoint);
    if (accessKeyId != null && !accessKeyId.isEmpty()) {
      settings.staticCredentials(accessKeyId, secretAccessKey);
    }
    return settings.build();
  }
}
