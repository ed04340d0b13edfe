package io.driftway.catalogbridge.iceberg;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.aws.AwsClientFactories;
import org.apache.iceberg.aws.AwsClientFactory;
import org.apache.iceberg.aws.AwsProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Iceberg's AWS client factory for a GlueCatalog that talks to the catalog bridge: the Glue client
 * goes to {@code glue.endpoint} with the bridge's own access key, while S3, KMS and DynamoDB
 * clients are Iceberg's defaults (S3 keeps its {@code s3.*} credentials). Iceberg's stock factory
 * cannot do this: {@code client.credentials-provider} applies to Glue and S3 alike.
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
    GlueClientBuilder builder =
        GlueClient.builder()
            .httpClient(ApacheHttpClient.create())
            .region(Region.of(properties.getOrDefault(CLIENT_REGION, DEFAULT_REGION)))
            .credentialsProvider(credentials());
    String endpoint = properties.get(AwsProperties.GLUE_CATALOG_ENDPOINT);
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  @Override
  public S3Client s3() {
    return defaults().s3();
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

  private AwsCredentialsProvider credentials() {
    String key = properties.get(ACCESS_KEY_ID);
    String secret = properties.get(SECRET_ACCESS_KEY);
    if (key != null && secret != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }
    return DefaultCredentialsProvider.builder().build();
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
