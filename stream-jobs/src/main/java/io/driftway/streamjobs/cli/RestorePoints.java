package io.driftway.streamjobs.cli;

import io.driftway.platform.aws.AwsClients;
import io.driftway.platform.aws.AwsSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Where {@code driftway run} resumes: the newest completed savepoint or retained checkpoint in a
 * pipeline's checkpoint storage, on a local folder (or any file system Flink reaches) or on S3.
 *
 * <p>Flink keeps a job's checkpoints in {@code <storage>/<job id>/chk-<n>/} and {@code run} writes
 * its savepoints to {@code <storage>/savepoints/savepoint-<...>/}. Flink writes a checkpoint's
 * {@code _metadata} file last, once every part of it is durable, so a folder without one (a
 * checkpoint cut short by a crash) is never picked. Listing fails loudly: a storage that cannot be
 * read must not turn into a silent fresh start that reads the sources again from their committed
 * offsets.
 *
 * <pre>{@code
 * Optional<RestorePoint> newest = RestorePoints.newest("s3://lake/checkpoints/orders", s3Settings);
 * }</pre>
 */
final class RestorePoints {

  private static final String METADATA = "_metadata";
  private static final Set<String> S3_SCHEMES = Set.of("s3", "s3a", "s3n");
  private static final Pattern CHECKPOINT = Pattern.compile("/chk-(\\d+)/?$");

  /** A completed savepoint or checkpoint: its folder, as Flink's savepoint path, and its time. */
  record RestorePoint(String path, Instant written) {}

  private RestorePoints() {}

  /** The folder {@code run} writes savepoints to, inside the checkpoint storage. */
  static String savepointFolder(String storage) {
    return storage.endsWith("/") ? storage + "savepoints" : storage + "/savepoints";
  }

  /**
   * The newest completed savepoint or checkpoint in {@code storage}; empty when there is none (the
   * storage folder or prefix may not exist yet). {@code s3} signs the listing of an {@code s3://}
   * storage.
   *
   * @throws IOException {@code Cannot resume pipeline: checkpoint storage unreachable: <storage>}
   *     when the storage cannot be listed
   */
  static Optional<RestorePoint> newest(String storage, AwsSettings s3) throws IOException {
    URI uri = URI.create(storage);
    try {
      List<RestorePoint> completed =
          uri.getScheme() != null && S3_SCHEMES.contains(uri.getScheme())
              ? onS3(uri, s3)
              : onFileSystem(uri);
      // S3 keeps times to the second: two checkpoints of one job a second apart (the older not yet
      // subsumed when the run died) are told apart by their number, chk-10 after chk-9.
      return completed.stream()
          .max(
              Comparator.comparing(RestorePoint::written)
                  .thenComparingLong(RestorePoints::checkpointNumber)
                  .thenComparing(RestorePoint::path, Comparator.naturalOrder()));
    } catch (IOException | SdkException | IllegalArgumentException e) {
      throw new IOException(
          "Cannot resume pipeline: checkpoint storage unreachable: " + storage, e);
    }
  }

  /** The {@code n} of a {@code .../chk-<n>} folder; -1 for a savepoint. */
  private static long checkpointNumber(RestorePoint point) {
    Matcher chk = CHECKPOINT.matcher(point.path());
    return chk.find() ? Long.parseLong(chk.group(1)) : -1;
  }

  private static List<RestorePoint> onFileSystem(URI uri) throws IOException {
    Path root = new Path(uri);
    FileSystem fs = root.getFileSystem();
    List<RestorePoint> completed = new ArrayList<>();
    if (!fs.exists(root)) {
      return completed;
    }
    for (FileStatus group : fs.listStatus(root)) {
      if (!group.isDir()) {
        continue;
      }
      for (FileStatus folder : fs.listStatus(group.getPath())) {
        Path metadata = new Path(folder.getPath(), METADATA);
        if (folder.isDir() && fs.exists(metadata)) {
          completed.add(
              new RestorePoint(
                  folder.getPath().toUri().toString(),
                  Instant.ofEpochMilli(fs.getFileStatus(metadata).getModificationTime())));
        }
      }
    }
    return completed;
  }

  private static List<RestorePoint> onS3(URI uri, AwsSettings settings) {
    String bucket = uri.getHost();
    String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    String base = uri.getScheme() + "://" + bucket + "/" + prefix;
    List<RestorePoint> completed = new ArrayList<>();
    try (S3Client s3 =
        AwsClients.build(S3Client.builder().forcePathStyle(settings.pathStyleAccess()), settings)) {
      String under = prefix;
      for (S3Object object :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(under)).contents()) {
        // <group>/<folder>/_metadata below the storage prefix, as on a file system.
        String[] parts = object.key().substring(under.length()).split("/", -1);
        if (parts.length == 3 && parts[2].equals(METADATA)) {
          completed.add(new RestorePoint(base + parts[0] + "/" + parts[1], object.lastModified()));
        }
      }
    }
    return completed;
  }
}
