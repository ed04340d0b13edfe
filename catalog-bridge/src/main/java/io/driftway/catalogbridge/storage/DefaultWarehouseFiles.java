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

/** {@link WarehouseFiles} over the local file system and, when configured, one S3 client. */
final class DefaultWarehouseFiles implements WarehouseFiles {

  private final S3Settings settings;
  private volatile S3Files s3;

  DefaultWarehouseFiles(S3Settings settings) {
    this.settings = settings;
  }

  @Override
  public Optional<byte[]> read(String location) {
    Location parsed = Location.parse(location);
    return switch (parsed.kind()) {
      case LOCAL -> readLocal(parsed.path(), location);
      case S3 -> s3(location).read(parsed, location);
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
      case S3 -> s3Configured() ? s3(location).exists(parsed) : Presence.UNKNOWN;
      case OTHER -> Presence.UNKNOWN;
    };
  }

  @Override
  public Presence prefixExists(String location) {
    Location parsed = Location.parse(location);
    return switch (parsed.kind()) {
      case LOCAL -> localPrefixExists(parsed.path());
      case S3 -> s3Configured() ? s3(location).prefixExists(parsed) : Presence.UNKNOWN;
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

  private boolean s3Configured() {
    return settings != null;
  }

  private S3Files s3(String location) {
    if (settings == null) {
      throw new UncheckedIOException(
          "Cannot read s3:// location: no S3 configured (storage.s3.* keys): " + location,
          new IOException("no S3 settings"));
    }
    S3Files files = s3;
    if (files == null) {
      synchronized (this) {
        files = s3;
        if (files == null) {
          files = new S3Files(settings);
          s3 = files;
        }
      }
    }
    return files;
  }

  @Override
  public void close() {
    S3Files files = s3;
    if (files != null) {
      files.close();
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
