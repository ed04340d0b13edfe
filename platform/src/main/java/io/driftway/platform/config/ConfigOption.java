package io.driftway.platform.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One typed configuration key with its default and a one-line description. Keys are public API:
 * declared once, renamed only with a deprecated alias.
 *
 * <pre>{@code
 * static final ConfigOption<Integer> PORT =
 *     ConfigOption.key("server.port").intType().defaultValue(9047)
 *         .description("TCP port of the Glue API; 0 picks a free port.");
 * }</pre>
 *
 * @param <T> the value type
 */
public final class ConfigOption<T> {

  private final String key;
  private final String typeName;
  private final Function<Object, T> parser;
  private final Function<T, String> formatter;
  private final List<String> allowedValues;
  private final T defaultValue;
  private final String description;

  private ConfigOption(ValueStep<T> step, String description) {
    this.key = step.key;
    this.typeName = step.typeName;
    this.parser = step.parser;
    this.formatter = step.formatter;
    this.allowedValues = step.allowedValues;
    this.defaultValue = step.defaultValue;
    this.description = description;
  }

  /** Starts declaring the option named {@code key} (dotted, lowercase, dashes between words). */
  public static TypeStep key(String key) {
    if (!key.matches("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*")) {
      throw new IllegalArgumentException(
          "Cannot declare config option: key must be dotted lowercase words: " + key);
    }
    return new TypeStep(key);
  }

  public String key() {
    return key;
  }

  /**
   * What values look like, for help and error messages (e.g. {@code duration}, {@code one of ...}).
   */
  public String typeName() {
    return typeName;
  }

  /** The values an enum option accepts, as written in files; empty for other types. */
  public List<String> allowedValues() {
    return allowedValues;
  }

  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  /** Reads a value from a config file (a string, or a list/map for structured options). */
  public T parse(Object raw) {
    return parser.apply(raw);
  }

  /** The value as it would be written in a config file. */
  public String format(T value) {
    return value == null ? "" : formatter.apply(value);
  }

  @Override
  public String toString() {
    return key;
  }

  /** Picks the value type. */
  public static final class TypeStep {
    private final String key;

    private TypeStep(String key) {
      this.key = key;
    }

    public ValueStep<String> stringType() {
      return new ValueStep<>(key, "string", ConfigOption::scalar, Function.identity());
    }

    /**
     * A list of strings: a YAML list, or one text with items separated by commas (as a command-line
     * flag would give it).
     */
    public ValueStep<List<String>> stringListType() {
      return new ValueStep<>(
          key, "list of strings", ConfigOption::stringList, list -> String.join(",", list));
    }

    public ValueStep<Integer> intType() {
      return new ValueStep<>(
          key,
          "integer",
          raw -> {
            try {
              return Integer.valueOf(scalar(raw).trim());
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("not an integer: " + raw, e);
            }
          },
          String::valueOf);
    }

    public ValueStep<Boolean> booleanType() {
      return new ValueStep<>(
          key,
          "true or false",
          raw -> {
            String text = scalar(raw).trim().toLowerCase(Locale.ROOT);
            if (!text.equals("true") && !text.equals("false")) {
              throw new IllegalArgumentException("not true or false: " + raw);
            }
            return Boolean.valueOf(text);
          },
          String::valueOf);
    }

    public ValueStep<Duration> durationType() {
      return new ValueStep<>(
          key,
          "duration (500ms, 30s, 15m, 2h)",
          raw -> Durations.parse(scalar(raw)),
          Durations::format);
    }

    public ValueStep<DataSize> dataSizeType() {
      return new ValueStep<>(
          key, "data size (64KiB, 16MiB)", raw -> DataSize.parse(scalar(raw)), String::valueOf);
    }

    public ValueStep<Path> pathType() {
      return new ValueStep<>(key, "path", raw -> Path.of(scalar(raw).trim()), String::valueOf);
    }

    public ValueStep<URI> uriType() {
      return new ValueStep<>(
          key,
          "URI",
          raw -> {
            try {
              return URI.create(scalar(raw).trim());
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("not a URI: " + raw, e);
            }
          },
          String::valueOf);
    }

    /** An enum written in lowercase with dashes ({@code READ_ONLY} is {@code read-only}). */
    public <E extends Enum<E>> ValueStep<E> enumType(Class<E> type) {
      List<String> allowed =
          Arrays.stream(type.getEnumConstants()).map(ConfigOption::enumName).toList();
      return new ValueStep<>(
          key,
          "one of " + String.join(", ", allowed),
          raw -> parseEnum(type, scalar(raw)),
          ConfigOption::enumName,
          allowed);
    }

    /** A structured value (a YAML list or map) read by {@code parser}. */
    public <V> ValueStep<V> structuredType(
        String typeName, Function<Object, V> parser, Function<V, String> formatter) {
      return new ValueStep<>(key, typeName, parser, formatter);
    }
  }

  /** Sets the default and the description. */
  public static final class ValueStep<T> {
    private final String key;
    private final String typeName;
    private final Function<Object, T> parser;
    private final Function<T, String> formatter;
    private final List<String> allowedValues;
    private T defaultValue;

    private ValueStep(
        String key, String typeName, Function<Object, T> parser, Function<T, String> formatter) {
      this(key, typeName, parser, formatter, List.of());
    }

    private ValueStep(
        String key,
        String typeName,
        Function<Object, T> parser,
        Function<T, String> formatter,
        List<String> allowedValues) {
      this.key = key;
      this.typeName = typeName;
      this.parser = parser;
      this.formatter = formatter;
      this.allowedValues = allowedValues;
    }

    public ValueStep<T> defaultValue(T value) {
      this.defaultValue = Objects.requireNonNull(value, "defaultValue");
      return this;
    }

    /**
     * Finishes the declaration with a one-line description; an option without a default is unset
     * unless configured.
     */
    public ConfigOption<T> description(String description) {
      if (description == null || description.isBlank()) {
        throw new IllegalArgumentException(
            "Cannot declare config option: a description is required: " + key);
      }
      if (description.contains("\n")) {
        throw new IllegalArgumentException(
            "Cannot declare config option: the description must be one line: " + key);
      }
      return new ConfigOption<>(this, description);
    }
  }

  /** The lowercase, dashed name of an enum constant. */
  public static String enumName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Reads an enum constant from its lowercase, dashed (or exact) name. */
  public static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
    String wanted = text.trim();
    for (E constant : type.getEnumConstants()) {
      if (enumName(constant).equalsIgnoreCase(wanted) || constant.name().equalsIgnoreCase(wanted)) {
        return constant;
      }
    }
    List<String> allowed =
        Arrays.stream(type.getEnumConstants()).map(ConfigOption::enumName).toList();
    throw new IllegalArgumentException("not one of " + String.join(", ", allowed) + ": " + text);
  }

  private static List<String> stringList(Object raw) {
    if (raw instanceof List<?> items) {
      return items.stream().map(ConfigOption::scalar).map(String::trim).toList();
    }
    return Arrays.stream(scalar(raw).split(","))
        .map(String::trim)
        .filter(item -> !item.isEmpty())
        .toList();
  }

  private static String scalar(Object raw) {
    if (raw instanceof String text) {
      return text;
    }
    if (raw instanceof Number || raw instanceof Boolean) {
      return raw.toString();
    }
    throw new IllegalArgumentException("expected a single value, not a list or map");
  }
}
