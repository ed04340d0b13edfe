package io.driftway.schemaevolution.infer;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * The hint-free rule for epoch milliseconds, applied only with timestamp inference on: a JSON
 * integer is a {@code timestamptz} when its field is named like a point in time ({@code
 * created_at}, {@code event_time}, {@code ts}, {@code updated_ts}, {@code timestamp}, {@code
 * createdAt}, {@code eventTime}) and its value, read as milliseconds since 1970-01-01T00:00:00Z,
 * falls in [2000-01-01, 2100-01-01). Anything else stays a {@code long}: seconds, microseconds,
 * counters and ids named {@code *_at} by accident fall outside the range or the names.
 */
final class EpochMillis {

  /** 2000-01-01T00:00:00Z. */
  static final long FROM = 946_684_800_000L;

  /** 2100-01-01T00:00:00Z. */
  static final long UNTIL = 4_102_444_800_000L;

  private static final Pattern NAMES =
      Pattern.compile(
          "(?i:ts|time|timestamp|.*(_at|_time|_ts|_timestamp))|.*[a-z](At|Time|Ts|Timestamp)");

  private EpochMillis() {}

  /** Whether the integer token under {@code parser}, in field {@code name}, is epoch millis. */
  static boolean applies(String name, JsonParser parser) throws IOException {
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return false;
    }
    long value = parser.getLongValue();
    return value >= FROM && value < UNTIL && NAMES.matcher(name).matches();
  }
}
