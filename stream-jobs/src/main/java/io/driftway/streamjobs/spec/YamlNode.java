package io.driftway.streamjobs.spec;

import io.driftway.platform.config.DataSize;
import io.driftway.platform.config.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One node of a pipeline file, with where it came from ({@code orders.yaml:7
 * sources[0].kafka.topics}) so every error can point at the line to change.
 *
 * <p>A mapping is read through {@link #object(Set)}, which refuses keys outside the allowed set;
 * typed getters refuse values of the wrong shape. Called only while loading a spec, on one thread.
 */
final class YamlNode {

  private static final Pattern LIST_INDEX = Pattern.compile("\\[\\d+]");
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  private final String file;
  private final String path;
  private final Node node;

  YamlNode(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  /** {@code file:line path}, for messages. */
  String where() {
    return file
        + ":"
        + (node.getStartMark().getLine() + 1)
        + " "
        + (path.isEmpty() ? "(top)" : path);
  }

  String path() {
    return path;
  }

  SpecException error(String reason) {
    return new SpecException("Cannot load pipeline: " + reason + ": " + where());
  }

  /**
   * This node as a section of a pipeline file: a mapping whose keys must all be declared under its
   * path in {@link PipelineKeys} ({@code sources[0].kafka} is checked against {@code
   * sources[].kafka}).
   */
  YamlObject section() {
    return object(PipelineKeys.keysOf(LIST_INDEX.matcher(path).replaceAll("[]")));
  }

  /** This node as a mapping whose keys must all be in {@code allowed}. */
  YamlObject object(Set<String> allowed) {
    if (!(node instanceof MappingNode mapping)) {
      throw error("expected a mapping with keys " + sorted(allowed) + ", found " + describe());
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      YamlNode key = new YamlNode(file, path, tuple.getKeyNode());
      String name = key.scalar();
      String childPath = path.isEmpty() ? name : path + "." + name;
      YamlNode value = new YamlNode(file, childPath, tuple.getValueNode());
      if (!allowed.contains(name)) {
        throw new YamlNode(file, childPath, tuple.getKeyNode())
            .error("unknown key '" + name + "' (allowed: " + sorted(allowed) + ")");
      }
      if (entries.put(name, value) != null) {
        throw value.error("duplicate key '" + name + "'");
      }
    }
    return new YamlObject(this, entries);
  }

  /** This node as a mapping of free-form string keys to string values (client properties). */
  Map<String, String> stringMap() {
    if (!(node instanceof MappingNode mapping)) {
      throw error("expected a mapping of names to values, found " + describe());
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = new YamlNode(file, path, tuple.getKeyNode()).scalar();
      String value = new YamlNode(file, path + "." + key, tuple.getValueNode()).scalar();
      if (map.put(key, value) != null) {
        throw error("duplicate key '" + key + "'");
      }
    }
    return map;
  }

  /** This node as a list; a single scalar reads as a list of one. */
  List<YamlNode> list() {
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        items.add(new YamlNode(file, path + "[" + i + "]", sequence.getValue().get(i)));
      }
      return items;
    }
    if (node instanceof ScalarNode) {
      return List.of(this);
    }
    throw error("expected a list, found " + describe());
  }

  List<String> stringList() {
    return list().stream().map(YamlNode::scalar).collect(Collectors.toUnmodifiableList());
  }

  String scalar() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a single value, found " + describe());
    }
    return scalar.getValue();
  }

  String nonEmpty() {
    String value = scalar().trim();
    if (value.isEmpty()) {
      throw error("expected a value, found an empty one");
    }
    return value;
  }

  int positiveInt() {
    String value = scalar().trim();
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed shape
    }
    throw error("expected a positive whole number, found '" + value + "'");
  }

  boolean bool() {
    String value = scalar().trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw error("expected true or false, found '" + value + "'");
    };
  }

  /**
   * A duration such as {@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h} (see {@link Durations}).
   */
  Duration duration() {
    String value = scalar().trim().toLowerCase(Locale.ROOT);
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw error("expected a duration such as 500ms, 10s, 5m or 1h, found '" + value + "'");
    }
  }

  /** A data size such as {@code 512MiB}, {@code 64KiB} or a bare number of bytes. */
  DataSize dataSize() {
    String value = nonEmpty();
    try {
      return DataSize.parse(value);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error("expected a data size such as 64KiB, 16MiB or 512MiB, found '" + value + "'");
    }
  }

  /** A value out of a fixed set, matched without regard to case, {@code -} or {@code _}. */
  <E extends Enum<E>> E enumValue(Class<E> type, Function<E, String> spelling) {
    return enumValue(Arrays.asList(type.getEnumConstants()), spelling);
  }

  /** One of {@code allowed}, matched without regard to case, {@code -} or {@code _}. */
  <E> E enumValue(List<E> allowed, Function<E, String> spelling) {
    String value = nonEmpty();
    String wanted = normalize(value);
    for (E constant : allowed) {
      if (normalize(spelling.apply(constant)).equals(wanted)) {
        return constant;
      }
    }
    throw error(
        "unknown value '"
            + value
            + "' (allowed: "
            + allowed.stream().map(spelling).collect(Collectors.joining(", "))
            + ")");
  }

  /** A table or database name: lower-case letters, digits and {@code _}. */
  String tableName() {
    return checkTableName(nonEmpty());
  }

  /** {@code name}, found at this node, if it is a valid table or database name. */
  String checkTableName(String name) {
    if (!TABLE_NAME.matcher(name).matches()) {
      throw error(
          "not a valid table or database name '"
              + name
              + "' (use lower-case letters, digits and _, starting with a letter or _; Glue and Athena fold names to lower case)");
    }
    return name;
  }

  /** One character; {@code \t} reads as a tab. */
  char singleChar() {
    String value = scalar();
    String unescaped = value.equals("\\t") ? "\t" : value;
    if (unescaped.length() != 1) {
      throw error("expected a single character, found '" + value + "'");
    }
    return unescaped.charAt(0);
  }

  /** An absolute URL such as {@code http://127.0.0.1:8080}. */
  URI uri() {
    String value = nonEmpty();
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw error(
            "expected an absolute URL such as http://127.0.0.1:8080, found '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw error("not a valid URL '" + value + "'");
    }
  }

  /** An ISO-8601 instant such as {@code 2026-11-01T00:00:00Z}. */
  Instant instant() {
    String value = nonEmpty();
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw error(
          "expected an ISO-8601 instant such as 2026-11-01T00:00:00Z, found '" + value + "'");
    }
  }

  /** A Java regular expression, returned as written. */
  String regex() {
    String pattern = nonEmpty();
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw error("not a valid regular expression '" + pattern + "': " + e.getDescription());
    }
    return pattern;
  }

  private static String normalize(String text) {
    return text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private String describe() {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  private static String sorted(Set<String> keys) {
    return String.join(", ", new LinkedHashSet<>(keys.stream().sorted().toList()));
  }

  /** A mapping read from the file, its keys already checked against the allowed set. */
  static final class YamlObject {
    private final YamlNode self;
    private final Map<String, YamlNode> entries;

    YamlObject(YamlNode self, Map<String, YamlNode> entries) {
      this.self = self;
      this.entries = entries;
    }

    YamlNode node() {
      return self;
    }

    /** The value of a declared key, if set. */
    Optional<YamlNode> optional(PipelineKey<?> key) {
      return optional(key.name());
    }

    YamlNode required(PipelineKey<?> key) {
      return required(key.name());
    }

    Optional<YamlNode> optional(String key) {
      YamlNode value = entries.get(key);
      if (value == null || isNull(value)) {
        return Optional.empty();
      }
      return Optional.of(value);
    }

    YamlNode required(String key) {
      return optional(key).orElseThrow(() -> self.error("missing required key '" + key + "'"));
    }

    boolean has(String key) {
      return optional(key).isPresent();
    }

    Set<String> keys() {
      return entries.keySet();
    }

    /** Exactly one of {@code keys} must be present; returns it. */
    String exactlyOneOf(String... keys) {
      List<String> present = Arrays.stream(keys).filter(this::has).toList();
      if (present.size() != 1) {
        throw self.error(
            (present.isEmpty() ? "missing one of " : "only one of these may be set, found ")
                + String.join(", ", present.isEmpty() ? Arrays.asList(keys) : present));
      }
      return present.get(0);
    }

    private static boolean isNull(YamlNode value) {
      return value.node instanceof ScalarNode scalar
          && scalar.getTag().getValue().endsWith(":null");
    }
  }
}
