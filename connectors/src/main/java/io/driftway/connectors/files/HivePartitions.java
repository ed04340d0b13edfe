package io.driftway.connectors.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hive-style partition folders ({@code dt=2026-01-01/region=eu}): the values of a path, and the
 * unescaping Hive applies to them ({@code %XX} is the byte XX; {@code +} stays a plus).
 *
 * <pre>{@code
 * HivePartitions.parse("dt=2026-01-01/city=S%C3%A3o%20Paulo/part-0.json");
 * // {dt=2026-01-01, city=São Paulo}
 * }</pre>
 */
public final class HivePartitions {

  /** The folder name Hive writes for a null partition value. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private HivePartitions() {}

  /**
   * The partition values of {@code relativePath} (relative to the listed prefix, file name last):
   * every folder segment of the form {@code name=value}, in order; other segments are ignored, as
   * is the file name. Hive's default partition gives a null value.
   */
  public static Map<String, String> parse(String relativePath) {
    int end = relativePath.lastIndexOf('/');
    Map<String, String> values = new LinkedHashMap<>();
    int start = 0;
    while (start <= end) {
      int slash = relativePath.indexOf('/', start);
      String segment = relativePath.substring(start, slash);
      putSegment(segment, values);
      start = slash + 1;
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * The name and value of one folder segment {@code name=value}, or null when it is not one.
   *
   * <pre>{@code
   * HivePartitions.segment("dt=2026-01-01"); // dt -> 2026-01-01
   * }</pre>
   */
  public static Map.Entry<String, String> segment(String segment) {
    int eq = segment.indexOf('=');
    if (eq <= 0) {
      return null;
    }
    String name = unescape(segment.substring(0, eq));
    String raw = segment.substring(eq + 1);
    String value = DEFAULT_PARTITION.equals(raw) ? null : unescape(raw);
    return new java.util.AbstractMap.SimpleImmutableEntry<>(name, value);
  }

  private static void putSegment(String segment, Map<String, String> values) {
    Map.Entry<String, String> entry = segment(segment);
    if (entry != null) {
      values.put(entry.getKey(), entry.getValue());
    }
  }

  /**
   * Hive's unescaping: each {@code %XX} (two hex digits) is the byte XX, and the bytes are UTF-8; a
   * {@code %} not followed by two hex digits stays as it is.
   */
  public static String unescape(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length);
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b == '%' && i + 2 < utf8.length && hex(utf8[i + 1]) >= 0 && hex(utf8[i + 2]) >= 0) {
        out.write(hex(utf8[i + 1]) * 16 + hex(utf8[i + 2]));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }
}
