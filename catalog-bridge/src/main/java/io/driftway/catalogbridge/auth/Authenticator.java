package io.driftway.catalogbridge.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Turns a request into the principal that sent it, or refuses it with the AWS error a client
 * expects (MissingAuthenticationTokenException, IncompleteSignatureException,
 * InvalidSignatureException, UnrecognizedClientException).
 *
 * <pre>{@code
 * Authenticator auth = Authenticator.sigV4(principals, "us-east-1", Duration.ofMinutes(15),
 *     Clock.systemUTC());
 * Principal caller = auth.authenticate(request);
 * }</pre>
 */
public interface Authenticator {

  /** Called once per request, from any server thread. */
  Principal authenticate(SignedRequest request);

  /**
   * The principal whose access key id and secret access key these are, for the console's sign-in
   * form. The secret is compared in constant time and never kept.
   *
   * @throws io.driftway.catalogbridge.model.GlueException UnrecognizedClientException when no
   *     principal has this key and secret (the message does not say which part was wrong)
   */
  Principal signIn(String accessKeyId, String secretAccessKey);

  /** Every request is the anonymous admin. Only for loopback listeners. */
  static Authenticator none() {
    return new Authenticator() {
      @Override
      public Principal authenticate(SignedRequest request) {
        return Principal.anonymous();
      }

      @Override
      public Principal signIn(String accessKeyId, String secretAccessKey) {
        return Principal.anonymous();
      }
    };
  }

  /**
   * Verifies AWS Signature Version 4 for service {@code glue} in {@code region}, with dates at most
   * {@code clockSkew} away from {@code clock}.
   */
  static Authenticator sigV4(
      List<Principal> principals, String region, Duration clockSkew, Clock clock) {
    return new SigV4Verifier(principals, region, clockSkew, clock);
  }
}
