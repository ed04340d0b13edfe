package io.driftway.catalogbridge.storage;

import java.net.URI;

/**
 * How to reach S3 (or an S3-compatible store) for {@code s3://} locations.
 *
 * @param endpoint null for AWS itself
 * @param accessKeyId null to use the AWS default credentials chain
 */
public record S3Settings(
    URI endpoint,
    String region,
    String accessKeyId,
    String secretAccessKey,
    boolean pathStyleAccess) {

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint
        + ", region="
        + region
        + ", accessKeyId="
        + accessKeyId
        + ", pathStyleAccess="
        + pathStyleAccess
        + "]";
  }
}
