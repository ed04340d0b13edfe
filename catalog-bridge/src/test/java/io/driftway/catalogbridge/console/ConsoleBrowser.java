package io.driftway.catalogbridge.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP client acting as a browser on the console: keeps the session cookie, follows no
 * redirects (tests assert them), and reads the CSRF token from the last page.
 */
public final class ConsoleBrowser {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(30))
          .build();
  private String cookie;
  private String lastBody = "";

  public ConsoleBrowser(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Signs in with the sign-in form; the response is the form's answer (303 when accepted). */
  public HttpResponse<String> signIn(String accessKeyId, String secret) {
    return post(
        "/console/login", Map.of("access_key_id", accessKeyId, "secret_access_key", secret));
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(endpoint.resolve(path)).GET());
  }

  /** Posts {@code fields} as a form, exactly as given (add {@code csrf} yourself, or not). */
  public HttpResponse<String> post(String path, Map<String, String> fields) {
    return send(
        HttpRequest.newBuilder(endpoint.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
  }

  private static String form(Map<String, String> fields) {
    StringJoiner body = new StringJoiner("&");
    fields.forEach(
        (name, value) ->
            body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return body.toString();
  }

  /** Posts {@code fields} as a browser on another site would, with its {@code Origin}. */
  public HttpResponse<String> postWithOrigin(
      String path, Map<String, String> fields, String origin) {
    return send(
        HttpRequest.newBuilder(endpoint.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
  }

  /** Posts {@code fields} with the CSRF token of the last page fetched. */
  public HttpResponse<String> act(String path, Map<String, String> fields) {
    Map<String, String> withToken = new LinkedHashMap<>(fields);
    withToken.put("csrf", csrfToken());
    return post(path, withToken);
  }

  /** The CSRF token on the last page fetched. */
  public String csrfToken() {
    Matcher matcher = CSRF.matcher(lastBody);
    if (!matcher.find()) {
      throw new IllegalStateException("no CSRF token on the last page: " + lastBody);
    }
    return matcher.group(1);
  }

  public String cookie() {
    return cookie;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (cookie != null) {
      request.header("Cookie", Console.COOKIE + "=" + cookie);
    }
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofString());
      response
          .headers()
          .allValues("Set-Cookie")
          .forEach(
              set -> {
                if (set.startsWith(Console.COOKIE + "=")) {
                  String value = set.substring(Console.COOKIE.length() + 1, set.indexOf(';'));
                  cookie = value.isEmpty() ? null : value;
                }
              });
      lastBody = response.body();
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
