package io.driftway.loadtests.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * CPU by package: the execution samples ({@code jdk.ExecutionSample}) of one or more JFR
 * recordings, each counted under the package of its top frame (the method running when it was
 * taken), folded by {@link PackageFolding}, printed as shares side by side, one column per
 * recording.
 *
 * <p>Only the steady state counts when the recording says where it is: {@code ./load-tests/bench
 * peers} with {@code BENCH_JFR} writes beside each {@code <run>.jfr} a {@code <run>.jfr.marks} file
 * ({@code first_commit=} and {@code done=} instants, from the bench's own polls), and the samples
 * between the two are kept. {@code --after} overrides it: seconds from the recording's start, an
 * ISO-8601 instant, or {@code all}.
 *
 * <pre>{@code
 * ./load-tests/bench profile --top 20 profiles/driftway_1kb_r1.jfr profiles/kc_1kb_r1.jfr
 * }</pre>
 *
 * <p>JFR samples Java threads running Java code: garbage collection, JIT compilation and native
 * code are in a process's CPU time but not in these shares.
 */
public final class JfrProfile {

  private static final String SAMPLE = "jdk.ExecutionSample";

  private JfrProfile() {}

  /** One recording's samples in its window, by folded package and by top-frame method. */
  record Profile(
      Path file,
      String window,
      long total,
      long kept,
      Map<String, Long> packages,
      Map<String, Long> methods) {

    double share(String pkg) {
      return kept == 0 ? 0 : 100.0 * packages.getOrDefault(pkg, 0L) / kept;
    }
  }

  /** The time window to keep: [from, to), either end open when null. */
  record Window(Instant from, Instant to, String label) {
    boolean contains(Instant at) {
      return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
    }
  }

  /** Runs the command; see {@code ./load-tests/bench profile --help}. */
  public static void main(String[] args) throws IOException {
    String after = "auto";
    int top = 25;
    int methods = 0;
    Pattern threads = null;
    PackageFolding folding = PackageFolding.defaults();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-h", "--help" -> {
          System.out.println(usage());
          return;
        }
        case "--after" -> after = value(args, ++i, "--after");
        case "--top" -> top = Integer.parseInt(value(args, ++i, "--top"));
        case "--methods" -> methods = Integer.parseInt(value(args, ++i, "--methods"));
        case "--threads" -> threads = Pattern.compile(value(args, ++i, "--threads"));
        case "--depth" ->
            folding = PackageFolding.fixed(Integer.parseInt(value(args, ++i, "--depth")));
        default -> {
          if (args[i].startsWith("--")) {
            throw new IllegalArgumentException(
                "Cannot profile: unknown option: " + args[i] + "\n" + usage());
          }
          files.add(Path.of(args[i]));
        }
      }
    }
    if (files.isEmpty()) {
      System.err.println(usage());
      System.exit(2);
    }
    List<Profile> profiles = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("Cannot profile: no such recording: " + file);
      }
      profiles.add(read(file, after, threads, folding));
    }
    print(profiles, top, methods);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("Cannot profile: " + option + " needs a value");
    }
    return args[i];
  }

  static String usage() {
    return """
        usage: ./load-tests/bench profile [--after first-commit|all|<seconds>|<instant>] [--top N]
                                          [--methods N] [--threads REGEX] [--depth N] <file.jfr>...
          CPU samples (jdk.ExecutionSample) by the package of the top frame, one column per file.
          --after    which samples count: first-commit (between the first_commit and done marks
                     of <file>.jfr.marks, written by bench peers with BENCH_JFR), all, seconds
                     from the recording's start, or an ISO-8601 instant; default: the marks when
                     the file has them, else all
          --top      package rows to print (25); the rest are summed as (other)
          --methods  also print each file's N hottest top-frame methods (0)
          --threads  only samples of threads whose name matches REGEX (e.g. driftway-catalog)
          --depth    fold every package to N segments instead of the default folding
                     (JDK 2, org.apache.* 4, others 3)
        example: BENCH_JFR=/tmp/prof BENCH_QUICK=1 ./load-tests/bench peers
                 ./load-tests/bench profile /tmp/prof/*.jfr""";
  }

  /** Reads {@code file}'s samples in the window {@code after} names. */
  static Profile read(Path file, String after, Pattern threads, PackageFolding folding)
      throws IOException {
    Map<String, Long> packages = new HashMap<>();
    Map<String, Long> methods = new HashMap<>();
    long total = 0;
    long kept = 0;
    Window window = null;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        if (!event.getEventType().getName().equals(SAMPLE)) {
          continue;
        }
        if (window == null) {
          // Relative offsets count from the first sample: close to the JVM's start.
          window = window(file, after, event.getStartTime());
        }
        total++;
        if (!window.contains(event.getStartTime())) {
          continue;
        }
        if (threads != null) {
          RecordedThread thread = event.getThread("sampledThread");
          if (thread == null
              || thread.getJavaName() == null
              || !threads.matcher(thread.getJavaName()).find()) {
            continue;
          }
        }
        kept++;
        RecordedStackTrace stack = event.getStackTrace();
        String pkg;
        String method;
        if (stack == null || stack.getFrames().isEmpty()) {
          pkg = "(no stack)";
          method = pkg;
        } else {
          RecordedFrame frame = stack.getFrames().get(0);
          String type = frame.getMethod().getType().getName();
          pkg = folding.fold(type);
          method = type + "." + frame.getMethod().getName();
        }
        packages.merge(pkg, 1L, Long::sum);
        methods.merge(method, 1L, Long::sum);
      }
    }
    String label = window == null ? "no samples" : window.label();
    return new Profile(file, label, total, kept, packages, methods);
  }

  /** The window {@code after} names for {@code file}; {@code start} is its first sample's time. */
  static Window window(Path file, String after, Instant start) throws IOException {
    Path marksFile = Path.of(file + ".marks");
    switch (after) {
      case "all" -> {
        return new Window(null, null, "all samples");
      }
      case "auto", "first-commit" -> {
        if (!Files.isRegularFile(marksFile)) {
          if (after.equals("auto")) {
            return new Window(null, null, "all samples (no marks file)");
          }
          throw new IllegalArgumentException(
              "Cannot profile after the first commit: no marks file beside the recording: "
                  + marksFile);
        }
        Properties marks = new Properties();
        marks.load(Files.newBufferedReader(marksFile, StandardCharsets.UTF_8));
        String first = marks.getProperty("first_commit");
        if (first == null) {
          throw new IllegalArgumentException(
              "Cannot profile after the first commit: no first_commit in " + marksFile);
        }
        String done = marks.getProperty("done");
        return new Window(
            Instant.parse(first),
            done == null ? null : Instant.parse(done),
            "after the first commit" + (done == null ? "" : ", until every record was committed"));
      }
      default -> {
        try {
          double seconds = Double.parseDouble(after);
          return new Window(
              start.plus(Duration.ofMillis(Math.round(seconds * 1000))),
              null,
              "from " + after + " s after the first sample");
        } catch (NumberFormatException notSeconds) {
          try {
            return new Window(Instant.parse(after), null, "from " + after);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                "Cannot profile: --after takes first-commit, all, seconds or an ISO-8601"
                    + " instant: "
                    + after,
                e);
          }
        }
      }
    }
  }

  private static void print(List<Profile> profiles, int top, int methods) {
    for (int i = 0; i < profiles.size(); i++) {
      Profile p = profiles.get(i);
      System.out.printf(
          Locale.ROOT,
          "[%d] %s: %,d execution samples, %,d counted (%s)%n",
          i + 1,
          p.file(),
          p.total(),
          p.kept(),
          p.window());
    }
    // Rows: the packages with the largest share in any file, largest first.
    Map<String, Double> rank = new HashMap<>();
    for (Profile p : profiles) {
      for (String pkg : p.packages().keySet()) {
        rank.merge(pkg, p.share(pkg), Math::max);
      }
    }
    List<String> rows =
        rank.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(top)
            .map(Map.Entry::getKey)
            .toList();
    System.out.println();
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-48s", "package"));
    for (int i = 0; i < profiles.size(); i++) {
      header.append(String.format(Locale.ROOT, "%9s", "[" + (i + 1) + "] %"));
    }
    System.out.println(header);
    for (String pkg : rows) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-48s", pkg));
      for (Profile p : profiles) {
        line.append(String.format(Locale.ROOT, "%9.1f", p.share(pkg)));
      }
      System.out.println(line);
    }
    StringBuilder other = new StringBuilder(String.format(Locale.ROOT, "%-48s", "(other)"));
    for (Profile p : profiles) {
      double shown = rows.stream().mapToDouble(p::share).sum();
      other.append(String.format(Locale.ROOT, "%9.1f", p.kept() == 0 ? 0 : 100 - shown));
    }
    System.out.println(other);
    if (methods > 0) {
      for (int i = 0; i < profiles.size(); i++) {
        Profile p = profiles.get(i);
        System.out.printf(Locale.ROOT, "%n[%d] hottest top-frame methods%n", i + 1);
        p.methods().entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(methods)
            .forEach(
                e ->
                    System.out.printf(
                        Locale.ROOT,
                        "%6.1f%%  %s%n",
                        100.0 * e.getValue() / Math.max(1, p.kept()),
                        e.getKey()));
      }
    }
    System.out.println(json(profiles, rows));
  }

  /** The last line: one JSON object, the shares of the printed packages per file. */
  static String json(List<Profile> profiles, List<String> rows) {
    String files =
        profiles.stream()
            .map(
                p -> {
                  Map<String, String> shares = new LinkedHashMap<>();
                  for (String pkg : rows) {
                    shares.put(pkg, String.format(Locale.ROOT, "%.1f", p.share(pkg)));
                  }
                  return String.format(
                      Locale.ROOT,
                      "{\"file\":\"%s\",\"samples\":%d,\"counted\":%d,\"window\":\"%s\","
                          + "\"packages\":{%s}}",
                      escape(p.file().toString()),
                      p.total(),
                      p.kept(),
                      escape(p.window()),
                      shares.entrySet().stream()
                          .map(e -> "\"" + escape(e.getKey()) + "\":" + e.getValue())
                          .collect(Collectors.joining(",")));
                })
            .collect(Collectors.joining(","));
    return "{\"bench\":\"profile\",\"files\":[" + files + "]}";
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
