package io.driftway.loadtests.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.formats.avro.SchemaCoder;

/**
 * Reads the Confluent wire format's header (magic byte 0, 4-byte big-endian schema id) and fetches
 * the writer schema by id from a Schema Registry ({@code GET /schemas/ids/{id}}), once per id: what
 * Flink's {@code avro-confluent} format does with Confluent's client, which is not on Maven
 * Central. One coder per deserializer instance (per task), so the cache needs no lock.
 */
final class RegistrySchemaCoder implements SchemaCoder {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String registryUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<Integer, Schema> schemas = new HashMap<>();

  private RegistrySchemaCoder(String registryUrl) {
    this.registryUrl = registryUrl;
  }

  /** The provider Flink's {@code RegistryAvroDeserializationSchema} serializes into the job. */
  record Provider(String registryUrl) implements SchemaCoder.SchemaCoderProvider {
    private static final long serialVersionUID = 1L;

    @Override
    public SchemaCoder get() {
      return new RegistrySchemaCoder(registryUrl);
    }
  }

  @Override
  public Schema readSchema(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int magic = data.readByte();
    if (magic != 0) {
      throw new IOException(
          "Cannot read Confluent Avro record: the magic byte must be 0: " + magic);
    }
    int id = data.readInt();
    Schema schema = schemas.get(id);
    if (schema == null) {
      schema = fetch(id);
      schemas.put(id, schema);
    }
    return schema;
  }

  private Schema fetch(int id) throws IOException {
    URI uri = URI.create(registryUrl + "/schemas/ids/" + id);
    HttpResponse<byte[]> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Cannot fetch schema: interrupted: " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("Cannot fetch schema: HTTP " + response.statusCode() + " from " + uri);
    }
    JsonNode body = JSON.readTree(response.body());
    return new Schema.Parser().parse(body.path("schema").asText());
  }

  @Override
  public void writeSchema(Schema schema, OutputStream out) {
    throw new UnsupportedOperationException("Cannot write schema: the bench only reads Avro");
  }
}
