package io.driftway.connectors.kinesis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream as the user named it: a plain name or an ARN. Requests always use the name (kinesalite
 * and older endpoints do not know the {@code StreamARN} parameter); an ARN's region is checked
 * against the client's.
 */
record StreamReference(String name, Optional<String> arnRegion) {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws[a-zA-Z-]*:kinesis:([a-z0-9-]+):[0-9]{12}:stream/([a-zA-Z0-9_.-]{1,128})");

  /** Parses a name or ARN; empty if it is neither. */
  static Optional<StreamReference> parse(String nameOrArn) {
    if (NAME.matcher(nameOrArn).matches()) {
      return Optional.of(new StreamReference(nameOrArn, Optional.empty()));
    }
    Matcher arn = ARN.matcher(nameOrArn);
    if (arn.matches()) {
      return Optional.of(new StreamReference(arn.group(2), Optional.of(arn.group(1))));
    }
    return Optional.empty();
  }
}
