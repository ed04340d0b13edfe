package io.driftway.catalogbridge.iceberg;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalog properties that point Iceberg's {@code GlueCatalog} at a catalog bridge.
 *
 * <pre>{@code
 * Map<String, String> props = GlueCatalogProperties.forBridge(
 *     bridge.endpoint(), "us-east-1", "AKIDPIPELINE", secret, "s3://lake/warehouse");
 * props.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO"); // plus s3.* for the warehouse
 * GlueCatalog catalog = new GlueCatalog();
 * catalog.initialize("driftway", props);
 * }</pre>
 */
public final class GlueCatalogProperties {

  private GlueCatalogProperties() {}

  /**
   * Properties for a GlueCatalog on the bridge at {@code endpoint}, signing as {@code accessKeyId}
   * in {@code region} (the bridge's {@code auth.region}); with {@code auth.mode: none} any
   * non-empty key and secret will do.
   */
  public static Map<String, String> forBridge(
      URI endpoint, String region, String accessKeyId, String secretAccessKey, String warehouse) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
    properties.put("warehouse", warehouse);
    properties.put("glue.endpoint", endpoint.toString());
    properties.put("client.factory", BridgeAwsClientFactory.class.getName());
    properties.put(BridgeAwsClientFactory.CLIENT_REGION, region);
    properties.put(BridgeAwsClientFactory.ACCESS_KEY_ID, accessKeyId);
    properties.put(BridgeAwsClientFactory.SECRET_ACCESS_KEY, secretAccessKey);
    // The bridge's version counter is the commit lock: no DynamoDB or in-memory lock manager.
    properties.put("glue.skip-archive", "true");
    return properties;
  }
}
