package io.driftway.catalogbridge.iceberg;

import io.driftway.platform.aws.AwsClients;
import io.driftway.platform.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.aws.AwsClientFactories;
import org.apache.iceberg.aws.AwsClientFactory;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.AwsProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Iceberg's AWS client factory for a GlueCatalog that talks to the catalog bridge: the Glue client
 * goes to {@code glue.endpoint} with the bridge's own access key, while S3 keeps its {@code s3.*}
 * credentials. Iceberg's stock factory cannot do this: {@code client.credentials-provider} applies
 * to Glue and S3 alike.
 *
 * <p>The Glue and S3 clients come from the platform's {@link AwsClients} (region, endpoint,
 * Apache's HTTP client with the {@code http-client.apache.*} timeouts); the S3 client then gets
 * Iceberg's own S3 rules on top ({@code s3.*} credentials or {@code client.credentials-provider},
 * path-style, signer, {@code s3.retry.*}), so {@code S3FileIO} behaves as with Iceberg's factory.
 * Async S3, KMS and DynamoDB clients are Iceberg's defaults.
 *
 * <pre>{@code
 * Map<String, String> props = new HashMap<>();
 * props.put("client.factory", BridgeAwsClientFactory.class.getName());
 * props.put("glue.endpoint", "http://127.0.0.1:9047");
 * props.put("client.region", "us-east-1");
 * props.put(BridgeAwsClientFactory.ACCESS_KEY_ID, "AKIDPIPELINE");
 * props.put(BridgeAwsClientFactory.SECRET_ACCESS_KEY, secret);
 * Catalog catalog = CatalogUtil.loadCatalog(GlueCatalog.class.getName(), "glue", props, null);
 * }</pre>
 */
public final class BridgeAwsClientFactory implements AwsClientFactory {

  private static final long serialVersionUID = 1L;

  /** The bridge principal's access key id (catalog property). */
  public static final String ACCESS_KEY_ID = "driftway.glue.access-key-id";

  /** The bridge principal's secret access key (catalog property). */
  public static final String SECRET_ACCESS_KEY = "driftway.glue.secret-access-key";

  /** Iceberg's region property; the bridge checks it against {@code auth.region}. */
  public static final String CLIENT_REGION = "client.region";

  private static final String DEFAULT_REGION = "us-east-1";

  private HashMap<String, String> properties = new HashMap<>();
  private transient AwsClientFactory defaults;

  /** Iceberg instantiates factories reflectively; call {@link #initialize(Map)} next. */
  public BridgeAwsClientFactory() {}

  @Override
  public void initialize(Map<String, String> catalogProperties) {
    this.properties = new HashMap<>(catalogProperties);
    this.defaults = null;
  }

  @Override
  public GlueClient glue() {
    AwsSettings.Builder settings = common(properties.get(AwsProperties.GLUE_CATALOG_ENDPOINT));
    String key = properties.get(ACCESS_KEY_ID);
    String secret = properties.get(SECRET_ACCESS_KEY);
    if (key != null && secret != null) {
      settings.staticCredentials(key, secret);
    }
    return AwsClients.build(GlueClient.builder(), settings.build());
  }

  @Override
  public S3Client s3() {
    S3FileIOProperties s3 = new S3FileIOProperties(properties);
    S3ClientBuilder builder =
        AwsClients.configure(
            S3Client.builder(), common(properties.get(S3FileIOProperties.ENDPOINT)).build());
    s3.applyCredentialConfigurations(new AwsClientProperties(properties), builder);
    s3.applyServiceConfigurations(builder);
    s3.applySignerConfiguration(builder);
    s3.applyRetryConfigurations(builder);
    s3.applyUserAgentConfigurations(builder);
    return builder.build();
  }

  /** Region, endpoint and HTTP timeouts shared by the Glue and S3 clients. */
  private AwsSettings.Builder common(String endpoint) {
    AwsSettings.Builder settings =
        AwsSettings.builder()
            .region(properties.getOrDefault(CLIENT_REGION, DEFAULT_REGION))
            .endpoint(endpoint == null ? null : URI.create(endpoint));
    millis(HttpClientProperties.APACHE_CONNECTION_TIMEOUT_MS).ifPresent(settings::connectTimeout);
    millis(HttpClientProperties.APACHE_SOCKET_TIMEOUT_MS).ifPresent(settings::readTimeout);
    return settings;
  }

  private Optional<Duration> millis(String key) {
    return Optional.ofNullable(properties.get(key))
        .map(value -> Duration.ofMillis(Long.parseLong(value.trim())));
  }

  @Override
  public S3AsyncClient s3Async() {
    return defaults().s3Async();
  }

  @Override
  public KmsClient kms() {
    return defaults().kms();
  }

  @Override
  public DynamoDbClient dynamo() {
    return defaults().dynamo();
  }

  private AwsClientFactory defaults() {
    AwsClientFactory factory = defaults;
    if (factory == null) {
      Map<String, String> withoutUs = new HashMap<>(properties);
      withoutUs.remove(AwsProperties.CLIENT_FACTORY);
      factory = AwsClientFactories.from(withoutUs);
      defaults = factory;
    }
    return factory;
  }
}
