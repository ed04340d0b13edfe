package io.driftway.catalogbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;

/** The console over real HTTP on a real bridge: sign-in, sessions, CSRF, rights, escaping. */
class ConsoleIT {

  static final String HOSTILE = "<script>window.pwned=1</script><img src=x onerror=\"alert(1)\">";

  @TempDir static Path dir;
  static CatalogBridge bridge;
  static String database;

  @BeforeAll
  static void startBridge() {
    bridge = TestBridges.start(dir);
    database = TestBridges.name("console");
    try (GlueClient glue = TestBridges.admin(bridge)) {
      glue.createDatabase(
          r -> r.databaseInput(d -> d.name(database).description("about " + HOSTILE)));
      glue.createTable(
          r ->
              r.databaseName(database)
                  .tableInput(
                      t ->
                          t.name("t" + HOSTILE)
                              .parameters(Map.of("classification", "json" + HOSTILE))
                              .storageDescriptor(s -> s.location("s3://lake/" + HOSTILE))));
    }
  }

  @AfterAll
  static void stopBridge() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private ConsoleBrowser browser() {
    return new ConsoleBrowser(bridge.endpoint());
  }

  private ConsoleBrowser signedIn(String key, String secret) {
    ConsoleBrowser browser = browser();
    assertThat(browser.signIn(key, secret).statusCode()).isEqualTo(303);
    return browser;
  }

  @Test
  void anAdminKeySignsInWithAStrictHttpOnlyCookieAndSeesTablesAndActions() {
    ConsoleBrowser browser = browser();
    HttpResponse<String> signIn = browser.signIn(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET);

    assertThat(signIn.statusCode()).isEqualTo(303);
    assertThat(signIn.headers().firstValue("Location")).hasValue("/console/tables");
    assertThat(signIn.headers().firstValue("Set-Cookie").orElseThrow())
        .startsWith("driftway_console=")
        .contains("; Path=/console; Max-Age=28800; HttpOnly; SameSite=Strict");
    HttpResponse<String> tables = browser.get("/console/tables");
    assertThat(tables.statusCode()).isEqualTo(200);
    assertThat(tables.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'");
    assertThat(tables.body()).contains("<h2 id=\"db-" + database + "\">").contains("admin (admin)");
  }

  @Test
  void aReadOnlyKeySeesTheTablesButItsActionsAreRefused() {
    ConsoleBrowser browser = signedIn(TestBridges.READER_KEY, TestBridges.READER_SECRET);
    HttpResponse<String> tables = browser.get("/console/tables");
    assertThat(tables.body()).contains(database).contains("reader (read-only)");
    assertThat(tables.body()).doesNotContain("class=\"action\"");

    HttpResponse<String> action = browser.act("/console/tables", Map.of("op", "anything"));

    assertThat(action.statusCode()).isEqualTo(403);
    assertThat(action.body()).contains("Cannot act: principal reader is read-only");
  }

  @Test
  void aWrongSecretIsRefusedWithoutASession() {
    ConsoleBrowser browser = browser();
    HttpResponse<String> refused = browser.signIn(TestBridges.ADMIN_KEY, "not-the-secret");

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("Cannot sign in: unknown access key id or wrong secret");
    assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(browser.signIn("AKIDNOBODY", "whatever").statusCode()).isEqualTo(401);
    assertThat(browser.get("/console/tables").statusCode()).isEqualTo(303);
  }

  @Test
  void afterFiveFailedSignInsForOneKeyIdTheNextIsRefusedWith429() {
    // A key id of its own: the bridge is shared by this class's tests, and the limit holds a
    // minute.
    ConsoleBrowser browser = browser();
    String keyId = "AKIDGUESSED" + System.nanoTime();
    for (int i = 0; i < SignInLimits.PER_KEY; i++) {
      assertThat(browser.signIn(keyId, "guess-" + i).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> throttled = browser.signIn(keyId, "guess-again");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.body())
        .contains(
            "Cannot sign in: 5 failed sign-ins for this access key id in the last minute; try"
                + " again in ")
        .contains(" s: " + keyId);
    assertThat(throttled.headers().allValues("Set-Cookie")).isEmpty();
    // Other keys from the same address still sign in.
    assertThat(browser().signIn(TestBridges.READER_KEY, TestBridges.READER_SECRET).statusCode())
        .isEqualTo(303);
  }

  @Test
  void browsersAskingForFaviconIcoGetA404AndPagesNameTheConsoleIcon() {
    ConsoleBrowser browser = browser();
    browser.signIn(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET);

    assertThat(browser.get("/favicon.ico").statusCode()).isEqualTo(404);
    assertThat(browser.get("/console/tables").body())
        .contains("<link rel=\"icon\" href=\"/console/static/favicon.svg\"");
    HttpResponse<String> icon = browser.get("/console/static/favicon.svg");
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
  }

  @Test
  void withoutASessionPagesSendToTheSignInForm() {
    HttpResponse<String> page = browser().get("/console/tables");

    assertThat(page.statusCode()).isEqualTo(303);
    assertThat(page.headers().firstValue("Location")).hasValue("/console/login");
    assertThat(browser().get("/console/login").body()).contains("name=\"secret_access_key\"");
  }

  @Test
  void aFormWithoutOrWithAWrongCsrfTokenIsRefused() {
    ConsoleBrowser browser = signedIn(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET);
    browser.get("/console/tables");
    String token = browser.csrfToken();

    HttpResponse<String> missing = browser.post("/console/logout", Map.of());
    HttpResponse<String> wrong = browser.post("/console/logout", Map.of("csrf", token + "x"));

    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body())
        .contains(
            "Cannot accept form: missing or wrong CSRF token (reload the page and try again)");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(browser.get("/console/tables").statusCode()).isEqualTo(200);
    assertThat(browser.post("/console/logout", Map.of("csrf", token)).statusCode()).isEqualTo(303);
    assertThat(browser.get("/console/tables").statusCode()).isEqualTo(303);
  }

  @Test
  void aFormPostedFromAnotherSiteIsRefused() {
    ConsoleBrowser browser = signedIn(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET);
    browser.get("/console/tables");
    HttpResponse<String> crossSite =
        browser.postWithOrigin(
            "/console/logout", Map.of("csrf", browser.csrfToken()), "http://evil.example");

    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body())
        .contains("Cannot accept form: it was posted from another site: http://evil.example");
  }

  @Test
  void hostileNamesAndValuesFromTheCatalogStayText() {
    ConsoleBrowser browser = signedIn(TestBridges.READER_KEY, TestBridges.READER_SECRET);
    String body = browser.get("/console/tables").body();

    String escaped =
        "&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;";
    assertThat(body).doesNotContain("<script").doesNotContain("<img").doesNotContain("onerror=\"");
    assertThat(body)
        .contains("about " + escaped)
        .contains("t" + escaped)
        .contains("json" + escaped);
    assertThat(body).contains("s3://lake/" + escaped);
  }

  @Test
  void staticAssetsAreServedWithoutASessionAndOthersAreNot() {
    HttpResponse<String> css = browser().get("/console/static/console.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(browser().get("/console/static/../../etc/passwd").statusCode()).isEqualTo(404);
  }
}
