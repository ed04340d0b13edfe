package io.driftway.loadtests.data;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code ./load-tests/bench gen}: produces generated events to Kafka, Kinesis or stdout.
 *
 * <pre>{@code
 * ./load-tests/bench gen --to kafka --bootstrap-servers 127.0.0.1:9092 --topic orders \
 *     --records 200000 --size 1kb --drift add-field@50000/100000 --malformed-rate 0.001
 * ./load-tests/bench gen --to kinesis --endpoint http://127.0.0.1:4567 --stream orders \
 *     --rate 2000 --seconds 60 --size 150b --format avro
 * ./load-tests/bench gen --to stdout --records 3 --size 150b
 * }</pre>
 *
 * <p>Options (defaults in brackets): {@code --to} kafka|kinesis|stdout [kafka], {@code
 * --bootstrap-servers}, {@code --topic}, {@code --stream}, {@code --endpoint} (Kinesis endpoint;
 * AWS itself when absent), {@code --region} [us-east-1], {@code --records} [100000], {@code --rate}
 * records/s with {@code --seconds} [60] (instead of as fast as possible), {@code --first} sequence
 * number [0], {@code --size} 150b|1kb|bytes [1kb], {@code --fields} (with a byte size) [20], {@code
 * --format} json|avro [json], {@code --drift} [none], {@code --malformed-rate} [0], {@code --seed}
 * [42]. The last output line is one JSON object with what was sent.
 */
public final class GenerateCommand {

  private static final Set<String> KEYS =
      Set.of(
          "to",
          "bootstrap-servers",
          "topic",
          "stream",
          "endpoint",
          "region",
          "records",
          "rate",
          "seconds",
          "first",
          "size",
          "fields",
          "format",
          "drift",
          "malformed-rate",
          "seed");

  private GenerateCommand() {}

  public static void main(String[] args) {
    Map<String, String> options = parse(args);
    EventGenerator generator = generator(options);
    String to = options.getOrDefault("to", "kafka");
    long first = Long.parseLong(options.getOrDefault("first", "0"));
    EventPump.Result result;
    try (EventSink sink = sink(to, options)) {
      if (options.containsKey("rate")) {
        result =
            EventPump.atRate(
                generator,
                sink,
                first,
                Double.parseDouble(options.get("rate")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "60"))));
      } else {
        result =
            EventPump.asFastAsPossible(
                generator, sink, first, Long.parseLong(options.getOrDefault("records", "100000")));
      }
    }
    PrintStream out = "stdout".equals(to) ? System.err : System.out;
    out.printf(
        Locale.ROOT,
        "{\"bench\":\"gen\",\"to\":\"%s\",\"format\":\"%s\",\"records\":%d,\"bytes\":%d,"
            + "\"seconds\":%.3f,\"records_per_s\":%.1f,\"drift\":\"%s\",\"malformed_rate\":%s,"
            + "\"seed\":%d}%n",
        to,
        generator.format().name().toLowerCase(Locale.ROOT),
        result.records(),
        result.bytes(),
        result.seconds(),
        result.recordsPerSecond(),
        generator.drift(),
        generator.malformedRate(),
        generator.seed());
  }

  /** The generator the options describe. */
  static EventGenerator generator(Map<String, String> options) {
    EventGenerator.Builder builder =
        EventGenerator.builder()
            .seed(Long.parseLong(options.getOrDefault("seed", "42")))
            .format(EventFormat.of(options.getOrDefault("format", "json")))
            .drift(DriftSchedule.parse(options.getOrDefault("drift", "none")))
            .malformedRate(Double.parseDouble(options.getOrDefault("malformed-rate", "0")));
    String size = options.getOrDefault("size", "1kb");
    if (size.chars().allMatch(Character::isDigit)) {
      builder.bytes(Integer.parseInt(size));
      builder.fields(Integer.parseInt(options.getOrDefault("fields", "20")));
    } else {
      builder.preset(EventGenerator.Preset.of(size));
      if (options.containsKey("fields")) {
        builder.fields(Integer.parseInt(options.get("fields")));
      }
    }
    return builder.build();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || !KEYS.contains(arg.substring(2))) {
        throw new IllegalArgumentException(
            "Cannot parse gen arguments: unknown option, expected one of --"
                + String.join(", --", KEYS.stream().sorted().toList())
                + ": "
                + arg);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Cannot parse gen arguments: missing value: " + arg);
      }
      options.put(arg.substring(2), args[++i]);
    }
    return options;
  }

  private static EventSink sink(String to, Map<String, String> options) {
    return switch (to) {
      case "kafka" ->
          KafkaEventSink.of(required(options, "bootstrap-servers"), required(options, "topic"));
      case "kinesis" -> kinesis(options);
      case "stdout" -> new StdoutSink();
      default ->
          throw new IllegalArgumentException(
              "Cannot parse gen arguments: --to must be kafka, kinesis or stdout: " + to);
    };
  }

  private static EventSink kinesis(Map<String, String> options) {
    String endpoint = options.get("endpoint");
    boolean local = endpoint != null && System.getenv("AWS_ACCESS_KEY_ID") == null;
    if (endpoint != null && System.getProperty("aws.cborEnabled") == null) {
      // Kinesis emulators (kinesalite) speak JSON only.
      System.setProperty("aws.cborEnabled", "false");
    }
    return KinesisEventSink.of(
        endpoint == null ? null : URI.create(endpoint),
        options.getOrDefault("region", "us-east-1"),
        local ? StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")) : null,
        required(options, "stream"));
  }

  private static String required(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Cannot parse gen arguments: missing option: --" + key);
    }
    return value;
  }

  /** One record per line; Avro records as their bytes in ISO-8859-1, for a quick look only. */
  private static final class StdoutSink implements EventSink {
    @Override
    public void send(long seq, byte[] value) {
      System.out.println(new String(value, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() {
      System.out.flush();
    }
  }
}
