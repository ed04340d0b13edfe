package io.driftway.catalogbridge.console;

import java.nio.charset.StandardCharsets;

/** What the console answers: a status, a content type and a body, or a redirect. Immutable. */
public final class ConsoleResponse {

  static final String HTML = "text/html; charset=utf-8";

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final String location;

  ConsoleResponse(int status, String contentType, byte[] body, String location) {
    this.status = status;
    this.contentType = contentType;
    this.body = body.clone();
    this.location = location;
  }

  /** A rendered page. */
  public static ConsoleResponse html(int status, Html page) {
    return new ConsoleResponse(
        status, HTML, page.toString().getBytes(StandardCharsets.UTF_8), null);
  }

  /**
   * See other: the browser GETs {@code location}, a path under {@code /console} (after an action,
   * so a reload does not repeat it).
   */
  public static ConsoleResponse redirect(String location) {
    return new ConsoleResponse(303, null, new byte[0], location);
  }

  /** A page saying what went wrong ({@code message} is escaped like any text). */
  public static ConsoleResponse error(ConsoleRequest request, int status, String message) {
    Html body = Html.format("<p class=\"error\">{}</p>", message);
    return html(
        status,
        request == null ? Layout.bare("Error", body) : Layout.document(request, "Error", body));
  }

  public int status() {
    return status;
  }

  /** Null for a redirect. */
  public String contentType() {
    return contentType;
  }

  public byte[] body() {
    return body.clone();
  }

  /** Where a redirect goes, else null. */
  public String location() {
    return location;
  }
}
