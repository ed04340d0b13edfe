package io.driftway.platform.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An immutable set of option values over declared {@link ConfigOption}s; an unset option reads as
 * its default.
 *
 * <pre>{@code
 * Configuration config = Configuration.fromYaml(Path.of("catalog.yaml"), BridgeOptions.all())
 *     .toBuilder().set(BridgeOptions.SERVER_PORT, 0).build();
 * int port = config.get(BridgeOptions.SERVER_PORT);
 * }</pre>
 */
public final class Configuration {

  private final Map<String, Object> values;
  private final Map<String, ConfigOption<?>> known;

  private Configuration(Map<String, Object> values, Map<String, ConfigOption<?>> known) {
    this.values = Map.copyOf(values);
    this.known = Map.copyOf(known);
  }

  /** An empty configuration over {@code options}: everything at its default. */
  public static Configuration defaults(Collection<ConfigOption<?>> options) {
    return builder(options).build();
  }

  public static Builder builder(Collection<ConfigOption<?>> options) {
    return new Builder(index(options), Map.of());
  }

  /**
   * Reads a YAML file whose nested maps spell the dotted keys ({@code server: {port: 9047}} is
   * {@code server.port}). {@code ${NAME}} in a value is replaced by the environment variable (see
   * {@link EnvironmentSubstitution}).
   *
   * @throws IllegalArgumentException naming the file, line, key and what is allowed when a key is
   *     unknown or a value does not parse
   */
  public static Configuration fromYaml(Path file, Collection<ConfigOption<?>> options) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return fromYaml(reader, file.toString(), options, System.getenv());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read config file: " + e.getMessage() + ": " + file, e);
    }
  }

  /**
   * Reads YAML from {@code reader}; {@code source} names it in errors; {@code env} resolves {@code
   * ${NAME}}.
   */
  public static Configuration fromYaml(
      Reader reader, String source, Collection<ConfigOption<?>> options, Map<String, String> env) {
    Map<String, ConfigOption<?>> index = index(options);
    Map<String, Object> values = new LinkedHashMap<>();
    for (YamlEntries.Entry entry :
        YamlEntries.read(reader, source, EnvironmentSubstitution.of(source, env::get))) {
      ConfigOption<?> option = index.get(entry.key());
      if (option == null) {
        throw new IllegalArgumentException(
            "Cannot read config: unknown key "
                + entry.key()
                + " at "
                + entry.where()
                + "; known keys: "
                + String.join(", ", index.keySet()));
      }
      try {
        values.put(option.key(), option.parse(entry.value()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Cannot read config: "
                + e.getMessage()
                + " for key "
                + option.key()
                + " (expected "
                + option.typeName()
                + ") at "
                + entry.where(),
            e);
      }
    }
    return new Configuration(values, index);
  }

  /** The option's value, or its default; fails for an unset option without a default. */
  public <T> T get(ConfigOption<T> option) {
    return getOptional(option)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Cannot read config: no value and no default: " + option.key()));
  }

  /** The option's value or default, empty when neither exists. */
  @SuppressWarnings("unchecked") // values are stored only through set(ConfigOption<T>, T)/parse
  public <T> Optional<T> getOptional(ConfigOption<T> option) {
    Object value = values.get(option.key());
    return value != null ? Optional.of((T) value) : option.defaultValue();
  }

  /** True when the option was set explicitly (file or code), not left at its default. */
  public boolean isSet(ConfigOption<?> option) {
    return values.containsKey(option.key());
  }

  public Builder toBuilder() {
    return new Builder(known, values);
  }

  /** Every known key with its effective value, as a config file would spell it (for logs). */
  public Map<String, String> describe() {
    Map<String, String> result = new LinkedHashMap<>();
    for (ConfigOption<?> option : known.values()) {
      result.put(option.key(), describe(option));
    }
    return result.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private <T> String describe(ConfigOption<T> option) {
    return getOptional(option).map(option::format).orElse("");
  }

  private static Map<String, ConfigOption<?>> index(Collection<ConfigOption<?>> options) {
    Map<String, ConfigOption<?>> index = new LinkedHashMap<>();
    for (ConfigOption<?> option : options) {
      if (index.put(option.key(), option) != null) {
        throw new IllegalArgumentException(
            "Cannot declare config options: key declared twice: " + option.key());
      }
    }
    return index;
  }

  /** Collects values; {@link #build()} returns an immutable {@link Configuration}. */
  public static final class Builder {
    private final Map<String, ConfigOption<?>> known;
    private final Map<String, Object> values;

    private Builder(Map<String, ConfigOption<?>> known, Map<String, Object> values) {
      this.known = known;
      this.values = new LinkedHashMap<>(values);
    }

    public <T> Builder set(ConfigOption<T> option, T value) {
      if (!known.containsKey(option.key())) {
        throw new IllegalArgumentException("Cannot set config: unknown key: " + option.key());
      }
      if (value == null) {
        values.remove(option.key());
      } else {
        values.put(option.key(), value);
      }
      return this;
    }

    /** Sets an option from its text form, as a command-line flag would. */
    public Builder setText(String key, String text) {
      ConfigOption<?> option = known.get(key);
      if (option == null) {
        throw new IllegalArgumentException(
            "Cannot set config: unknown key "
                + key
                + "; known keys: "
                + String.join(", ", known.keySet()));
      }
      try {
        values.put(key, option.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Cannot set config: "
                + e.getMessage()
                + " for key "
                + key
                + " (expected "
                + option.typeName()
                + ")",
            e);
      }
      return this;
    }

    public Configuration build() {
      return new Configuration(values, known);
    }
  }

  /** The declared options of a configuration, in declaration order. */
  public List<ConfigOption<?>> options() {
    return List.copyOf(known.values());
  }
}
