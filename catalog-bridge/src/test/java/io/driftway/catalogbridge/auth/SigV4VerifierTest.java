package io.driftway.catalogbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftway.catalogbridge.model.GlueErrorType;
import io.driftway.catalogbridge.model.GlueException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer, verified (or refused) by ours. */
class SigV4VerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-09T10:15:30Z");
  private static final String KEY = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String BODY = "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}";

  private final Authenticator verifier =
      Authenticator.sigV4(
          List.of(
              Principal.of("etl", KEY, SECRET, Map.of("*", Access.ADMIN)),
              Principal.of("other", "AKIDOTHER", "other-secret", Map.of("*", Access.READ_ONLY))),
          "eu-west-1",
          Duration.ofMinutes(15),
          Clock.fixed(NOW, ZoneOffset.UTC));

  /** Signs like a real client, then lets a test change the request before it is verified. */
  private static SignedRequest signed(
      String region, String service, Instant at, String secret, String body) {
    return signed(KEY, region, service, at, secret, body);
  }

  private static SignedRequest signed(
      String key, String region, String service, Instant at, String secret, String body) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://127.0.0.1:9047/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "AWSGlue.GetTable")
            .build();
    software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(key, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    Map<String, List<String>> headers = new HashMap<>(signed.request().headers());
    headers.putIfAbsent("Host", List.of("127.0.0.1:9047"));
    return new SignedRequest("POST", "/", null, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A valid request with extra headers, signed by the SDK's signer (which signs them all). */
  private static SignedRequest signedWith(Map<String, List<String>> extra) {
    SdkHttpRequest.Builder builder =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://127.0.0.1:9047/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "AWSGlue.GetTable");
    extra.forEach(builder::putHeader);
    software.amazon.awssdk.http.auth.spi.signer.SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(KEY, SECRET))
                        .request(builder.build())
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "glue")
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
    Map<String, List<String>> headers = new HashMap<>(signed.request().headers());
    headers.putIfAbsent("Host", List.of("127.0.0.1:9047"));
    return new SignedRequest("POST", "/", null, headers, BODY.getBytes(StandardCharsets.UTF_8));
  }

  private static SignedRequest valid() {
    return signed("eu-west-1", "glue", NOW, SECRET, BODY);
  }

  private static SignedRequest withHeader(SignedRequest request, String name, String value) {
    Map<String, List<String>> headers = new HashMap<>(request.headers());
    headers.put(name, List.of(value));
    return new SignedRequest("POST", "/", null, headers, request.body());
  }

  @Test
  void acceptsWhatTheAwsSdkSigned() {
    assertThat(verifier.authenticate(valid()).name()).isEqualTo("etl");
  }

  @Test
  void acceptsAtTheEdgeOfTheClockSkew() {
    SignedRequest late =
        signed("eu-west-1", "glue", NOW.minus(Duration.ofMinutes(15)), SECRET, BODY);
    assertThat(verifier.authenticate(late).name()).isEqualTo("etl");
  }

  @Test
  void refusesATamperedBody() {
    byte[] other = BODY.replace("orders", "payroll").getBytes(StandardCharsets.UTF_8);
    SignedRequest withHashHeader = new SignedRequest("POST", "/", null, valid().headers(), other);
    assertRefused(
        withHashHeader,
        GlueErrorType.INVALID_SIGNATURE,
        "Cannot authenticate request: X-Amz-Content-Sha256 does not match the body");

    // boto3 and the CLI send no hash header: the signature itself must catch the change.
    SignedRequest unhashed = signedWithoutBodyHashHeader();
    assertThat(unhashed.header("x-amz-content-sha256")).isNull();
    assertThat(verifier.authenticate(unhashed).name()).isEqualTo("etl");
    assertRefused(
        new SignedRequest("POST", "/", null, unhashed.headers(), other),
        GlueErrorType.INVALID_SIGNATURE,
        "the signature does not match");
  }

  /** The SDK's older signer signs non-S3 requests as botocore does: no X-Amz-Content-Sha256. */
  @SuppressWarnings("deprecation") // Aws4Signer is kept by the SDK; the test needs its behavior
  private static SignedRequest signedWithoutBodyHashHeader() {
    software.amazon.awssdk.http.SdkHttpFullRequest request =
        software.amazon.awssdk.http.SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://127.0.0.1:9047/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "AWSGlue.GetTable")
            .contentStreamProvider(ContentStreamProvider.fromUtf8String(BODY))
            .build();
    software.amazon.awssdk.http.SdkHttpFullRequest signed =
        software.amazon.awssdk.auth.signer.Aws4Signer.create()
            .sign(
                request,
                software.amazon.awssdk.auth.signer.params.Aws4SignerParams.builder()
                    .awsCredentials(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                            KEY, SECRET))
                    .signingName("glue")
                    .signingRegion(software.amazon.awssdk.regions.Region.EU_WEST_1)
                    .signingClockOverride(Clock.fixed(NOW, ZoneOffset.UTC))
                    .build());
    return new SignedRequest(
        "POST", "/", null, signed.headers(), BODY.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void refusesATamperedTarget() {
    assertRefused(
        withHeader(valid(), "x-amz-target", "AWSGlue.DeleteTable"),
        GlueErrorType.INVALID_SIGNATURE,
        "the signature does not match");
  }

  @Test
  void refusesATamperedDate() {
    assertRefused(
        withHeader(valid(), "x-amz-date", "20260309T101531Z"),
        GlueErrorType.INVALID_SIGNATURE,
        "the signature does not match");
  }

  @Test
  void refusesTheWrongSecret() {
    assertRefused(
        signed("eu-west-1", "glue", NOW, "not-the-secret", BODY),
        GlueErrorType.INVALID_SIGNATURE,
        "the signature does not match");
  }

  @Test
  void refusesTheWrongSecretAfterTheRightOneForTheSameKeyAndDay() {
    // The signing key is derived once per access key and day: a right signature first must not
    // let a wrong one through after it.
    assertThat(verifier.authenticate(valid()).name()).isEqualTo("etl");
    assertRefused(
        signed("eu-west-1", "glue", NOW, "not-the-secret", BODY),
        GlueErrorType.INVALID_SIGNATURE,
        "the signature does not match");
    assertThat(verifier.authenticate(valid()).name()).isEqualTo("etl");
  }

  @Test
  void checksEachCallerWithItsOwnKeyWhenCallersTakeTurnsOnOneThread() {
    // One thread keeps its HMAC set up with the last signing key: a turn of caller must set it up
    // again, and a wrong secret right after the right one of the same caller must still fail.
    SignedRequest other = signed("AKIDOTHER", "eu-west-1", "glue", NOW, "other-secret", BODY);
    SignedRequest otherWrong = signed("AKIDOTHER", "eu-west-1", "glue", NOW, SECRET, BODY);
    assertThat(verifier.authenticate(valid()).name()).isEqualTo("etl");
    assertThat(verifier.authenticate(other).name()).isEqualTo("other");
    assertThat(verifier.authenticate(valid()).name()).isEqualTo("etl");
    assertThat(verifier.authenticate(other).name()).isEqualTo("other");
    assertRefused(otherWrong, GlueErrorType.INVALID_SIGNATURE, "the signature does not match");
    assertThat(verifier.authenticate(valid()).name()).isEqualTo("etl");
  }

  @Test
  void joinsHeaderSpellingsThatDifferOnlyByCase() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Custom", List.of("a"));
    headers.put("x-custom", List.of("b", "c"));
    headers.put("Host", List.of("127.0.0.1:9047"));
    SignedRequest request = new SignedRequest("POST", "/", null, headers, new byte[0]);
    assertThat(request.headers())
        .containsOnly(
            Map.entry("x-custom", List.of("a", "b", "c")),
            Map.entry("host", List.of("127.0.0.1:9047")));
    assertThat(request.header("X-CUSTOM")).isEqualTo("a");
    assertThatThrownBy(() -> request.headers().put("x-other", List.of("d")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.headers().get("host").add("d"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void acceptsEachDayWithItsOwnSigningKey() {
    Instant midnight = Instant.parse("2026-03-10T00:00:00Z");
    Authenticator aroundMidnight =
        Authenticator.sigV4(
            List.of(Principal.of("etl", KEY, SECRET, Map.of("*", Access.ADMIN))),
            "eu-west-1",
            Duration.ofMinutes(15),
            Clock.fixed(midnight, ZoneOffset.UTC));
    SignedRequest before = signed("eu-west-1", "glue", midnight.minusSeconds(60), SECRET, BODY);
    SignedRequest after = signed("eu-west-1", "glue", midnight.plusSeconds(60), SECRET, BODY);
    assertThat(aroundMidnight.authenticate(before).name()).isEqualTo("etl");
    assertThat(aroundMidnight.authenticate(after).name()).isEqualTo("etl");
    assertThat(aroundMidnight.authenticate(before).name()).isEqualTo("etl");
  }

  @Test
  void refusesAnAuthorizationWithoutASignature() {
    String authorization = valid().header("authorization");
    String unsigned = authorization.substring(0, authorization.indexOf(", Signature="));
    assertRefused(
        withHeader(valid(), "authorization", unsigned),
        GlueErrorType.INCOMPLETE_SIGNATURE,
        "Cannot authenticate request: Authorization needs Credential, SignedHeaders and"
            + " Signature: Credential,SignedHeaders");
  }

  @Test
  void acceptsAnAuthorizationWithSpacesAroundItsParts() {
    String authorization = valid().header("authorization");
    String spaced =
        authorization.replace(", ", " ,  ").replace("Credential=", " Credential = ") + "  ";
    assertThat(verifier.authenticate(withHeader(valid(), "authorization", spaced)).name())
        .isEqualTo("etl");
  }

  @Test
  void refusesMalformedDates() {
    for (String date :
        List.of(
            "2026-03-09T10:15:30Z",
            "20260309T101530",
            "20261309T101530Z",
            "20260309T251530Z",
            "2026030xT101530Z",
            "20260309 101530Z")) {
      assertRefused(
          withHeader(valid(), "x-amz-date", date),
          GlueErrorType.INCOMPLETE_SIGNATURE,
          "Cannot authenticate request: X-Amz-Date must look like 20240131T235959Z: " + date);
    }
  }

  @Test
  void acceptsHeaderValuesWithRunsOfSpaces() {
    // SigV4 signs a header value trimmed, with each run of spaces as one.
    SignedRequest request =
        signedWith(Map.of("X-Amz-Meta-Note", List.of("  two  spaces   and three  ")));
    assertThat(verifier.authenticate(request).name()).isEqualTo("etl");
  }

  @Test
  void refusesAnotherRegionInTheScope() {
    assertRefused(
        signed("us-east-1", "glue", NOW, SECRET, BODY),
        GlueErrorType.INVALID_SIGNATURE,
        "Cannot authenticate request: credential scope must name region eu-west-1: us-east-1");
  }

  @Test
  void refusesAnotherServiceInTheScope() {
    assertRefused(
        signed("eu-west-1", "s3", NOW, SECRET, BODY),
        GlueErrorType.INVALID_SIGNATURE,
        "Cannot authenticate request: credential scope must name service glue: s3");
  }

  @Test
  void refusesStaleAndFutureDates() {
    assertRefused(
        signed("eu-west-1", "glue", NOW.minus(Duration.ofMinutes(16)), SECRET, BODY),
        GlueErrorType.INVALID_SIGNATURE,
        "signature date is more than 15 minutes from the server time 20260309T101530Z");
    assertRefused(
        signed("eu-west-1", "glue", NOW.plus(Duration.ofMinutes(16)), SECRET, BODY),
        GlueErrorType.INVALID_SIGNATURE,
        "signature date is more than 15 minutes from the server time");
  }

  @Test
  void refusesAnUnknownAccessKey() {
    SignedRequest request = valid();
    String authorization = request.header("authorization").replace(KEY, "AKIDNOBODY");
    assertRefused(
        withHeader(request, "authorization", authorization),
        GlueErrorType.UNRECOGNIZED_CLIENT,
        "Cannot authenticate request: unknown access key id: AKIDNOBODY");
  }

  @Test
  void refusesAMissingAuthorization() {
    Map<String, List<String>> headers = new HashMap<>(valid().headers());
    headers.remove("authorization");
    assertRefused(
        new SignedRequest("POST", "/", null, headers, BODY.getBytes(StandardCharsets.UTF_8)),
        GlueErrorType.MISSING_AUTHENTICATION_TOKEN,
        "Cannot authenticate request: no Authorization header (requests must be signed with"
            + " SigV4): POST /");
  }

  @Test
  void refusesASignatureThatLeavesTheTargetUnsigned() {
    SignedRequest request = valid();
    String authorization = request.header("authorization").replace(";x-amz-target", "");
    assertRefused(
        withHeader(request, "authorization", authorization),
        GlueErrorType.INVALID_SIGNATURE,
        "SignedHeaders must include x-amz-target");
  }

  @Test
  void refusesOtherAlgorithms() {
    assertRefused(
        withHeader(valid(), "authorization", "AWS AKIDEXAMPLE:c2lnbmF0dXJl"),
        GlueErrorType.INCOMPLETE_SIGNATURE,
        "Cannot authenticate request: only AWS4-HMAC-SHA256 signatures are accepted: AWS");
  }

  @Test
  void refusesABodyHashHeaderThatDoesNotMatch() {
    assertRefused(
        withHeader(valid(), "x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
        GlueErrorType.INVALID_SIGNATURE,
        "X-Amz-Content-Sha256 does not match the body");
  }

  private void assertRefused(SignedRequest request, GlueErrorType type, String message) {
    assertThatThrownBy(() -> verifier.authenticate(request))
        .isInstanceOfSatisfying(GlueException.class, e -> assertThat(e.type()).isEqualTo(type))
        .hasMessageContaining(message);
  }
}
