package io.driftway.connectors.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * {@link SchemaRegistryClient} over the registry's REST API with {@link HttpClient}. Answers are
 * JSON: {@code {"schema": "..."}} by id, {@code {"subject", "version", "id", "schema"}} by subject
 * version, {@code {"id": n}} after registering, {@code {"error_code": 40403, "message": "..."}} on
 * errors. Schemas with {@code references} are resolved by fetching each referenced subject version
 * first.
 */
final class RestSchemaRegistryClient implements SchemaRegistryClient {

  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Deep enough for real schemas, shallow enough to stop a reference cycle quickly. */
  private static final int MAX_REFERENCE_DEPTH = 16;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SchemaRegistryConfig config;
  private final HttpClient http;
  private final String authorization;
  private final LruCache<Integer, Schema> schemasById;

  RestSchemaRegistryClient(SchemaRegistryConfig config) {
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.authorization =
        config
            .userInfo()
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)))
            .orElse(null);
    this.schemasById = new LruCache<>(config.cacheCapacity());
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    String action = "fetch schema id " + id;
    Schema schema = parse(get("/schemas/ids/" + id, action), action);
    schemasById.put(id, schema);
    return schema;
  }

  @Override
  public List<String> subjectsOf(int id) {
    String action = "fetch the subjects of schema id " + id;
    List<String> subjects = new ArrayList<>();
    for (JsonNode version : get("/schemas/ids/" + id + "/versions", action)) {
      subjects.add(version.path("subject").asText());
    }
    return List.copyOf(subjects);
  }

  @Override
  public RegisteredSchema schemaByVersion(String subject, int version) {
    return subjectVersion(subject, Integer.toString(version));
  }

  @Override
  public RegisteredSchema latestSchema(String subject) {
    return subjectVersion(subject, "latest");
  }

  @Override
  public int register(String subject, Schema schema) {
    String action = "register schema under subject " + subject;
    ObjectNode body = JSON.createObjectNode().put("schema", schema.toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/subjects/" + segment(subject) + "/versions"))
            .header("Content-Type", CONTENT_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    JsonNode answer = send(request, action);
    int id = requiredInt(answer, "id", action);
    schemasById.put(id, schema);
    return id;
  }

  private RegisteredSchema subjectVersion(String subject, String version) {
    String action = "fetch version " + version + " of subject " + subject;
    JsonNode answer = get(subjectVersionPath(subject, version), action);
    Schema schema = parse(answer, action);
    int id = requiredInt(answer, "id", action);
    schemasById.put(id, schema);
    return new RegisteredSchema(
        answer.path("subject").asText(subject), requiredInt(answer, "version", action), id, schema);
  }

  private Schema parse(JsonNode answer, String action) {
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(type)) {
      throw new InvalidSchemaException(
          "Cannot " + action + ": schema type is not AVRO: " + type, null);
    }
    Schema.Parser parser = new Schema.Parser();
    addReferences(answer.path("references"), parser, new HashSet<>(), 0, action);
    return parseText(parser, answer, action);
  }

  /** Parses every referenced schema into {@code parser}, dependencies first. */
  private void addReferences(
      JsonNode references, Schema.Parser parser, Set<String> added, int depth, String action) {
    if (!references.isArray() || references.isEmpty()) {
      return;
    }
    if (depth >= MAX_REFERENCE_DEPTH) {
      throw new InvalidSchemaException(
          "Cannot " + action + ": schema references nest deeper than " + MAX_REFERENCE_DEPTH, null);
    }
    for (JsonNode reference : references) {
      String subject = reference.path("subject").asText(null);
      String version = reference.path("version").asText(null);
      if (subject == null || version == null) {
        throw new InvalidSchemaException(
            "Cannot " + action + ": schema reference without subject or version: " + reference,
            null);
      }
      // A type referenced twice (a diamond) must be parsed once: Avro refuses to redefine it.
      if (!added.add(subject + '/' + version)) {
        continue;
      }
      String referenceAction = action + " (reference " + subject + " version " + version + ")";
      JsonNode referenced = get(subjectVersionPath(subject, version), referenceAction);
      addReferences(referenced.path("references"), parser, added, depth + 1, referenceAction);
      parseText(parser, referenced, referenceAction);
    }
  }

  private static Schema parseText(Schema.Parser parser, JsonNode answer, String action) {
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException(
          "Cannot " + action + ": answer has no schema text: " + answer, null);
    }
    try {
      return parser.parse(text.asText());
    } catch (SchemaParseException e) {
      throw new InvalidSchemaException(
          "Cannot " + action + ": not a valid Avro schema: " + e.getMessage(), e);
    }
  }

  private JsonNode get(String path, String action) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), action);
  }

  private JsonNode send(HttpRequest.Builder builder, String action) {
    builder.timeout(config.readTimeout()).header("Accept", ACCEPT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    String target = request.method() + " " + request.uri();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException e) {
      throw new SchemaRegistryException(
          "Cannot " + action + ": no connection within " + config.connectTimeout() + ": " + target,
          e);
    } catch (HttpTimeoutException e) {
      throw new SchemaRegistryException(
          "Cannot "
              + action
              + ": registry did not answer within "
              + config.readTimeout()
              + ": "
              + target,
          e);
    } catch (ConnectException e) {
      throw new SchemaRegistryException("Cannot " + action + ": connection refused: " + target, e);
    } catch (IOException e) {
      throw new SchemaRegistryException("Cannot " + action + ": " + e + ": " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("Cannot " + action + ": interrupted: " + target, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw errorAnswer(response, action, target);
    }
    try {
      return JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new SchemaRegistryException(
          "Cannot " + action + ": answer is not JSON: " + target,
          response.statusCode(),
          SchemaRegistryException.NONE,
          e);
    }
  }

  private static SchemaRegistryException errorAnswer(
      HttpResponse<String> response, String action, String target) {
    int status = response.statusCode();
    int errorCode = SchemaRegistryException.NONE;
    String message = "";
    try {
      JsonNode error = JSON.readTree(response.body());
      errorCode = error.path("error_code").asInt(SchemaRegistryException.NONE);
      message = error.path("message").asText("");
    } catch (JsonProcessingException e) {
      // Proxies answer errors in HTML: the status alone has to do.
    }
    String detail =
        errorCode == SchemaRegistryException.NONE
            ? Integer.toString(status)
            : status + " (" + errorCode + " " + message + ")";
    return new SchemaRegistryException(
        "Cannot " + action + ": registry answered " + detail + ": " + target,
        status,
        errorCode,
        null);
  }

  private static int requiredInt(JsonNode answer, String field, String action) {
    JsonNode value = answer.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new SchemaRegistryException(
          "Cannot " + action + ": answer has no integer " + field + ": " + answer, null);
    }
    return value.asInt();
  }

  private URI uri(String path) {
    return URI.create(config.baseUrl() + path);
  }

  private static String subjectVersionPath(String subject, String version) {
    return "/subjects/" + segment(subject) + "/versions/" + segment(version);
  }

  /** One URL path segment: subjects may hold any character, e.g. spaces or slashes. */
  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
