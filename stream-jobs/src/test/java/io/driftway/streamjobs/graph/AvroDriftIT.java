package io.driftway.streamjobs.graph;

import static io.driftway.streamjobs.graph.PipelineHarness.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.connectors.registry.ConfluentAvroEncoder;
import io.driftway.embedded.flink.FlinkCluster;
import io.driftway.embedded.kafka.KafkaBroker;
import io.driftway.streamjobs.spec.PipelineSpec;
import io.driftway.testsupport.flink.FlinkExtension;
import io.driftway.testsupport.kafka.KafkaExtension;
import io.driftway.testsupport.registry.SchemaRegistryServer;
import io.driftway.testsupport.s3.S3Extension;
import io.driftway.testsupport.s3.S3ProxyServer;
import java.io.Closeable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Avro drift in the Confluent wire format on a live table: a producer moves through three writer
 * schemas registered in a Schema Registry, each batch committed before the next starts. Version 2
 * widens {@code int} to {@code long}, {@code float} to {@code double} and {@code decimal(6,2)} to
 * {@code decimal(10,2)}, and adds an optional field; version 3 removes a field and adds a union of
 * two record branches. The table follows (types widened in place, field ids kept) and no value is
 * lost.
 */
@ExtendWith({KafkaExtension.class, S3Extension.class, FlinkExtension.class})
class AvroDriftIT {

  private static final String V1 =
      """
      {"type": "record", "name": "Payment", "namespace": "it", "fields": [
        {"name": "id", "type": "long"},
        {"name": "qty", "type": "int"},
        {"name": "ratio", "type": "float"},
        {"name": "price",
         "type": {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 2}},
        {"name": "legacy", "type": "string"}]}
      """;

  private static final String V2 =
      """
      {"type": "record", "name": "Payment", "namespace": "it", "fields": [
        {"name": "id", "type": "long"},
        {"name": "qty", "type": "long"},
        {"name": "ratio", "type": "double"},
        {"name": "price",
         "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "legacy", "type": "string"},
        {"name": "note", "type": ["null", "string"], "default": null}]}
      """;

  private static final String V3 =
      """
      {"type": "record", "name": "Payment", "namespace": "it", "fields": [
        {"name": "id", "type": "long"},
        {"name": "qty", "type": "long"},
        {"name": "ratio", "type": "double"},
        {"name": "price",
         "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "method", "type": ["null",
          {"type": "record", "name": "Card", "fields": [{"name": "last4", "type": "string"}]},
          {"type": "record", "name": "Sepa", "fields": [{"name": "iban", "type": "string"}]}],
         "default": null}]}
      """;

