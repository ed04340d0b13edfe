package io.driftway.connectors.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against an HTTP server on loopback that speaks the registry's documented
 * endpoints and JSON shapes.
 */
class SchemaRegistryClientIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeSchemaRegistryServer server;
  private final String subject = "orders-" + UUID.randomUUID() + "-value";

  @BeforeEach
  void startServer() throws IOException {
    server = new FakeSchemaRegistryServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void registersAndFetchesASchemaByIdAskingOnlyOnce() {
    SchemaRegistryClient registry = client(SchemaRegistryConfig.builder(server.url()));
    Schema order = order("Order");
    int id = registry.register(subject, order);

    SchemaRegistryClient fresh = client(SchemaRegistryConfig.builder(server.url()));
    assertThat(fresh.schemaById(id)).isEqualTo(order);
    assertThat(fresh.schemaById(id)).isEqualTo(order);

    assertThat(server.requests())
        .containsExactly("POST /subjects/" + subject + "/versions", "GET /schemas/ids/" + id);
  }

  @Test
  void dropsTheLeastRecentlyUsedSchemaOnceTheCacheIsFull() {
    int one = server.add(subject, body(order("One")));
    int two = server.add(subject, body(order("Two")));
    int three = server.add(subject, body(order("Three")));
    SchemaRegistryClient registry =
        client(SchemaRegistryConfig.builder(server.url()).cacheCapacity(2));

    registry.schemaById(one);
    registry.schemaById(two);
    registry.schemaById(one);
    registry.schemaById(three);
    registry.schemaById(one);
    registry.schemaById(two);

    assertThat(server.requests())
        .containsExactly(
            "GET /schemas/ids/" + one,
            "GET /schemas/ids/" + two,
            "GET /schemas/ids/" + three,
            "GET /schemas/ids/" + two);
  }

  @Test
  void looksUpVersionsOfASubjectAndItsLatest() {
    String spaced = "orders value " + UUID.randomUUID();
    SchemaRegistryClient registry = client(SchemaRegistryConfig.builder(server.url()));
    int first = registry.register(spaced, order("Order"));
    Schema evolved =
        SchemaBuilder.record("Order")
            .namespace("com.acme")
            .fields()
            .requiredLong("id")
            .optionalString("note")
            .endRecord();
    int second = registry.register(spaced, evolved);

    assertThat(registry.schemaByVersion(spaced, 1))
        .isEqualTo(new RegisteredSchema(spaced, 1, first, order("Order")));
    assertThat(registry.latestSchema(spaced))
        .isEqualTo(new RegisteredSchema(spaced, 2, second, evolved));
    assertThat(registry.register(spaced, evolved)).isEqualTo(second);
    assertThat(server.requests())
        .contains("GET /subjects/" + spaced.replace(" ", "%20") + "/versions/latest");
  }

  @Test
  void reportsMissingSubjectsAndVersionsWithTheRegistryErrorCode() {
    SchemaRegistryClient registry = client(SchemaRegistryConfig.builder(server.url()));

    assertThatThrownBy(() -> registry.latestSchema("nobody"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.errorCode()).isEqualTo(40401);
            })
        .hasMessage(
            "Cannot fetch version latest of subject nobody: registry answered 404"
                + " (40401 Subject 'nobody' not found.): GET "
                + server.url()
                + "/subjects/nobody/versions/latest");
    server.add(subject, body(order("Order")));
    assertThatThrownBy(() -> registry.schemaByVersion(subject, 9))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
  }

  @Test
  void reportsAnUnknownIdAndTheDecoderTurnsItIntoAQuarantineReason() {
    SchemaRegistryClient registry = client(SchemaRegistryConfig.builder(server.url()));

    assertThatThrownBy(() -> registry.schemaById(42))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40403);
            })
        .hasMessage(
            "Cannot fetch schema id 42: registry answered 404 (40403 Schema not found): GET "
                + server.url()
                + "/schemas/ids/42");
    assertThatThrownBy(
            () ->
                ConfluentAvroDecoder.of(registry)
                    .decode(ConfluentWireFormat.frame(42, new byte[] {2})))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_ID))
        .hasMessage("Cannot decode record: unknown schema id: 42");
  }

  @Test
  void decodesWhatWasEncodedAgainstARegisteredSchema() throws RecordDecodeException {
    SchemaRegistryClient registry = client(SchemaRegistryConfig.builder(server.url()));
    Schema schema = order("Order");
    int id = registry.register(subject, schema);
    GenericRecord order = new GenericData.Record(schema);
    order.put("id", 7L);
    order.put("item", "kettle");

    DecodedAvroRecord decoded =
        ConfluentAvroDecoder.of(client(SchemaRegistryConfig.builder(server.url())))
            .decode(ConfluentAvroEncoder.encode(id, order));

    assertThat(decoded.schemaId()).isEqualTo(id);
    assertThat(decoded.writerSchema()).isEqualTo(schema);
    assertThat(decoded.record().get("item")).isEqualTo(new Utf8("kettle"));
  }

  @Test
  void sendsBasicAuthCredentialsAndReportsARefusal() {
    server.requireBasicAuth("etl", "s3cret");
    int id = server.add(subject, body(order("Order")));

    SchemaRegistryClient fromBuilder =
        client(SchemaRegistryConfig.builder(server.url()).basicAuth("etl", "s3cret"));
    assertThat(fromBuilder.schemaById(id)).isEqualTo(order("Order"));
    SchemaRegistryClient fromUrl =
        client(SchemaRegistryConfig.builder(server.url().replace("//", "//etl:s3cret@")));
    assertThat(fromUrl.latestSchema(subject).id()).isEqualTo(id);
    assertThat(server.authorizations()).containsOnly("Basic ZXRsOnMzY3JldA==");

    SchemaRegistryClient wrong =
        client(SchemaRegistryConfig.builder(server.url()).basicAuth("etl", "guess"));
    assertThatThrownBy(() -> wrong.schemaById(id))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
        .hasMessage(
            "Cannot fetch schema id "
                + id
                + ": registry answered 401 (401 Unauthorized): GET "
                + server.url()
                + "/schemas/ids/"
                + id);
  }

  @Test
  void givesUpOnASlowRegistryAfterTheReadTimeout() {
    int id = server.add(subject, body(order("Order")));
    SchemaRegistryClient registry =
        client(SchemaRegistryConfig.builder(server.url()).readTimeout(Duration.ofMillis(300)));
    server.stall();

    long started = System.nanoTime();
    assertThatThrownBy(() -> registry.schemaById(id))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessage(
            "Cannot fetch schema id "
                + id
                + ": registry did not answer within PT0.3S: GET "
                + server.url()
                + "/schemas/ids/"
                + id);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void reportsARegistryThatIsNotListening() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    SchemaRegistryClient registry =
        client(
            SchemaRegistryConfig.builder("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(2)));

    assertThatThrownBy(() -> registry.schemaById(1))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.NONE))
        .hasMessageStartingWith("Cannot fetch schema id 1: ")
        .hasMessageEndingWith(": GET http://127.0.0.1:" + port + "/schemas/ids/1");
  }

  @Test
  void resolvesSchemaReferencesFromOtherSubjects() {
    String moneySubject = "money-" + UUID.randomUUID();
    Schema money =
        SchemaBuilder.record("Money")
            .namespace("com.acme")
            .fields()
            .requiredLong("cents")
            .requiredString("currency")
            .endRecord();
    server.add(moneySubject, body(money));
    ObjectNode invoice =
        JSON.createObjectNode()
            .put(
                "schema",
                "{\"type\":\"record\",\"name\":\"Invoice\",\"namespace\":\"com.acme\","
                    + "\"fields\":[{\"name\":\"total\",\"type\":\"com.acme.Money\"}]}");
    invoice
        .putArray("references")
        .addObject()
        .put("name", "com.acme.Money")
        .put("subject", moneySubject)
        .put("version", 1);
    int id = server.add(subject, invoice);

    Schema resolved = client(SchemaRegistryConfig.builder(server.url())).schemaById(id);

    assertThat(resolved.getField("total").schema()).isEqualTo(money);
  }

  @Test
  void refusesASchemaThatIsNotAvro() {
    ObjectNode protobuf =
        JSON.createObjectNode()
            .put("schemaType", "PROTOBUF")
            .put("schema", "syntax = \"proto3\"; message Order { int64 id = 1; }");
    int id = server.add(subject, protobuf);
    SchemaRegistryClient registry = client(SchemaRegistryConfig.builder(server.url()));

    assertThatThrownBy(() -> registry.schemaById(id))
        .isInstanceOf(InvalidSchemaException.class)
        .hasMessage("Cannot fetch schema id " + id + ": schema type is not AVRO: PROTOBUF");
    assertThatThrownBy(
            () ->
                ConfluentAvroDecoder.of(registry)
                    .decode(ConfluentWireFormat.frame(id, new byte[0])))
        .isInstanceOfSatisfying(
            RecordDecodeException.class,
            e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNUSABLE_SCHEMA))
        .hasMessage(
            "Cannot decode record: unusable schema id "
                + id
                + ": Cannot fetch schema id "
                + id
                + ": schema type is not AVRO: PROTOBUF");
  }

  private static SchemaRegistryClient client(SchemaRegistryConfig.Builder builder) {
    return SchemaRegistryClient.create(builder.build());
  }

  private static Schema order(String name) {
    return SchemaBuilder.record(name)
        .namespace("com.acme")
        .fields()
        .requiredLong("id")
        .requiredString("item")
        .endRecord();
  }

  private static ObjectNode body(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString());
  }
}
