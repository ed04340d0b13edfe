package io.driftway.streamjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.platform.aws.AwsSettings;
import io.driftway.streamjobs.cli.RestorePoints.RestorePoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorePointsTest {

  private static final AwsSettings NO_S3 = AwsSettings.builder().region("us-east-1").build();

  @TempDir Path storage;

  @Test
  void picksTheNewestCompletedSavepointOrCheckpointAndSkipsAnIncompleteOne() throws IOException {
    complete("3f2a/chk-7", "2026-12-01T10:00:00Z");
    complete("savepoints/savepoint-3f2a-1c", "2026-12-01T10:05:00Z");
    complete("9b41/chk-2", "2026-12-01T10:07:00Z");
    // Newer, but cut short by a crash: no _metadata.
    Files.createDirectories(storage.resolve("9b41/chk-3"));
    Files.writeString(storage.resolve("9b41/chk-3/part-0"), "state");
    Files.createDirectories(storage.resolve("9b41/shared"));

    RestorePoint newest = RestorePoints.newest(storage.toUri().toString(), NO_S3).orElseThrow();

    assertThat(Path.of(URI.create(newest.path()))).isEqualTo(storage.resolve("9b41/chk-2"));
    assertThat(newest.written()).isEqualTo(Instant.parse("2026-12-01T10:07:00Z"));
  }

  @Test
  void picksASavepointNewerThanEveryCheckpoint() throws IOException {
    complete("3f2a/chk-7", "2026-12-01T10:00:00Z");
    complete("savepoints/savepoint-3f2a-1c", "2026-12-01T10:05:00Z");

    RestorePoint newest = RestorePoints.newest(storage.toUri().toString(), NO_S3).orElseThrow();

    assertThat(Path.of(URI.create(newest.path())))
        .isEqualTo(storage.resolve("savepoints/savepoint-3f2a-1c"));
  }

  @Test
  void picksTheHigherCheckpointNumberWhenTwoWereWrittenInTheSameSecond() throws IOException {
    // S3 lists times to the second; by name alone chk-9 would sort after chk-10.
    complete("3f2a/chk-9", "2026-12-01T10:00:00Z");
    complete("3f2a/chk-10", "2026-12-01T10:00:00Z");

    RestorePoint newest = RestorePoints.newest(storage.toUri().toString(), NO_S3).orElseThrow();

    assertThat(Path.of(URI.create(newest.path()))).isEqualTo(storage.resolve("3f2a/chk-10"));
  }

  @Test
  void findsNothingInAStorageFolderThatDoesNotExistYet() throws IOException {
    assertThat(RestorePoints.newest(storage.resolve("first-run").toUri().toString(), NO_S3))
        .isEmpty();
  }

  @Test
  void findsNothingWhenEveryCheckpointIsIncomplete() throws IOException {
    Files.createDirectories(storage.resolve("3f2a/chk-1"));

    assertThat(RestorePoints.newest(storage.toUri().toString(), NO_S3)).isEmpty();
  }

  @Test
  void failsOnS3StorageThatCannotBeReached() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    AwsSettings unreachable =
        AwsSettings.builder()
            .region("us-east-1")
            .endpoint(URI.create("http://127.0.0.1:" + closed))
            .staticCredentials("key", "secret")
            .pathStyleAccess(true)
            .maxAttempts(1)
            .build();

    assertThatThrownBy(() -> RestorePoints.newest("s3://lake/checkpoints/orders", unreachable))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot resume pipeline: checkpoint storage unreachable: s3://lake/checkpoints/orders");
  }

  @Test
  void failsOnAFileSystemFlinkCannotReach() {
    assertThatThrownBy(() -> RestorePoints.newest("nosuchfs://lake/checkpoints", NO_S3))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Cannot resume pipeline: checkpoint storage unreachable: nosuchfs://lake/checkpoints");
  }

  @Test
  void keepsSavepointsInsideTheCheckpointStorage() {
    assertThat(RestorePoints.savepointFolder("s3://lake/checkpoints/orders"))
        .isEqualTo("s3://lake/checkpoints/orders/savepoints");
    assertThat(RestorePoints.savepointFolder("file:/tmp/orders/"))
        .isEqualTo("file:/tmp/orders/savepoints");
  }

  private void complete(String folder, String written) throws IOException {
    Path metadata = storage.resolve(folder).resolve("_metadata");
    Files.createDirectories(metadata.getParent());
    Files.writeString(metadata, "metadata");
    Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(written)));
  }
}
