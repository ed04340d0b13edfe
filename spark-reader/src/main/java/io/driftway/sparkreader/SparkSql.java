package io.driftway.sparkreader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Runs Spark SQL statements on local[1] and prints every result row as one JSON line, each
 * statement's rows after a line {@code -- <statement>}. Catalog settings come as system properties
 * starting with {@code spark.} (for example {@code spark.sql.catalog.lake.catalog-impl}), passed as
 * they are to the session; the statements are the arguments.
 *
 * <pre>{@code
 * java -cp <spark-classpath> -Dspark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog ... \
 *     io.driftway.sparkreader.SparkSql "SELECT * FROM lake.db.events"
 * }</pre>
 */
public final class SparkSql {

  private SparkSql() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("driftway-spark-reader")
            .master("local[1]")
            // Loopback only, no UI, no shuffle partitions to speak of: a reader, not a cluster.
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "1")
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    Map<String, String> settings = new TreeMap<>();
    System.getProperties()
        .forEach(
            (key, value) -> {
              if (key.toString().startsWith("spark.")) {
                settings.put(key.toString(), value.toString());
              }
            });
    settings.forEach(builder::config);
    try (SparkSession spark = builder.getOrCreate()) {
      spark.sparkContext().setLogLevel("ERROR");
      for (String statement : args) {
        List<String> rows = spark.sql(statement).toJSON().collectAsList();
        out.println("-- " + statement);
        rows.forEach(out::println);
      }
    }
  }
}
