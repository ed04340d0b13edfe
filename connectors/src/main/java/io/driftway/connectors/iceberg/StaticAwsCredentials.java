package io.driftway.connectors.iceberg;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Static AWS credentials for Iceberg's AWS clients (Glue, S3), given as catalog properties so they
 * reach every TaskManager with the job: Iceberg calls {@link #create(Map)} with the properties
 * under {@code client.credentials-provider.}.
 */
public final class StaticAwsCredentials {

  static final String ACCESS_KEY_ID = "access-key-id";
  static final String SECRET_ACCESS_KEY = "secret-access-key";

  private StaticAwsCredentials() {}

  /**
   * Called by Iceberg's {@code AwsClientProperties}; the keys are relative to the provider prefix.
   */
  public static AwsCredentialsProvider create(Map<String, String> properties) {
    String accessKey = properties.get(ACCESS_KEY_ID);
    String secretKey = properties.get(SECRET_ACCESS_KEY);
    if (accessKey == null || secretKey == null) {
      throw new IllegalArgumentException(
          "Cannot create AWS credentials: access-key-id and secret-access-key are both required: "
              + properties.keySet());
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
  }
}
