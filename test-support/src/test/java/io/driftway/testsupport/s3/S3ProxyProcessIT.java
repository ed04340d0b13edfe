package io.driftway.testsupport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class S3ProxyProcessIT {

  @Test
  void comesBackOnTheSamePortWithTheSameObjectsAfterASigkill(@TempDir Path dir) throws Exception {
    String bucket = "restart-" + UUID.randomUUID();
    try (S3ProxyProcess s3 = S3ProxyProcess.start(dir);
        S3Client client = client(s3)) {
      client.createBucket(b -> b.bucket(bucket));
      client.putObject(
          b -> b.bucket(bucket).key("chk-1/_metadata"),
          RequestBody.fromString("before", StandardCharsets.UTF_8));

      s3.kill();
      assertThatThrownBy(() -> client.headBucket(b -> b.bucket(bucket)))
          .isInstanceOf(SdkClientException.class);

      s3.start();
      assertThat(
              client.getObjectAsBytes(b -> b.bucket(bucket).key("chk-1/_metadata")).asUtf8String())
          .isEqualTo("before");
    }
  }

  private static S3Client client(S3ProxyProcess s3) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.of(s3.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
