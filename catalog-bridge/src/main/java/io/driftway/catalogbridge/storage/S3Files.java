package io.driftway.catalogbridge.storage;

import io.driftway.catalogbridge.storage.DefaultWarehouseFiles.Location;
import io.driftway.platform.aws.AwsClients;
import io.driftway.platform.aws.AwsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 side of {@link DefaultWarehouseFiles}, in its own class so that AWS SDK classes load only
 * when an {@code s3://} location is first touched (a local warehouse needs none of them). The
 * client comes from the platform's {@link AwsClients}.
 */
final class S3Files implements AutoCloseable {

  private final S3Client client;

  S3Files(S3Settings settings) {
    this.client = buildClient(settings);
  }

  Optional<byte[]> read(Location parsed, String location) {
    try {
      ResponseBytes<GetObjectResponse> bytes =
          client.getObjectAsBytes(b -> b.bucket(parsed.bucket()).key(parsed.key()));
      return Optional.of(bytes.asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new UncheckedIOException(
          "Cannot read file: " + e.getMessage() + ": " + location, new IOException(e));
    }
  }

  Presence exists(Location parsed) {
    try {
      client.headObject(
          HeadObjectRequest.builder().bucket(parsed.bucket()).key(parsed.key()).build());
      return Presence.PRESENT;
    } catch (NoSuchKeyException e) {
      return Presence.ABSENT;
    } catch (S3Exception e) {
      return e.statusCode() == 404 ? Presence.ABSENT : Presence.UNKNOWN;
    } catch (SdkException e) {
      return Presence.UNKNOWN;
    }
  }

  Presence prefixExists(Location parsed) {
    try {
      ListObjectsV2Response listing =
          client.listObjectsV2(b -> b.bucket(parsed.bucket()).prefix(parsed.key()).maxKeys(1));
      return listing.keyCount() != null && listing.keyCount() > 0
          ? Presence.PRESENT
          : Presence.ABSENT;
    } catch (S3Exception e) {
      return e.statusCode() == 404 ? Presence.ABSENT : Presence.UNKNOWN;
    } catch (SdkException e) {
      return Presence.UNKNOWN;
    }
  }

  private static S3Client buildClient(S3Settings settings) {
    AwsSettings.Builder aws =
        AwsSettings.builder()
            .region(settings.region())
            .endpoint(settings.endpoint())
            .pathStyleAccess(settings.pathStyleAccess());
    if (settings.accessKeyId() != null) {
      aws.staticCredentials(settings.accessKeyId(), settings.secretAccessKey());
    }
    AwsSettings built = aws.build();
    return AwsClients.build(S3Client.builder().forcePathStyle(built.pathStyleAccess()), built);
  }

  @Override
  public void close() {
    client.close();
  }
}
