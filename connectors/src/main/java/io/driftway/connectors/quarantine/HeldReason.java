package io.driftway.connectors.quarantine;

import io.driftway.schemaevolution.merge.NewFieldHeldException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The reason text of a held quarantine row ({@link Stage#HELD}): which new fields the record waits
 * for, and the command that decides. The approval commands read the held paths back from it, so the
 * text is written and read only here.
 *
 * <pre>{@code
 * String reason = HeldReason.of("shop.orders", e.held());
 * // Held for approval: new field /coupon (string) under new-fields=hold; decide with: driftway
 * // schema approve shop.orders --path /coupon (or reject)
 * HeldReason.paths(reason); // [/coupon]
 * }</pre>
 */
public final class HeldReason {

  private static final String PREFIX = "Held for approval: new field";
  private static final String UNDER = " under new-fields=hold";

  /** A held path inside the list: at the start or after ", ", followed by " (type". */
  private static final Pattern PATH = Pattern.compile("(?:^|, )(/\\S*) \\(");

  private HeldReason() {}

  /** The reason of a record of {@code table} ({@code db.name}) held for {@code held}. */
  public static String of(String table, List<NewFieldHeldException.Held> held) {
    return PREFIX
        + (held.size() == 1 ? " " : "s ")
        + held.stream().map(NewFieldHeldException.Held::toString).collect(Collectors.joining(", "))
        + UNDER
        + "; decide with: driftway schema approve "
        + table
        + " --path "
        + held.get(0).path()
        + " (or reject)";
  }

  /** The held paths named in {@code reason}; empty when it is not a held reason. */
  public static List<String> paths(String reason) {
    if (reason == null || !reason.startsWith(PREFIX)) {
      return List.of();
    }
    int start = reason.indexOf(' ', PREFIX.length()) + 1;
    int end = reason.indexOf(UNDER);
    if (start <= 0 || end < start) {
      return List.of();
    }
    List<String> paths = new ArrayList<>();
    Matcher m = PATH.matcher(reason.substring(start, end));
    while (m.find()) {
      paths.add(m.group(1));
    }
    return List.copyOf(paths);
  }
}
