package io.driftway.streamjobs.crawl;

import java.nio.file.Path;

/** Folder locations as the crawler writes them: {@code s3://bucket/prefix/} or an absolute path. */
final class Locations {

  private Locations() {}

  /** The location normalized to end with {@code /}; a local folder made absolute. */
  static String folder(String location) {
    if (location == null || location.isBlank()) {
      return location;
    }
    String value = location.trim();
    if (value.startsWith("s3a://") || value.startsWith("s3n://")) {
      value = "s3://" + value.substring(value.indexOf("://") + 3);
    }
    if (value.startsWith("s3://")) {
      if (value.length() <= "s3://".length() || value.charAt("s3://".length()) == '/') {
        throw new IllegalArgumentException("Cannot crawl: the location has no bucket: " + location);
      }
      return value.endsWith("/") ? value : value + "/";
    }
    if (value.startsWith("file:")) {
      value = Path.of(java.net.URI.create(value)).toString();
    }
    String absolute = Path.of(value).toAbsolutePath().normalize().toString();
    return absolute.endsWith("/") ? absolute : absolute + "/";
  }

  /** A sub-folder of {@code folder} (which ends with {@code /}). */
  static String child(String folder, String name) {
    return folder + name + "/";
  }
}
