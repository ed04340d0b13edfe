package io.driftway.streamjobs.graph;

import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Apache Spark (spark-sql 4.0.1 with Iceberg's Spark runtime 1.10.0) in a child JVM with its own
 * classpath, written by the spark-reader module: Spark's Scala, Jackson, Hadoop and Netty never
 * meet Flink's. It runs on local[1], bound to 127.0.0.1, without a UI, reads Iceberg tables through
 * Iceberg's {@code GlueCatalog} at the catalog bridge and S3FileIO at the warehouse, and returns
 * each statement's rows as JSON lines.
 *
 * <pre>{@code
 * Map<String, List<String>> rows = SparkReader.sql(dir, lake, s3, "SELECT * FROM lake.db.events");
 * }</pre>
 */
final class SparkReader {

  private static final String MAIN = "io/driftway/sparkreader/SparkSql.class";
  private static final String CLASSPATH = "io/driftway/sparkreader/spark-classpath.txt";

  /** What Spark's own launcher opens on Java 17 (JavaModuleOptions), which a plain java lacks. */
  private static final List<String> OPENS =
      List.of(
          "java.base/java.lang",
          "java.base/java.lang.invoke",
          "java.base/java.lang.reflect",
          "java.base/java.io",
          "java.base/java.net",
          "java.base/java.nio",
          "java.base/java.util",
          "java.base/java.util.concurrent",
          "java.base/java.util.concurrent.atomic",
          "java.base/jdk.internal.ref",
          "java.base/sun.nio.ch",
          "java.base/sun.nio.cs",
          "java.base/sun.security.action",
          "java.base/sun.util.calendar");

  private SparkReader() {}

  /**
   * Runs {@code statements} against the lake's tables, catalog name {@code lake}; the rows of each
   * statement, by statement, as JSON objects (one a line, as Spark's {@code toJSON} writes them).
   */
  static Map<String, List<String>> sql(
      Path dir, BridgeLake lake, S3ProxyServer s3, String... statements)
      throws IOException, InterruptedException {
    Map<String, String> settings = new LinkedHashMap<>();
    String catalog = "spark.sql.catalog.lake";
    settings.put(catalog, "org.apache.iceberg.spark.SparkCatalog");
    settings.put(catalog + ".catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog");
    settings.put(catalog + ".warehouse", lake.warehouse());
    settings.put(catalog + ".glue.endpoint", lake.bridge().endpoint().toString());
    settings.put(catalog + ".client.region", "us-east-1");
    settings.put(catalog + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    settings.put(catalog + ".s3.endpoint", s3.endpoint().toString());
    settings.put(catalog + ".s3.path-style-access", "true");
    settings.put(catalog + ".s3.access-key-id", s3.accessKey());
    settings.put(catalog + ".s3.secret-access-key", s3.secretKey());
    // A few rows: interpreting beats compiling generated code, and adaptive planning buys nothing.
    settings.put("spark.sql.codegen.wholeStage", "false");
    settings.put("spark.sql.adaptive.enabled", "false");
    settings.put("spark.local.dir", dir.resolve("spark-local").toString());
    settings.put("spark.sql.warehouse.dir", dir.resolve("spark-warehouse").toString());

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    // A short-lived reader: quick JIT and a small collector start faster on two shared cores.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    for (String open : OPENS) {
      command.add("--add-opens=" + open + "=ALL-UNNAMED");
    }
    // The bridge runs with auth mode none: any key signs; GlueCatalog takes it from the default
    // chain (system properties), S3FileIO from its own settings above.
    command.add("-Daws.accessKeyId=driftway");
    command.add("-Daws.secretAccessKey=driftway");
    command.add("-Daws.region=us-east-1");
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(classpath());
    command.add("io.driftway.sparkreader.SparkSql");
    command.addAll(List.of(statements));

    Path stdout = dir.resolve("spark-stdout.txt");
    Path stderr = dir.resolve("spark-stderr.txt");
    Process spark =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!spark.waitFor(3, TimeUnit.MINUTES)) {
      spark.destroyForcibly().waitFor();
      throw new AssertionError("Spark did not finish in 3 minutes: " + tail(stderr));
    }
    if (spark.exitValue() != 0) {
      throw new AssertionError("Spark exited " + spark.exitValue() + ": " + tail(stderr));
    }
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (line.startsWith("-- ")) {
        current = new ArrayList<>();
        rows.put(line.substring(3), current);
      } else if (current != null && line.startsWith("{")) {
        current.add(line);
      }
    }
    return rows;
  }

  /** The spark-reader module's classes (a folder in the reactor, else its jar), then Spark's. */
  private static String classpath() throws IOException {
    ClassLoader loader = SparkReader.class.getClassLoader();
    URL main = loader.getResource(MAIN);
    if (main == null) {
      throw new IllegalStateException("Cannot start Spark: spark-reader is not on the classpath");
    }
    String root;
    try {
      String url = main.toString();
      if (url.startsWith("jar:")) {
        root = Path.of(new URL(url.substring(4, url.indexOf("!/"))).toURI()).toString();
      } else {
        root = Path.of(main.toURI()).getParent().getParent().getParent().getParent().toString();
      }
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
    try (InputStream in = loader.getResourceAsStream(CLASSPATH)) {
      if (in == null) {
        throw new IllegalStateException("Cannot start Spark: no " + CLASSPATH);
      }
      return root
          + java.io.File.pathSeparator
          + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
