package io.driftway.catalogbridge.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a signature covers: method, path and query as received (still percent-encoded), headers
 * (names are matched case-insensitively) and the body. Immutable.
 */
public final class SignedRequest {

  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  public SignedRequest(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    // Built once per request: a name that arrives in one spelling (the usual case) keeps one
    // immutable copy of its values; spellings that differ only by case are joined in order.
    Map<String, List<String>> lower = new HashMap<>(headers.size() * 2);
    headers.forEach(
        (name, values) ->
            lower.merge(
                name.toLowerCase(Locale.ROOT),
                List.copyOf(values),
                (earlier, more) -> {
                  List<String> joined = new ArrayList<>(earlier);
                  joined.addAll(more);
                  return List.copyOf(joined);
                }));
    this.headers = Collections.unmodifiableMap(lower);
    this.body = body.clone();
  }

  public String method() {
    return method;
  }

  public String rawPath() {
    return rawPath;
  }

  public String rawQuery() {
    return rawQuery;
  }

  /** Header values by lowercase name. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public byte[] body() {
    return body.clone();
  }

  /** The body without a copy, for hashing inside this package. */
  byte[] bodyView() {
    return body;
  }
}
