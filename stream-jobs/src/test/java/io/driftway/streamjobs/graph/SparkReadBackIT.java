package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drifted table read by Apache Spark, the engine users query with: nested drift in a list of
 * structs inside a map, a value rescued to {@code _rescued_data}, and the explosion guard's {@code
 * _extra_keys} map inside a struct column the table already had. The pipeline writes through
 * Iceberg's GlueCatalog at the catalog bridge into an S3Proxy warehouse; Spark (a child JVM, see
 * {@link SparkReader}) reads through the same catalog and finds each value where the README says.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class, FlinkExtension.class})
class SparkReadBackIT {

  @Test
  void sparkFindsNestedDriftRescuedValuesAndOverflowKeysWhereTheDocsSay(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "spark-" + suffix;
    kafka.createTopic(topic, 1);
    String database = "spark_" + suffix;
    try (BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
      PipelineSpec spec =
          PipelineHarness.spec(
              "spark.yaml",
              """
              name: spark-%s
              sources:
                - kafka:
                    bootstrap-servers: %s
                    topics: [%s]
                    starting-position: earliest
              routing:
                table: events
              tables:
                - name: events
                  database: %s
                  hints: {m: "map<string,array<struct<a:long>>>"}
                  policies: {map-after-keys: 3}
              %s
              checkpointing:
                interval: 1s
              parallelism: 1
              alerts:
                log: false
              """
                  .formatted(suffix, kafka.bootstrapServers(), topic, database, lake.yaml()));
      TableIdentifier events = TableIdentifier.of(database, "events");
      PipelineHarness.produce(
          kafka,
          topic,
          List.of(
              utf8(
                  "{\"id\": 1, \"price\": 1.5, \"attrs\": {\"a\": 1, \"b\": 2},"
                      + " \"m\": {\"k\": [{\"a\": 1}]}}")));
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        // The table exists with attrs a, b before the drift arrives.
        PipelineHarness.awaitRows(catalog, events, 1);
        PipelineHarness.produce(
            kafka,
            topic,
            List.of(
                utf8(
                    "{\"id\": 2, \"price\": \"n/a\", \"attrs\": {\"a\": 3, \"b\": 4, \"c\": 5,"
                        + " \"d\": 6}, \"m\": {\"k\": [{\"a\": 2, \"b\": \"x\"}],"
                        + " \"j\": [{\"a\": 7}, {\"a\": 8, \"b\": \"y\"}]}}")));
        PipelineHarness.awaitRows(catalog, events, 2);
      } finally {
        job.cancel().get();
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }

      String table = "lake." + database + ".events";
      String everything = "SELECT * FROM " + table + " ORDER BY id";
      String values =
          "SELECT id, attrs._extra_keys['c'] AS c, m['j'][1].b AS jb,"
              + " get_json_object(_rescued_data, '$[\\'/price\\']') AS rescued_price FROM "
              + table
              + " ORDER BY id";
      long started = System.nanoTime();
      Map<String, List<String>> read =
          SparkReader.sql(
              dir,
              lake,
              s3,
              // Iceberg 1.10's Spark reader cannot prune a nested field of a map<string,
              // list<struct>> in a data file written before that field existed ("... is not in
              // the store"); reading the whole column works, so nested pruning is off here.
              "SET spark.sql.optimizer.nestedSchemaPruning.enabled=false",
              everything,
              values);
      System.out.printf(
          "SparkReadBackIT: Spark read the table in %d ms%n",
          (System.nanoTime() - started) / 1_000_000);

      // README: the struct keeps its columns, keys past map-after-keys go to its _extra_keys map;
      // a value that does not fit its column is in _rescued_data under its JSON pointer; a field
      // new inside a list of structs in a map is a new field of that struct.
      assertThat(read.get(everything))
          .map(PipelineHarness::parseJson)
          .containsExactly(
              PipelineHarness.parseJson(
                  "{\"attrs\": {\"a\": 1, \"b\": 2}, \"id\": 1, \"m\": {\"k\": [{\"a\": 1}]},"
                      + " \"price\": 1.5}"),
              PipelineHarness.parseJson(
                  "{\"_rescued_data\": \"{\\\"/price\\\":\\\"n/a\\\"}\", \"attrs\": {\"a\": 3,"
                      + " \"b\": 4, \"_extra_keys\": {\"c\": 5, \"d\": 6}}, \"id\": 2, \"m\":"
                      + " {\"k\": [{\"a\": 2, \"b\": \"x\"}], \"j\": [{\"a\": 7}, {\"a\": 8,"
                      + " \"b\": \"y\"}]}}"));
      assertThat(read.get(values))
          .map(PipelineHarness::parseJson)
          .containsExactly(
              PipelineHarness.parseJson("{\"id\": 1}"),
              PipelineHarness.parseJson(
                  "{\"id\": 2, \"c\": 5, \"jb\": \"y\", \"rescued_price\": \"n/a\"}"));
    }
  }
}
