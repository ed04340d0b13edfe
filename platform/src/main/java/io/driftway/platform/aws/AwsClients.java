package io.driftway.platform.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The one place Driftway builds AWS SDK v2 clients: any service's sync client builder gets the
 * region, endpoint override, credentials, retry budget and Apache's HTTP client with the timeouts
 * of an {@link AwsSettings}. Apache's client, not the JDK's: it checks a pooled connection before
 * reusing it, where the JDK client reused connections the server (S3Proxy) had closed while idle
 * and failed uploads with an error the SDK does not retry.
 *
 * <p>Service-specific settings stay with the caller, which knows the service: S3's path-style
 * addressing is {@code S3Client.builder().forcePathStyle(settings.pathStyleAccess())}. Kinesis
 * clients against kinesalite also need the JVM-wide {@code aws.cborEnabled=false}, which {@code
 * ./driftway} and the test runs set. Callable from any thread; each call builds a new client the
 * caller closes.
 *
 * <pre>{@code
 * KinesisClient kinesis = AwsClients.build(KinesisClient.builder(), settings);
 * S3Client s3 = AwsClients.build(S3Client.builder().forcePathStyle(settings.pathStyleAccess()), settings);
 * }</pre>
 */
public final class AwsClients {

  private AwsClients() {}

  /** Applies {@code settings} to {@code builder} and builds the client. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, AwsSettings settings) {
    return configure(builder, settings).build();
  }

  /**
   * Applies {@code settings} to {@code builder} and returns it, for callers that set more before
   * building. This sets the override configuration (retries, call timeout): a later {@code
   * overrideConfiguration(..)} on the builder replaces it.
   */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
      B builder, AwsSettings settings) {
    builder
        .region(Region.of(settings.region()))
        .credentialsProvider(credentialsProvider(settings))
        .httpClientBuilder(
            ApacheHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout()))
        .overrideConfiguration(
            c -> {
              c.retryStrategy(retry -> retry.maxAttempts(settings.maxAttempts()));
              settings.apiCallTimeout().ifPresent(c::apiCallTimeout);
            });
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  /** The credentials {@code settings} name: the default chain or the static key. */
  public static AwsCredentialsProvider credentialsProvider(AwsSettings settings) {
    if (settings.credentialsSource() == AwsSettings.CredentialsSource.DEFAULT_CHAIN) {
      return DefaultCredentialsProvider.builder().build();
    }
    String key = settings.accessKeyId().orElseThrow();
    String secret = settings.secretAccessKey().orElseThrow();
    return StaticCredentialsProvider.create(
        settings
            .sessionToken()
            .<AwsCredentials>map(token -> AwsSessionCredentials.create(key, secret, token))
            .orElseGet(() -> AwsBasicCredentials.create(key, secret)));
  }
}
