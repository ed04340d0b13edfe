package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.platform.aws.AwsClients;
import io.driftway.platform.aws.AwsSettings;
import io.driftway.streamjobs.cli.RestorePoints.RestorePoint;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Restore points in checkpoint storage on S3 (S3Proxy), listed as {@code driftway run} lists them.
 */
@ExtendWith(S3Extension.class)
class RestorePointsS3IT {

  @Test
  void picksTheCompletedCheckpointAndSkipsAnIncompleteOne(S3ProxyServer server) throws IOException {
    AwsSettings settings = settings(server);
    String bucket = "state-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client s3 = client(settings)) {
      s3.createBucket(b -> b.bucket(bucket));
      put(s3, bucket, "checkpoints/orders/3f2a/chk-7/_metadata");
      put(s3, bucket, "checkpoints/orders/3f2a/chk-7/0b7c-state");
      put(s3, bucket, "checkpoints/orders/3f2a/chk-8/1d2e-state");
      put(s3, bucket, "checkpoints/orders/3f2a/shared/9f00-state");
      // Another pipeline's storage beside this one is not this pipeline's state.
      put(s3, bucket, "checkpoints/orders-eu/51aa/chk-9/_metadata");
    }

    RestorePoint newest =
        RestorePoints.newest("s3://" + bucket + "/checkpoints/orders", settings).orElseThrow();

    assertThat(newest.path()).isEqualTo("s3://" + bucket + "/checkpoints/orders/3f2a/chk-7");
  }

  @Test
  void findsNothingUnderAnEmptyPrefix(S3ProxyServer server) throws IOException {
    AwsSettings settings = settings(server);
    String bucket = "state-" + UUID.randomUUID().toString().substring(0, 8);
    try (S3Client s3 = client(settings)) {
      s3.createBucket(b -> b.bucket(bucket));
    }

    assertThat(RestorePoints.newest("s3://" + bucket + "/checkpoints/orders", settings)).isEmpty();
  }

  @Test
  void failsWhenTheBucketDoesNotExist(S3ProxyServer server) {
    String storage = "s3://missing-" + UUID.randomUUID().toString().substring(0, 8) + "/orders";

    assertThatThrownBy(() -> RestorePoints.newest(storage, settings(server)))
        .isInstanceOf(IOException.class)
        .hasMessage("Cannot resume pipeline: checkpoint storage unreachable: " + storage);
  }

  private static AwsSettings settings(S3ProxyServer server) {
    return AwsSettings.builder()
        .region(server.region())
        .endpoint(server.endpoint())
        .staticCredentials(server.accessKey(), server.secretKey())
        .pathStyleAccess(true)
        .build();
  }

  private static S3Client client(AwsSettings settings) {
    return AwsClients.build(S3Client.builder().forcePathStyle(true), settings);
  }

  private static void put(S3Client s3, String bucket, String key) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("x"));
  }
}
