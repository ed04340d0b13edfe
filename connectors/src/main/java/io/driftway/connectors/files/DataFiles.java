package io.driftway.connectors.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists and opens data files on S3 ({@code s3://bucket/prefix}) or in a local folder ({@code
 * file:/path}, or a plain path). One instance per thread that uses it; it holds one S3 client,
 * created on first use, closed by {@link #close()}.
 *
 * <p>A listing holds every data file under the location, recursively, sorted by location: it skips
 * hidden files and folders (names starting with {@code _} or {@code .}, so {@code _SUCCESS} and
 * {@code _temporary/}), folder marker objects (keys ending in {@code /}) and zero-byte objects,
 * which hold no records. A location that names one file lists that file.
 *
 * <pre>{@code
 * try (DataFiles files = DataFiles.create(S3Access.of("us-east-1"))) {
 *   for (InputFile file : files.list("s3://bucket/events/")) {
 *     try (FileRecords records = files.open(file, null, 0)) {
 *       for (RawRecord raw = records.next(); raw != null; raw = records.next()) { ... }
 *     }
 *   }
 *   List<String> days = files.listFolders("s3://bucket/events/"); // s3://bucket/events/dt=.../
 * }
 * }</pre>
 */
public final class DataFiles implements AutoCloseable {

  private final S3Access access;
  private S3Client s3;

  private DataFiles(S3Access access) {
    this.access = access;
  }

  /** Files on S3 through {@code access}, and local files. */
  public static DataFiles create(S3Access access) {
    return new DataFiles(java.util.Objects.requireNonNull(access, "access"));
  }

  /** Local files only: an {@code s3://} location fails. */
  public static DataFiles local() {
    return new DataFiles(null);
  }

  /**
   * Every data file under {@code location}, sorted by location; empty when there is none.
   *
   * @throws FileReadException when the listing fails (no such bucket, access denied)
   */
  public List<InputFile> list(String location) {
    Location at = Location.parse(location);
    try {
      return at.isS3() ? listS3(at) : listLocal(at);
    } catch (SdkException | IOException | UncheckedIOException e) {
      throw new FileReadException("list files", FileReadException.reason(e), location, e);
    }
  }

  /**
   * The immediate sub-folders of {@code location} (S3: common prefixes under the delimiter {@code
   * /}), each as a location ending in {@code /}, sorted; hidden folders are left out. Nothing below
   * them is listed, so a crawler can skip partitions it already knows.
   */
  public List<String> listFolders(String location) {
    Location at = Location.parse(location);
    try {
      return at.isS3() ? foldersS3(at) : foldersLocal(at);
    } catch (SdkException | IOException | UncheckedIOException e) {
      throw new FileReadException("list folders", FileReadException.reason(e), location, e);
    }
  }

  /**
   * Opens {@code file} and skips its first {@code skip} records (what a bookmark says is done).
   *
   * @param format the format, or null to detect it from the extension
   * @throws FileReadException when the file cannot be opened, or has changed since it was listed
   */
  public FileRecords open(InputFile file, FileFormat format, long skip) {
    if (skip < 0) {
      throw new IllegalArgumentException(
          "Cannot open file: records to skip is negative (" + skip + "): " + file.location());
    }
    FileFormat resolved = format != null ? format : FileFormat.detect(file.location());
    FileRecords records =
        switch (resolved) {
          case JSON_LINES, CSV -> {
            InputStream in = stream(file);
            yield TextFileRecords.open(file, resolved, in);
          }
          case AVRO -> AvroFileRecords.open(file, stream(file));
          case PARQUET -> ParquetFileRecords.open(file, parquetFile(file));
        };
    try {
      for (long i = 0; i < skip; i++) {
        if (!skipOne(records)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      records.close();
      throw e;
    }
    return records;
  }

  private static boolean skipOne(FileRecords records) {
    return records.next() != null;
  }

  /** The bytes of {@code file} as listed (an S3 read fails if the ETag moved since). */
  InputStream stream(InputFile file) {
    Location at = Location.parse(file.location());
    try {
      if (at.isS3()) {
        return s3().getObject(
                GetObjectRequest.builder()
                    .bucket(at.bucket())
                    .key(at.key())
                    .ifMatch(quoted(file.version()))
                    .build());
      }
      return Files.newInputStream(at.path());
    } catch (NoSuchKeyException | NoSuchFileException e) {
      throw FileReadException.read("it does not exist", file.location(), e);
    } catch (S3Exception e) {
      if (e.statusCode() == 412) {
        throw FileReadException.read(
            "it changed since it was listed (version " + file.version() + ")", file.location(), e);
      }
      throw FileReadException.read(FileReadException.reason(e), file.location(), e);
    } catch (SdkException | IOException e) {
      throw FileReadException.read(FileReadException.reason(e), file.location(), e);
    }
  }

  /** Random access for Parquet: S3 range GETs, or the local file. */
  org.apache.parquet.io.InputFile parquetFile(InputFile file) {
    Location at = Location.parse(file.location());
    if (at.isS3()) {
      return new S3RangeInputFile(s3(), at.bucket(), at.key(), file);
    }
    return new NamedLocalInputFile(at.path(), file.location());
  }

  /** Parquet's local file, named by its location in Parquet's own error messages. */
  private static final class NamedLocalInputFile implements org.apache.parquet.io.InputFile {
    private final org.apache.parquet.io.LocalInputFile local;
    private final String location;

    NamedLocalInputFile(Path path, String location) {
      this.local = new org.apache.parquet.io.LocalInputFile(path);
      this.location = location;
    }

    @Override
    public long getLength() throws IOException {
      return local.getLength();
    }

    @Override
    public org.apache.parquet.io.SeekableInputStream newStream() throws IOException {
      return local.newStream();
    }

    @Override
    public String toString() {
      return location;
    }
  }

  private S3Client s3() {
    if (access == null) {
      throw new IllegalStateException(
          "Cannot reach S3: these data files were created for local files only: DataFiles.local()");
    }
    if (s3 == null) {
      s3 = access.createClient();
    }
    return s3;
  }

  private List<InputFile> listS3(Location at) {
    String prefix = at.folderKey();
    List<InputFile> files = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Response page =
          s3().listObjectsV2(
                  ListObjectsV2Request.builder()
                      .bucket(at.bucket())
                      .prefix(prefix)
                      .continuationToken(token)
                      .build());
      for (S3Object object : page.contents()) {
        String relative = object.key().substring(prefix.length());
        if (isData(relative, object.size())) {
          files.add(
              InputFile.of(
                  "s3://" + at.bucket() + "/" + object.key(),
                  object.size(),
                  unquoted(object.eTag()),
                  HivePartitions.parse(relative)));
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    if (files.isEmpty() && !at.key().isEmpty() && !at.key().endsWith("/")) {
      // The location may name one object rather than a folder.
      try {
        HeadObjectResponse head = s3().headObject(b -> b.bucket(at.bucket()).key(at.key()));
        if (head.contentLength() > 0) {
          files.add(
              InputFile.of(
                  at.location(), head.contentLength(), unquoted(head.eTag()), java.util.Map.of()));
        }
      } catch (NoSuchKeyException e) {
        return files;
      } catch (S3Exception e) {
        if (e.statusCode() != 404) {
          throw e;
        }
      }
    }
    files.sort(Comparator.comparing(InputFile::location));
    return files;
  }

  private List<String> foldersS3(Location at) {
    String prefix = at.folderKey();
    List<String> folders = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Response page =
          s3().listObjectsV2(
                  ListObjectsV2Request.builder()
                      .bucket(at.bucket())
                      .prefix(prefix)
                      .delimiter("/")
                      .continuationToken(token)
                      .build());
      for (CommonPrefix common : page.commonPrefixes()) {
        String name = common.prefix().substring(prefix.length());
        if (!isHidden(name)) {
          folders.add("s3://" + at.bucket() + "/" + common.prefix());
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    folders.sort(Comparator.naturalOrder());
    return folders;
  }

  private static List<InputFile> listLocal(Location at) throws IOException {
    Path root = at.path();
    List<InputFile> files = new ArrayList<>();
    if (Files.isRegularFile(root)) {
      BasicFileAttributes attributes = Files.readAttributes(root, BasicFileAttributes.class);
      if (attributes.size() > 0) {
        files.add(
            InputFile.of(
                "file:" + root,
                attributes.size(),
                attributes.lastModifiedTime().toString(),
                java.util.Map.of()));
      }
      return files;
    }
    if (!Files.isDirectory(root)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (!Files.isRegularFile(path)) {
          continue;
        }
        String relative = root.relativize(path).toString().replace(java.io.File.separatorChar, '/');
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (isData(relative, attributes.size())) {
          files.add(
              InputFile.of(
                  "file:" + path,
                  attributes.size(),
                  attributes.lastModifiedTime().toString(),
                  HivePartitions.parse(relative)));
        }
      }
    }
    files.sort(Comparator.comparing(InputFile::location));
    return files;
  }

  private static List<String> foldersLocal(Location at) throws IOException {
    Path root = at.path();
    List<String> folders = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return folders;
    }
    try (Stream<Path> children = Files.list(root)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (Files.isDirectory(child) && !isHidden(child.getFileName().toString())) {
          folders.add("file:" + child + "/");
        }
      }
    }
    folders.sort(Comparator.naturalOrder());
    return folders;
  }

  /** Whether a path relative to the listed location is a data file (not hidden, not empty). */
  static boolean isData(String relative, long size) {
    if (size <= 0 || relative.isEmpty() || relative.endsWith("/")) {
      return false;
    }
    int start = 0;
    while (start < relative.length()) {
      int slash = relative.indexOf('/', start);
      int end = slash < 0 ? relative.length() : slash;
      if (isHidden(relative.substring(start, end))) {
        return false;
      }
      start = end + 1;
    }
    return true;
  }

  private static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static String quoted(String etag) {
    return "\"" + etag + "\"";
  }

  private static String unquoted(String etag) {
    if (etag == null) {
      return "";
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  /** Buffers {@code in} for the line and container readers. */
  static InputStream buffered(InputStream in) {
    return new BufferedInputStream(in, 1 << 16);
  }

  @Override
  public void close() {
    if (s3 != null) {
      s3.close();
      s3 = null;
    }
  }

  /** A parsed location: an S3 bucket and key, or a local path. */
  record Location(String location, String bucket, String key, Path path) {

    static Location parse(String location) {
      if (location.startsWith("s3://") || location.startsWith("s3a://")) {
        String rest = location.substring(location.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
          throw new IllegalArgumentException(
              "Cannot parse location: no bucket after s3://: " + location);
        }
        return new Location(location, bucket, key, null);
      }
      if (location.contains("://") && !location.startsWith("file:")) {
        throw new IllegalArgumentException(
            "Cannot parse location: only s3://bucket/prefix, file:/path or a local path: "
                + location);
      }
      String path = location;
      if (path.startsWith("file:")) {
        path = path.substring("file:".length());
        // file:///x and file:/x name the same path.
        while (path.startsWith("//")) {
          path = path.substring(1);
        }
      }
      return new Location(location, null, null, Paths.get(path).toAbsolutePath().normalize());
    }

    boolean isS3() {
      return bucket != null;
    }

    /** The key as a folder prefix: empty for the bucket, else ending in {@code /}. */
    String folderKey() {
      return key.isEmpty() || key.endsWith("/") ? key : key + "/";
    }
  }
}
