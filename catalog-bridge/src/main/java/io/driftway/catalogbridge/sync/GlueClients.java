package io.driftway.catalogbridge.sync;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * Glue clients for mirror and check: the same AWS SDK client for a bridge and for AWS Glue itself,
 * only the endpoint differs.
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
   * @param accessKeyId null to use the AWS default credentials chain (environment, profile, role)
   */
  public static GlueClient create(
      URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    GlueClientBuilder builder =
        GlueClient.builder()
            .httpClient(ApacheHttpClient.create())
            .region(Region.of(region))
            .credentialsProvider(credentials(accessKeyId, secretAccessKey));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(String accessKeyId, String secretAccessKey) {
    if (accessKeyId == null || accessKeyId.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    if (secretAccessKey == null) {
      throw new IllegalArgumentException(
          "Cannot create Glue client: a secret access key is needed with access key: "
              + accessKeyId);
    }
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }
}
