package io.driftway.catalogbridge.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link WarehouseFiles} over the local file system and, when configured, one S3 client. */
final class DefaultWarehouseFiles implements WarehouseFiles {

  private final S3Settings settings;
  private volatile S3Client s3;

  DefaultWarehouseFiles(S3Settings settings) {
    this.settings = settings;
  }

  @Override
  public Optional<byte[]> read(String location) {
    Location parsed = Location.parse(location);
    return switch (parsed.kind()) {
      case LOCAL -> readLocal(parsed.path(), location);
      case S3 -> readS3(parsed, location);
      case OTHER ->
          throw new UncheckedIOException(
              "Cannot read file: unsupported location scheme (local paths and s3:// only): "
                  + location,
              new IOException("unsupported scheme"));
    };
  }

  @Override
  public Presence exists(String location) {
    Location parsed = Location.parse(location);
    return switch (parsed.kind()) {
      case LOCAL -> Files.exists(parsed.path()) ? Presence.PRESENT : Presence.ABSENT;
      case S3 -> s3Configured() ? s3ObjectExists(parsed) : Presence.UNKNOWN;
      case OTHER -> Presence.UNKNOWN;
    };
  }

  @Override
  public Presence prefixExists(String location) {
    Location parsed = Location.parse(location);
    return switch (parsed.kind()) {
      case LOCAL -> localPrefixExists(parsed.path());
      case S3 -> s3Configured() ? s3PrefixExists(parsed) : Presence.UNKNOWN;
      case OTHER -> Presence.UNKNOWN;
    };
  }

  private static Optional<byte[]> readLocal(Path path, String location) {
    try {
      return Optional.of(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read file: " + e.getMessage() + ": " + location, e);
    }
  }

  private Optional<byte[]> readS3(Location parsed, String location) {
    try {
      ResponseBytes<GetObjectResponse> bytes =
          s3().getObjectAsBytes(b -> b.bucket(parsed.bucket()).key(parsed.key()));
      return Optional.of(bytes.asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new UncheckedIOException(
          "Cannot read file: " + e.getMessage() + ": " + location, new IOException(e));
    }
  }

  private Presence s3ObjectExists(Location parsed) {
    try {
      s3().headObject(
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

  private static Presence localPrefixExists(Path path) {
    if (Files.isRegularFile(path)) {
      return Presence.PRESENT;
    }
    if (!Files.isDirectory(path)) {
      return Presence.ABSENT;
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isPresent() ? Presence.PRESENT : Presence.ABSENT;
    } catch (IOException e) {
      return Presence.UNKNOWN;
    }
  }

  private Presence s3PrefixExists(Location parsed) {
    try {
      ListObjectsV2Response listing =
          s3().listObjectsV2(b -> b.bucket(parsed.bucket()).prefix(parsed.key()).maxKeys(1));
      return listing.keyCount() != null && listing.keyCount() > 0
          ? Presence.PRESENT
          : Presence.ABSENT;
    } catch (S3Exception e) {
      return e.statusCode() == 404 ? Presence.ABSENT : Presence.UNKNOWN;
    } catch (SdkException e) {
      return Presence.UNKNOWN;
    }
  }

  private boolean s3Configured() {
    return settings != null;
  }

  private S3Client s3() {
    S3Client client = s3;
    if (client == null) {
      synchronized (this) {
        client = s3;
        if (client == null) {
          client = buildClient();
          s3 = client;
        }
      }
    }
    return client;
  }

  private S3Client buildClient() {
    if (settings == null) {
      throw new UncheckedIOException(
          "Cannot read s3:// location: no S3 configured (storage.s3.* keys)",
          new IOException("no S3 settings"));
    }
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyleAccess());
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    if (settings.accessKeyId() != null) {
      builder.credentialsProvider(
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
    } else {
      builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
    }
    return builder.build();
  }

  @Override
  public void close() {
    S3Client client = s3;
    if (client != null) {
      client.close();
    }
  }

  /** A location split into what the stores need. */
  record Location(Kind kind, Path path, String bucket, String key) {

    enum Kind {
      LOCAL,
      S3,
      OTHER
    }

    static Location parse(String location) {
      if (location.startsWith("/")) {
        return new Location(Kind.LOCAL, Path.of(location), null, null);
      }
      int colon = location.indexOf(':');
      String scheme = colon < 0 ? "" : location.substring(0, colon).toLowerCase(Locale.ROOT);
      return switch (scheme) {
        case "file" ->
            new Location(Kind.LOCAL, Path.of(URI.create(normalizeFileUri(location))), null, null);
        case "s3", "s3a", "s3n" -> {
          String rest = location.substring(colon + 3);
          int slash = rest.indexOf('/');
          String bucket = slash < 0 ? rest : rest.substring(0, slash);
          String key = slash < 0 ? "" : rest.substring(slash + 1);
          yield new Location(Kind.S3, null, bucket, key);
        }
        case "" -> new Location(Kind.LOCAL, Path.of(location).toAbsolutePath(), null, null);
        default -> new Location(Kind.OTHER, null, null, null);
      };
    }

    /** {@code file:/x}, {@code file://x} and {@code file:///x} all mean the path {@code /x}. */
    private static String normalizeFileUri(String location) {
      String path = location.substring("file:".length());
      while (path.startsWith("//")) {
        path = path.substring(1);
      }
      return "file://" + (path.startsWith("/") ? path : "/" + path);
    }
  }
}
