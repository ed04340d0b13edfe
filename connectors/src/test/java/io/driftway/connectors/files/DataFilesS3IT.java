package io.driftway.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.driftway.connectors.source.RawRecord;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Listing and reading against a real S3 API (S3Proxy, SigV4 checked, path-style). */
@ExtendWith(S3Extension.class)
class DataFilesS3IT {

  @TempDir Path dir;

  @Test
  void listsReadsAndListsFoldersOnS3(S3ProxyServer server) throws IOException {
    S3Access access = access(server);
    String bucket = "b-" + UUID.randomUUID();
    try (S3Client s3 = access.createClient();
        DataFiles files = DataFiles.create(access)) {
      s3.createBucket(b -> b.bucket(bucket));
      put(s3, bucket, "events/dt=2026-01-01/a.json", TestFiles.write(dir.resolve("a.json"), 1, 10));
      put(
          s3,
          bucket,
          "events/dt=2026-01-01/b.csv.gz",
          TestFiles.write(dir.resolve("b.csv.gz"), 11, 10));
      put(
          s3,
          bucket,
          "events/dt=2026-01-02/c.avro",
          TestFiles.write(dir.resolve("c.avro"), 21, 10));
      put(
          s3,
          bucket,
          "events/dt=2026-01-02/d.parquet",
          TestFiles.write(dir.resolve("d.parquet"), 31, 2_000));
      s3.putObject(
          b -> b.bucket(bucket).key("events/dt=2026-01-02/_SUCCESS"), RequestBody.fromString("x"));
      s3.putObject(b -> b.bucket(bucket).key("events/dt=2026-01-03/"), RequestBody.empty());
      s3.putObject(b -> b.bucket(bucket).key("events2/x.json"), RequestBody.fromString("{}"));

      List<InputFile> listed = files.list("s3://" + bucket + "/events");

      assertThat(listed)
          .extracting(InputFile::location)
          .containsExactly(
              "s3://" + bucket + "/events/dt=2026-01-01/a.json",
              "s3://" + bucket + "/events/dt=2026-01-01/b.csv.gz",
              "s3://" + bucket + "/events/dt=2026-01-02/c.avro",
              "s3://" + bucket + "/events/dt=2026-01-02/d.parquet");
      assertThat(listed.get(3).partitions()).containsExactly(entry("dt", "2026-01-02"));
      assertThat(listed.get(3).version()).isNotBlank().doesNotContain("\"");
      assertThat(files.listFolders("s3://" + bucket + "/events/"))
          .containsExactly(
              "s3://" + bucket + "/events/dt=2026-01-01/",
              "s3://" + bucket + "/events/dt=2026-01-02/",
              "s3://" + bucket + "/events/dt=2026-01-03/");
      assertThat(files.list("s3://" + bucket + "/events/dt=2026-01-01/a.json"))
          .extracting(InputFile::location)
          .containsExactly("s3://" + bucket + "/events/dt=2026-01-01/a.json");

      List<Long> counts = new ArrayList<>();
      for (InputFile file : listed) {
        counts.add((long) readAll(files, file, 0).size());
      }
      assertThat(counts).containsExactly(10L, 10L, 10L, 2_000L);
      assertThat(readAll(files, listed.get(3), 1_995)).hasSize(5);
    }
  }

  @Test
  void aFileRewrittenAfterListingFailsInsteadOfMixingVersions(S3ProxyServer server)
      throws IOException {
    S3Access access = access(server);
    String bucket = "b-" + UUID.randomUUID();
    try (S3Client s3 = access.createClient();
        DataFiles files = DataFiles.create(access)) {
      s3.createBucket(b -> b.bucket(bucket));
      put(s3, bucket, "a.json", TestFiles.write(dir.resolve("a.json"), 1, 10));
      InputFile listed = files.list("s3://" + bucket + "/").get(0);
      s3.putObject(
          b -> b.bucket(bucket).key("a.json"),
          RequestBody.fromString("{\"id\":99}\n", StandardCharsets.UTF_8));

      assertThatThrownBy(() -> readAll(files, listed, 0))
          .isInstanceOf(FileReadException.class)
          .hasMessage(
              "Cannot read file: it changed since it was listed (version "
                  + listed.version()
                  + "): s3://"
                  + bucket
                  + "/a.json");
    }
  }

  private static S3Access access(S3ProxyServer server) {
    return S3Access.of(server.region())
        .withEndpoint(server.endpoint())
        .withPathStyle(true)
        .withStaticCredentials(server.accessKey(), server.secretKey());
  }

  private static void put(S3Client s3, String bucket, String key, Path file) throws IOException {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(Files.readAllBytes(file)));
  }

  private static List<RawRecord> readAll(DataFiles files, InputFile file, long skip) {
    List<RawRecord> raws = new ArrayList<>();
    try (FileRecords records = files.open(file, null, skip)) {
      for (RawRecord raw = records.next(); raw != null; raw = records.next()) {
        raws.add(raw);
      }
    }
    return raws;
  }
}
