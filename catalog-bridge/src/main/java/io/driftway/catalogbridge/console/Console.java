package io.driftway.catalogbridge.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.driftway.catalogbridge.auth.Authenticator;
import io.driftway.catalogbridge.auth.Principal;
import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console under {@code /console}: signs browsers in with the bridge's own keys, keeps their
 * sessions, checks CSRF tokens and rights on every action, and hands each request to its {@link
 * ConsolePage}.
 *
 * <p>Sign-in: the form posts an access key id and its secret access key to the bridge (use TLS
 * beyond loopback); the secret is compared in constant time against the configured principal's and
 * never stored. The browser then holds only a random session id in a cookie ({@code HttpOnly},
 * {@code SameSite=Strict}, {@code Path=/console}, {@code Secure} under TLS). Failed sign-ins are
 * limited per access key id and per client address ({@link SignInLimits}: then HTTP 429). With
 * {@code auth.mode: none} (loopback only) every visitor is the anonymous admin, as on the Glue API.
 *
 * <pre>{@code
 * HttpHandler console = Console.create(new ConsoleContext(api, files, clock), authenticator,
 *     false, tls);
 * }</pre>
 */
public final class Console implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(Console.class);

  /** Where the console lives on the bridge's port. */
  public static final String ROOT = "/console";

  static final String COOKIE = "driftway_console";
  private static final int MAX_FORM_BYTES = 64 * 1024;

  private final ConsoleContext context;
  private final Authenticator authenticator;
  private final boolean authOff;
  private final boolean tls;
  private final Sessions sessions;
  private final SignInLimits signInLimits;
  private final List<ConsolePage> pages;

  /** Longest path first, so {@code /tables/x} finds {@code /tables/x} before {@code /tables}. */
  private final List<ConsolePage> routes;

  private Console(
      ConsoleContext context,
      Authenticator authenticator,
      boolean authOff,
      boolean tls,
      List<ConsolePage> pages) {
    this.context = context;
    this.authenticator = authenticator;
    this.authOff = authOff;
    this.tls = tls;
    this.sessions = new Sessions(context.clock());
    this.signInLimits = new SignInLimits(context.clock());
    this.pages = List.copyOf(pages);
    List<ConsolePage> sorted = new ArrayList<>(pages);
    sorted.sort(Comparator.comparingInt((ConsolePage p) -> p.path().length()).reversed());
    this.routes = List.copyOf(sorted);
  }

  /**
   * The console over {@code context}.
   *
   * @param authOff {@code auth.mode: none}: no sign-in, every visitor is the anonymous admin
   * @param tls the bridge serves HTTPS, so the session cookie is marked {@code Secure}
   */
  public static Console create(
      ConsoleContext context, Authenticator authenticator, boolean authOff, boolean tls) {
    return new Console(context, authenticator, authOff, tls, ConsolePages.all(context));
  }

  /** True for the paths this console answers. */
  public static boolean serves(String rawPath) {
    return rawPath.equals(ROOT) || rawPath.startsWith(ROOT + "/");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    ConsoleResponse response;
    Session session = null;
    try {
      Outcome outcome = route(exchange);
      response = outcome.response();
      session = outcome.newSession();
    } catch (RuntimeException e) {
      LOG.error("Console request {} failed", exchange.getRequestURI().getRawPath(), e);
      response =
          ConsoleResponse.html(
              500,
              Layout.bare(
                  "Error",
                  Html.format(
                      "<p class=\"error\">Cannot show this page: internal error, see the bridge"
                          + " log</p>")));
    }
    send(exchange, response, session);
  }

  /** A response, and the session to set as the cookie when sign-in made one. */
  private record Outcome(ConsoleResponse response, Session newSession) {
    static Outcome of(ConsoleResponse response) {
      return new Outcome(response, null);
    }
  }

  private Outcome route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath().substring(ROOT.length());
    boolean post = "POST".equals(method);
    if (!post && !"GET".equals(method)) {
      return Outcome.of(bareError(405, "Cannot " + method + " the console: use GET or POST"));
    }
    if (path.isEmpty() || path.equals("/")) {
      return Outcome.of(ConsoleResponse.redirect(ROOT + firstPagePath()));
    }
    if (path.startsWith("/static/") && !post) {
      return Outcome.of(
          Assets.get(path.substring("/static/".length()))
              .orElseGet(() -> bareError(404, "Cannot find console file: " + path)));
    }
    if (post && !sameOrigin(exchange)) {
      return Outcome.of(
          bareError(
              403,
              "Cannot accept form: it was posted from another site: "
                  + exchange.getRequestHeaders().getFirst("Origin")));
    }
    Map<String, List<String>> form = post ? readForm(exchange) : Map.of();
    Optional<Session> existing = sessions.find(cookie(exchange.getRequestHeaders()));
    Session created = null;
    if (existing.isEmpty() && authOff) {
      created = sessions.create(Principal.anonymous());
      existing = Optional.of(created);
    }
    if (path.equals("/login")) {
      if (authOff) {
        return new Outcome(ConsoleResponse.redirect(ROOT + firstPagePath()), created);
      }
      return post
          ? signIn(form, exchange.getRemoteAddress().getAddress().getHostAddress())
          : Outcome.of(SignInForm.render(200, null, null));
    }
    if (existing.isEmpty()) {
      return Outcome.of(
          post
              ? bareError(403, "Cannot accept form: sign in first")
              : ConsoleResponse.redirect(ROOT + "/login"));
    }
    Session session = existing.get();
    ConsoleRequest request =
        new ConsoleRequest(
            method,
            path,
            parse(exchange.getRequestURI().getRawQuery()),
            form,
            session,
            pages,
            context);
    if (post) {
      Optional<ConsoleResponse> refused = refuseAction(request, session);
      if (refused.isPresent()) {
        return new Outcome(refused.get(), created);
      }
      if (path.equals("/logout")) {
        sessions.remove(session.id());
        return Outcome.of(ConsoleResponse.redirect(ROOT + "/login"));
      }
    }
    ConsolePage page = find(path);
    if (page == null) {
      return new Outcome(
          ConsoleResponse.error(request, 404, "Cannot find console page: " + path), created);
    }
    try {
      return new Outcome(post ? page.post(request) : page.get(request), created);
    } catch (GlueException e) {
      return new Outcome(ConsoleResponse.error(request, status(e), e.getMessage()), created);
    }
  }

  /** The CSRF and rights checks every POST passes before a page sees it. */
  private static Optional<ConsoleResponse> refuseAction(ConsoleRequest request, Session session) {
    String token = request.form(Forms.CSRF_FIELD);
    if (token == null
        || !MessageDigest.isEqual(
            token.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(
          ConsoleResponse.error(
              request,
              403,
              "Cannot accept form: missing or wrong CSRF token (reload the page and try again)"));
    }
    if (!request.path().equals("/logout") && !request.canAct()) {
      return Optional.of(
          ConsoleResponse.error(
              request,
              403,
              "Cannot act: principal " + session.principal().name() + " is read-only"));
    }
    return Optional.empty();
  }

  private Outcome signIn(Map<String, List<String>> form, String address) {
    String accessKeyId = first(form, "access_key_id");
    String secret = first(form, "secret_access_key");
    if (accessKeyId == null || accessKeyId.isBlank() || secret == null || secret.isEmpty()) {
      return Outcome.of(
          SignInForm.render(
              400, "Cannot sign in: enter an access key id and its secret", accessKeyId));
    }
    String keyId = accessKeyId.trim();
    Optional<String> tooMany = signInLimits.refusal(keyId, address);
    if (tooMany.isPresent()) {
      LOG.warn("Console sign-in throttled for access key id {} from {}", keyId, address);
      return Outcome.of(SignInForm.render(429, tooMany.get(), accessKeyId));
    }
    Principal principal;
    try {
      principal = authenticator.signIn(keyId, secret);
    } catch (GlueException e) {
      signInLimits.failed(keyId, address);
      LOG.info("Console sign-in refused for access key id {} from {}", keyId, address);
      return Outcome.of(
          SignInForm.render(
              401, "Cannot sign in: unknown access key id or wrong secret", accessKeyId));
    }
    Session session = sessions.create(principal);
    LOG.info("Console sign-in: principal {}", principal.name());
    return new Outcome(ConsoleResponse.redirect(ROOT + firstPagePath()), session);
  }

  private ConsolePage find(String path) {
    for (ConsolePage page : routes) {
      if (path.equals(page.path()) || path.startsWith(page.path() + "/")) {
        return page;
      }
    }
    return null;
  }

  private String firstPagePath() {
    return pages.get(0).path();
  }

  /**
   * Browsers send {@code Origin} with every form post; one naming another site is a cross-site
   * request, refused before any session is looked at (the CSRF token refuses it too).
   */
  private boolean sameOrigin(HttpExchange exchange) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin == null) {
      return true;
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    return host != null && origin.equals((tls ? "https://" : "http://") + host);
  }

  private static int status(GlueException e) {
    if (e.type() == GlueErrorType.ACCESS_DENIED) {
      return 403;
    }
    if (e.type() == GlueErrorType.ENTITY_NOT_FOUND) {
      return 404;
    }
    return e.type().httpStatus();
  }

  private static ConsoleResponse bareError(int status, String message) {
    return ConsoleResponse.error(null, status, message);
  }

  private static String cookie(Headers headers) {
    List<String> values = headers.get("Cookie");
    if (values == null) {
      return null;
    }
    for (String header : values) {
      for (String part : header.split(";", -1)) {
        String item = part.trim();
        if (item.startsWith(COOKIE + "=")) {
          return item.substring(COOKIE.length() + 1);
        }
      }
    }
    return null;
  }

  private static Map<String, List<String>> readForm(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        throw GlueException.invalidInput(
            "Cannot accept form: larger than " + MAX_FORM_BYTES + " bytes: " + body.length);
      }
      return parse(new String(body, StandardCharsets.UTF_8));
    }
  }

  /** {@code a=1&b=2} (query string or URL-encoded form) by name, values in order. */
  static Map<String, List<String>> parse(String encoded) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw GlueException.invalidInput("Cannot read form: bad percent-encoding: " + pair);
      }
    }
    return fields;
  }

  private static String first(Map<String, List<String>> fields, String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private void send(HttpExchange exchange, ConsoleResponse response, Session newSession)
      throws IOException {
    Headers headers = exchange.getResponseHeaders();
    // Nothing on a page comes from elsewhere, and no page runs inline script or style.
    headers.set(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: under no-referrer a browser posts forms with Origin: null,
    // which sameOrigin() refuses, so nobody could sign in (seen in Chromium by ConsoleBrowserIT).
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Cache-Control", "no-store");
    if (newSession != null) {
      headers.add("Set-Cookie", sessionCookie(newSession.id(), Sessions.LIFETIME.toSeconds()));
    } else if (response.location() != null && response.location().equals(ROOT + "/login")) {
      headers.add("Set-Cookie", sessionCookie("", 0));
    }
    if (response.location() != null) {
      headers.set("Location", response.location());
    }
    if (response.contentType() != null) {
      headers.set("Content-Type", response.contentType());
    }
    byte[] body = response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private String sessionCookie(String value, long maxAgeSeconds) {
    return COOKIE
        + "="
        + value
        + "; Path="
        + ROOT
        + "; Max-Age="
        + maxAgeSeconds
        + "; HttpOnly; SameSite=Strict"
        + (tls ? "; Secure" : "");
  }
}
