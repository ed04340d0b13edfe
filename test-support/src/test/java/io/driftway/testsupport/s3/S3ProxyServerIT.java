package io.driftway.testsupport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(S3Extension.class)
class S3ProxyServerIT {

  @Test
  void putsListsGetsAndUploadsInParts(S3ProxyServer s3) {
    String bucket = "smoke-" + UUID.randomUUID();
    try (S3Client client = client(s3, s3.secretKey())) {
      client.createBucket(b -> b.bucket(bucket));
      client.putObject(
          b -> b.bucket(bucket).key("events/day=2026-11-23/part-0.json"),
          RequestBody.fromString("{\"id\":1}\n", StandardCharsets.UTF_8));

      assertThat(
              client.listObjectsV2(b -> b.bucket(bucket).prefix("events/")).contents().stream()
                  .map(S3Object::key))
          .containsExactly("events/day=2026-11-23/part-0.json");
      assertThat(
              client
                  .getObjectAsBytes(b -> b.bucket(bucket).key("events/day=2026-11-23/part-0.json"))
                  .asUtf8String())
          .isEqualTo("{\"id\":1}\n");

      byte[] partOne = randomBytes(5 * 1024 * 1024, 1);
      byte[] partTwo = randomBytes(1024, 2);
      String key = "big/object.bin";
      String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
      List<CompletedPart> parts = new ArrayList<>();
      byte[][] chunks = {partOne, partTwo};
      for (int i = 0; i < chunks.length; i++) {
        int number = i + 1;
        String etag =
            client
                .uploadPart(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(chunks[number - 1]))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      }
      client.completeMultipartUpload(
          b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));

      byte[] whole = client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
      byte[] expected = new byte[partOne.length + partTwo.length];
      System.arraycopy(partOne, 0, expected, 0, partOne.length);
      System.arraycopy(partTwo, 0, expected, partOne.length, partTwo.length);
      assertThat(whole).isEqualTo(expected);
    }
  }

  @Test
  void refusesAWrongSecret(S3ProxyServer s3) {
    try (S3Client client = client(s3, "not-the-secret")) {
      assertThatThrownBy(() -> client.listBuckets())
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  private static S3Client client(S3ProxyServer s3, String secret) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.of(s3.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
