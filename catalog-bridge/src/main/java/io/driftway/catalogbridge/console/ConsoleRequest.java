package io.driftway.catalogbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftway.catalogbridge.auth.Access;
import io.driftway.catalogbridge.auth.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One signed-in request to a page: the path below {@code /console}, the query and form parameters,
 * and who is asking. Immutable.
 */
public final class ConsoleRequest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> form;
  private final Session session;
  private final List<ConsolePage> pages;
  private final ConsoleContext context;

  ConsoleRequest(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> form,
      Session session,
      List<ConsolePage> pages,
      ConsoleContext context) {
    this.method = method;
    this.path = path;
    this.query = Map.copyOf(query);
    this.form = Map.copyOf(form);
    this.session = session;
    this.pages = pages;
    this.context = context;
  }

  /** {@code GET} or {@code POST}. */
  public String method() {
    return method;
  }

  /** The path below {@code /console}, e.g. {@code /tables}. */
  public String path() {
    return path;
  }

  /** The first value of a query parameter, or null. */
  public String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a posted form field, or null. */
  public String form(String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Every posted form field. */
  public Map<String, List<String>> formFields() {
    return form;
  }

  /** True when the form carries the confirmation step's {@code confirm=yes}. */
  public boolean confirmed() {
    return "yes".equals(form("confirm"));
  }

  /** Who is signed in. */
  public Principal principal() {
    return session.principal();
  }

  /**
   * True when the caller may act somewhere (admin on at least one database): pages show action
   * buttons only then. Rights on the database acted on are still checked when acting.
   */
  public boolean canAct() {
    return session.principal().databases().containsValue(Access.ADMIN);
  }

  /** The session's CSRF token, which every form must post as {@code csrf}. */
  public String csrfToken() {
    return session.csrfToken();
  }

  /** The pages, for the navigation bar. */
  List<ConsolePage> pages() {
    return pages;
  }

  /** The bridge parts pages read from. */
  public ConsoleContext context() {
    return context;
  }

  /**
   * Runs a Glue operation as the signed-in principal, so the console never sees or does more than
   * the same key could through the API.
   *
   * @throws io.driftway.catalogbridge.model.GlueException as the operation fails, e.g.
   *     AccessDeniedException for a read-only principal's action
   */
  public JsonNode glue(String operation, ObjectNode body) {
    return read(operation, context.api(), body);
  }

  /**
   * Runs one of Driftway's own operations ({@code ListAlerts}, ...) as the signed-in principal.
   *
   * @throws io.driftway.catalogbridge.model.GlueException as the operation fails
   */
  public JsonNode driftway(String operation, ObjectNode body) {
    return read(operation, context.driftway(), body);
  }

  private JsonNode read(
      String operation, io.driftway.catalogbridge.api.GlueApi api, ObjectNode body) {
    byte[] response =
        api.call(operation, body.toString().getBytes(StandardCharsets.UTF_8), principal());
    try {
      return JSON.readTree(response);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + operation + " response: " + e, e);
    }
  }

  /** An empty JSON object to fill as a Glue request body. */
  public static ObjectNode body() {
    return JSON.createObjectNode();
  }
}
