package io.driftway.streamjobs.crawl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.crawlers.CrawlCatalog;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * A Glue SDK client whose requests never leave the JVM: each one is handed to the bridge's own
 * catalog ({@link CrawlCatalog}) for the crawl's caller, so a crawl started on the bridge writes
 * with that caller's rights, without a signature or a network hop, through exactly the client code
 * that talks to AWS Glue.
 */
final class InProcessGlue implements SdkHttpClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CrawlCatalog api;
  private final Principal caller;

  private InProcessGlue(CrawlCatalog api, Principal caller) {
    this.api = api;
    this.caller = caller;
  }

  /** A client over {@code api}; {@code endpoint} and {@code region} only shape the requests. */
  static GlueClient client(CrawlCatalog api, Principal caller, URI endpoint, String region) {
    return GlueClient.builder()
        .httpClient(new InProcessGlue(api, caller))
        .endpointOverride(endpoint)
        .region(Region.of(region))
        // Never checked: the request does not go through the bridge's HTTP authenticator.
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("in-process", "unused")))
        .build();
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        return execute(request);
      }

      @Override
      public void abort() {}
    };
  }

  private HttpExecuteResponse execute(HttpExecuteRequest request) throws IOException {
    String target =
        request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("AWSGlue.Unknown");
    String operation = target.substring(target.indexOf('.') + 1);
    byte[] body = new byte[0];
    Optional<software.amazon.awssdk.http.ContentStreamProvider> content =
        request.contentStreamProvider();
    if (content.isPresent()) {
      try (InputStream in = content.get().newStream()) {
        body = in.readAllBytes();
      }
    }
    int status;
    byte[] answer;
    String errorType = null;
    try {
      answer = api.call(operation, body, caller);
      status = 200;
    } catch (GlueException e) {
      errorType = e.type().typeName();
      status = e.type().httpStatus();
      answer = error(errorType, e.getMessage());
    } catch (RuntimeException e) {
      errorType = GlueErrorType.INTERNAL_SERVICE.typeName();
      status = GlueErrorType.INTERNAL_SERVICE.httpStatus();
      answer = error(errorType, String.valueOf(e.getMessage()));
    }
    SdkHttpResponse.Builder response =
        SdkHttpResponse.builder()
            .statusCode(status)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("Content-Length", Integer.toString(answer.length))
            .putHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    if (errorType != null) {
      response.putHeader("x-amzn-ErrorType", errorType);
    }
    return HttpExecuteResponse.builder()
        .response(response.build())
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
        .build();
  }

  private static byte[] error(String type, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("__type", type);
    node.put("message", message);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String clientName() {
    return "DriftwayInProcess";
  }

  @Override
  public void close() {}
}
