package io.driftway.catalogbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftway.catalogbridge.CatalogBridge;
import io.driftway.catalogbridge.TestBridges;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts a pipeline sends to the bridge ({@code Driftway.PutAlert}, signed) are stored once per
 * alert id and shown on the console's alerts page as text.
 */
class AlertsIT {

  @TempDir static Path dir;
  static CatalogBridge bridge;

  @BeforeAll
  static void startBridge() {
    bridge = TestBridges.start(dir);
  }

  @AfterAll
  static void stopBridge() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static HttpResponse<String> put(String key, String secret, String alert) {
    return SignedCalls.call(
        bridge.endpoint(), TestBridges.REGION, key, secret, "Driftway.PutAlert", alert);
  }

  private static String alert(String id, String database, String fieldPath) {
    return "{\"alert_id\":\""
        + id
        + "\",\"type\":\"schema_change\",\"pipeline\":\"orders-pipeline\",\"database\":\""
        + database
        + "\",\"table\":\"orders\",\"schema_id_before\":\"1\",\"schema_id_after\":\"2\","
        + "\"changes\":[{\"kind\":\"ADD_COLUMN\",\"path\":\""
        + fieldPath
        + "\",\"from\":null,\"to\":\"string\",\"policy\":\"new-fields: evolve\"}],"
        + "\"first_seen_at\":\"orders/0@42\",\"sample\":\"{\\\"x\\\":\\\"<img src=x"
        + " onerror=alert(1)>\\\"}\",\"detected_at\":\"2026-12-06T10:00:00Z\"}";
  }

  @Test
  void anAlertIsStoredOnceAndShownOnTheAlertsPageAsText() {
    String database = TestBridges.name("alerts");
    String body = alert("alert-" + database, database, "/payload/<script>window.pwned=1</script>");

    HttpResponse<String> first = put(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET, body);
    HttpResponse<String> again = put(TestBridges.ADMIN_KEY, TestBridges.ADMIN_SECRET, body);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"Stored\":true}");
    assertThat(again.body()).isEqualTo("{\"Stored\":false}");
    ConsoleBrowser browser = new ConsoleBrowser(bridge.endpoint());
    browser.signIn(TestBridges.READER_KEY, TestBridges.READER_SECRET);
    String page = browser.get("/console/alerts?db=" + database).body();
    assertThat(page).doesNotContain("<script").doesNotContain("<img");
    assertThat(page)
        .contains("<code>ADD_COLUMN /payload/&lt;script&gt;window.pwned=1&lt;/script&gt;</code>")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains(database + ".orders")
        .contains("orders-pipeline");
    assertThat(page.split("ADD_COLUMN", -1)).hasSize(2);
  }

  @Test
  void aReadOnlyKeyCannotPutAlerts() {
    String database = TestBridges.name("alerts");
    HttpResponse<String> refused =
        put(
            TestBridges.READER_KEY,
            TestBridges.READER_SECRET,
            alert("alert-" + database, database, "/a"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains(
            "Cannot put alert: principal reader has no admin rights on database: " + database);
  }

  @Test
  void anAlertWithoutItsIdIsRefused() {
    HttpResponse<String> refused =
        put(
            TestBridges.ADMIN_KEY,
            TestBridges.ADMIN_SECRET,
            "{\"type\":\"schema_change\",\"database\":\"d\",\"table\":\"t\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Cannot put alert: alert_id is required: null");
  }
}