  @Test
  void theTableFollowsThreeWriterSchemasAndLosesNothing(
      KafkaBroker kafka, S3ProxyServer s3, FlinkCluster flink, @TempDir Path dir) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String topic = "payments-" + suffix;
    kafka.createTopic(topic, 2);
    Schema v1 = new Schema.Parser().parse(V1);
    Schema v2 = new Schema.Parser().parse(V2);
    Schema v3 = new Schema.Parser().parse(V3);
    try (SchemaRegistryServer registry =
            SchemaRegistryServer.start().register(1, v1).register(2, v2).register(3, v3);
        BridgeLake lake = BridgeLake.start(s3, dir, suffix)) {
      PipelineSpec spec =
          PipelineHarness.spec(
              "payments.yaml",
              """
              name: drift-%s
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
              database: finance
              %s
              checkpointing:
                interval: 1s
              parallelism: 2
              alerts:
                log: false
              """
                  .formatted(suffix, kafka.bootstrapServers(), topic, registry.url(), lake.yaml()));
      Catalog catalog = Catalogs.loader(spec).loadCatalog();
      TableIdentifier payments = TableIdentifier.of("finance", "payments");
      JobClient job = PipelineHarness.start(flink, spec);
      try {
        // Version 1, committed before version 2 arrives: the columns exist with v1's types.
        PipelineHarness.produce(
            kafka,
            topic,
            List.of(
                ConfluentAvroEncoder.encode(1, v1(v1, 1, 3, 0.5f, "12.34", "old-1")),
                ConfluentAvroEncoder.encode(1, v1(v1, 2, 4, 1.25f, "5.00", "old-2"))));
        PipelineHarness.awaitRows(catalog, payments, 2);
        Types.StructType first = catalog.loadTable(payments).schema().asStruct();
        assertThat(first.field("qty").type()).isEqualTo(Types.IntegerType.get());
        assertThat(first.field("ratio").type()).isEqualTo(Types.FloatType.get());
        assertThat(first.field("price").type()).isEqualTo(Types.DecimalType.of(6, 2));
        Map<String, Integer> ids = new HashMap<>();
        for (Types.NestedField field : first.fields()) {
          ids.put(field.name(), field.fieldId());
        }

        // Version 2: wider types and a new optional field.
        GenericRecord wide = v2(v2, 3, 5_000_000_000L, 0.1, "12345678.91", "old-3");
        wide.put("note", "gift");
        PipelineHarness.produce(
            kafka,
            topic,
            List.of(
                ConfluentAvroEncoder.encode(2, wide),
                ConfluentAvroEncoder.encode(2, v2(v2, 4, 7, 2.5, "1.10", "old-4"))));
        PipelineHarness.awaitRows(catalog, payments, 4);

        // Version 3: legacy removed, a union of two records added.
        GenericRecord card =
            new GenericData.Record(v3.getField("method").schema().getTypes().get(1));
        card.put("last4", "4242");
        GenericRecord sepa =
            new GenericData.Record(v3.getField("method").schema().getTypes().get(2));
        sepa.put("iban", "DE02120300000000202051");
        PipelineHarness.produce(
            kafka,
            topic,
            List.of(
                ConfluentAvroEncoder.encode(3, v3(v3, 5, card)),
                ConfluentAvroEncoder.encode(3, v3(v3, 6, sepa)),
                ConfluentAvroEncoder.encode(3, v3(v3, 7, null))));
        List<Record> rows = PipelineHarness.awaitRows(catalog, payments, 7);

        Types.StructType last = catalog.loadTable(payments).schema().asStruct();
        assertThat(last.field("qty").type()).isEqualTo(Types.LongType.get());
        assertThat(last.field("ratio").type()).isEqualTo(Types.DoubleType.get());
        assertThat(last.field("price").type()).isEqualTo(Types.DecimalType.of(10, 2));
        assertThat(last.field("note").type()).isEqualTo(Types.StringType.get());
        assertThat(last.field("legacy").type()).isEqualTo(Types.StringType.get());
        Types.StructType method = last.field("method").type().asStructType();
        assertThat(method.fields())
            .extracting(Types.NestedField::name)
            .containsExactlyInAnyOrder("last4", "iban");
        for (Map.Entry<String, Integer> id : ids.entrySet()) {
          assertThat(last.field(id.getKey()).fieldId()).as(id.getKey()).isEqualTo(id.getValue());
        }

        assertThat(rows).hasSize(7);
        Record one = row(rows, 1);
        assertThat(one.getField("qty")).isEqualTo(3L);
        assertThat(one.getField("ratio")).isEqualTo(0.5);
        assertThat(one.getField("price")).isEqualTo(new BigDecimal("12.34"));
        assertThat(one.getField("legacy")).isEqualTo("old-1");
        assertThat(one.getField("note")).isNull();
        assertThat(one.getField("method")).isNull();
        Record three = row(rows, 3);
        assertThat(three.getField("qty")).isEqualTo(5_000_000_000L);
        assertThat(three.getField("ratio")).isEqualTo(0.1);
        assertThat(three.getField("price")).isEqualTo(new BigDecimal("12345678.91"));
        assertThat(three.getField("note")).isEqualTo("gift");
        Record five = row(rows, 5);
        assertThat(five.getField("legacy")).isNull();
        assertThat(((Record) five.getField("method")).getField("last4")).isEqualTo("4242");
        assertThat(((Record) five.getField("method")).getField("iban")).isNull();
        Record six = row(rows, 6);
        assertThat(((Record) six.getField("method")).getField("iban"))
            .isEqualTo("DE02120300000000202051");
        assertThat(((Record) six.getField("method")).getField("last4")).isNull();
        assertThat(row(rows, 7).getField("method")).isNull();
        for (Record r : rows) {
          assertThat(r.getField("_rescued_data")).as("row %s", r.getField("id")).isNull();
        }
      } finally {
        job.cancel().get();
        if (catalog instanceof Closeable closeable) {
          closeable.close();
        }
      }
    }
  }

  private static GenericRecord v1(
      Schema schema, long id, int qty, float ratio, String price, String legacy) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("qty", qty);
    record.put("ratio", ratio);
    record.put("price", decimal(schema, price));
    record.put("legacy", legacy);
    return record;
  }

  private static GenericRecord v2(
      Schema schema, long id, long qty, double ratio, String price, String legacy) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("qty", qty);
    record.put("ratio", ratio);
    record.put("price", decimal(schema, price));
    record.put("legacy", legacy);
    return record;
  }

  private static GenericRecord v3(Schema schema, long id, GenericRecord method) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("qty", id * 10);
    record.put("ratio", 1.5);
    record.put("price", decimal(schema, "9.99"));
    record.put("method", method);
    return record;
  }

  private static java.nio.ByteBuffer decimal(Schema record, String value) {
    Schema bytes = record.getField("price").schema();
    return new Conversions.DecimalConversion()
        .toBytes(new BigDecimal(value), bytes, bytes.getLogicalType());
  }
}
