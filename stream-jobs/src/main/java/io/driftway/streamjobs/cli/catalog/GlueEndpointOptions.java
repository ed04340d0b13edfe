package io.driftway.streamjobs.cli.catalog;

import io.driftway.catalogbridge.sync.GlueClients;
import java.net.URI;
import software.amazon.awssdk.services.glue.GlueClient;

/** Where a Glue endpoint is and how to sign for it; {@code aws} means AWS Glue itself. */
final class GlueEndpointOptions {

  private GlueEndpointOptions() {}

  static GlueClient client(String endpoint, String region, String accessKeyId, String secret) {
    URI uri = "aws".equalsIgnoreCase(endpoint) ? null : URI.create(endpoint);
    return GlueClients.create(uri, region, blankToNull(accessKeyId), blankToNull(secret));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
