package io.driftway.connectors.kinesis;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * The client factory behind the builder's region, endpoint and credentials settings: a sync client
 * over {@code HttpURLConnection}, with a per-call timeout, and the SDK's default retries.
 */
final class DefaultKinesisClientFactory implements KinesisClientFactory {

  private static final long serialVersionUID = 1L;

  private final String region;
  private final URI endpoint;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final Duration apiCallTimeout;

  DefaultKinesisClientFactory(
      String region,
      URI endpoint,
      String accessKeyId,
      String secretAccessKey,
      Duration apiCallTimeout) {
    this.region = region;
    this.endpoint = endpoint;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.apiCallTimeout = apiCallTimeout;
  }

  @Override
  public KinesisClient create() {
    KinesisClientBuilder builder =
        KinesisClient.builder()
            .region(Region.of(region))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(apiCallTimeout)
                    .socketTimeout(apiCallTimeout))
            .overrideConfiguration(c -> c.apiCallTimeout(apiCallTimeout))
            .credentialsProvider(credentials());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  private AwsCredentialsProvider credentials() {
    return accessKeyId == null
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(
            AwsBasicCredentials.create(accessKeyId, secretAccessKey));
  }

  @Override
  public String toString() {
    // Never the secret: this ends up in logs and in the job graph description.
    return "KinesisClient{region="
        + region
        + (endpoint == null ? "" : ", endpoint=" + endpoint)
        + (accessKeyId == null ? ", default credentials" : ", static credentials " + accessKeyId)
        + '}';
  }
}
