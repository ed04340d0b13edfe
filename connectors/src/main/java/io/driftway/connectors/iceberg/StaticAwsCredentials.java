package io.driftway.connectors.iceberg;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Static AWS credentials for Iceberg's AWS clients (Glue, S3), given as catalog properties so they
 * reach every TaskManager with the job: Iceberg calls {@link #create(Map)} with the properties
 * under {@code client.credentials-provider.}.
 */
public final class StaticAwsCredentials implements AwsCredentialsProvider {

  static final String ACCESS_KEY_ID = "access-key-id";
  static final String SECRET_ACCESS_KEY = "secret-access-key";

  private final AwsBasicCredentials credentials;

  private StaticAwsCredentials(AwsBasicCredentials credentials) {
    this.credentials = credentials;
  }

  /**
   * Called by Iceberg's {@code AwsClientProperties}; the keys are relative to the provider prefix.
   */
  public static StaticAwsCredentials create(Map<String, String> properties) {
    String accessKey = properties.get(ACCESS_KEY_ID);
    String secretKey = properties.get(SECRET_ACCESS_KEY);
    if (accessKey == null || secretKey == null) {
      throw new IllegalArgumentException(
          "Cannot create AWS credentials: access-key-id and secret-access-key are both required: "
              + properties.keySet());
    }
    return new StaticAwsCredentials(AwsBasicCredentials.create(accessKey, secretKey));
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return credentials;
  }
}
