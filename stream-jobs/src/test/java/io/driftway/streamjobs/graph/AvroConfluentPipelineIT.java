package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.ids;
import static io.driftway.streamjobs.graph.PipelineHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.registry.ConfluentAvroEncoder;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.postgres.PostgresExtension;
import io.driftway.testsupport.postgres.PostgresServer;
import io.driftway.testsupport.registry.SchemaRegistryServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Avro in the Confluent wire format from Kafka, writer schemas from an in-test Schema Registry: the
 * producer moves from schema version 1 to version 2 (a new field), and one record names a schema id
 * the registry does not know.
 */
@ExtendWith({
  KafkaExtension.class,
  S3Extension.class,
  PostgresExtension.class,
  FlinkExtension.class
})
class AvroConfluentPipelineIT {

  private static final Schema V1 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Payment", "namespace": "it", "fields": [
                {"name": "id", "type": "long"},
                {"name": "account", "type": "string"},
                {"name": "amount", "type": "double"}]}
              """);

  private static final Schema V2 =
      new Schema.Parser()
          .parse(
              """
              {"type": "record", "name": "Payment", "namespace": "it", "fields": [
                {"name": "id", "type": "long"},
                {"name": "account", "type": "string"},
                {"name": "amount", "type": "double"},
                {"name": "currency", "type": ["null", "string"], "default": null}]}
              """);

  @Test
  void followsTheWriterSchemaVersionsAndQuarantinesAnUnknownSchemaId(
      KafkaBroker kafka, S3ProxyServer s3, PostgresServer postgres, FlinkCluster flink)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "payments-" + suffix;
    kafka.createTopic(topic, 2);
    try (SchemaRegistryServer registry =
        SchemaRegistryServer.start().register(1, V1).register(2, V2)) {
      List<byte[]> values = new ArrayList<>();
      for (long i = 0; i < 25; i++) {
        values.add(ConfluentAvroEncoder.encode(1, payment(V1, i)));
      }
      for (long i = 25; i < 50; i++) {
        GenericRecord record = payment(V2, i);
        record.put("currency", "EUR");
        values.add(ConfluentAvroEncoder.encode(2, record));
      }
      byte[] unknown = ConfluentAvroEncoder.encode(42, payment(V1, 999));
      values.add(unknown);
      PipelineHarness.produce(kafka, topic, values);

      PipelineSpec spec =
          PipelineHarness.spec(
              "payments.yaml",
              """
              name: payments-%s
              sources:
                - kafka:
                    bootstrap-servers: %s
                    topics: [%s]
                    starting-position: earliest
              format:
                type: avro-confluent
                registry:
                  url: %s
              routing:
                table: payments
              tables:
                - name: payments
                  database: finance
                  partition-by: ["bucket(4, id)"]
              %s
              checkpointing:
                interval: 1s
              parallelism: 2
              """
                  .formatted(
                      suffix,
                      kafka.bootstrapServers(),
                      topic,
                      registry.url(),
                      PipelineHarness.lake(s3, postgres, suffix)));

      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      TableIdentifier payments = TableIdentifier.of("finance", "payments");
      TableIdentifier quarantine = TableIdentifier.of("finance", "payments_quarantine");
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        List<Record> rows = PipelineHarness.awaitRows(catalog, payments, 50);
        List<Record> refused = PipelineHarness.awaitRows(catalog, quarantine, 1);

        assertThat(rows).hasSize(50);
        assertThat(new HashSet<>(ids(rows))).hasSize(50);
        Types.StructType schema = catalog.loadTable(payments).schema().asStruct();
        assertThat(schema.field("id").type()).isEqualTo(Types.LongType.get());
        assertThat(schema.field("amount").type()).isEqualTo(Types.DoubleType.get());
        assertThat(schema.field("currency").type()).isEqualTo(Types.StringType.get());
        assertThat(schema.field("currency").isOptional()).isTrue();
        assertThat(row(rows, 7).getField("currency")).isNull();
        assertThat(row(rows, 7).getField("account")).isEqualTo("acct-7");
        assertThat(row(rows, 7).getField("amount")).isEqualTo(7.25);
        assertThat(row(rows, 30).getField("currency")).isEqualTo("EUR");

        assertThat(refused).hasSize(1);
        Record bad = refused.get(0);
        assertThat(bad.getField("stage")).isEqualTo("decode");
        assertThat(bad.getField("reason"))
            .isEqualTo(
                "Cannot decode avro-confluent record: unknown schema id: 42: kafka:"
                    + PipelineHarness.coordinates(bad));
        assertThat(bad.getField("error_class"))
            .isEqualTo("io.driftway.connectors.registry.RecordDecodeException");
        assertThat(PipelineHarness.bytes(bad.getField("raw"))).isEqualTo(unknown);
      } finally {
        job.cancel().get();
      }
    }
  }

  private static GenericRecord payment(Schema schema, long id) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("account", "acct-" + id);
    record.put("amount", id + 0.25);
    return record;
  }
}
